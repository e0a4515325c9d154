// Starting kgate for tests: in process through KgateServer (what serve.ts
// builds), or as the real CLI (`bin/kgate serve`) in a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { create, fromBinary, toBinary, type MessageInitShape } from '@bufbuild/protobuf';
import { KgateServer, type BoundAddresses, type KgateServerOptions } from '../../../src/authz/server.js';
import { createCompilers } from '../../../src/engine/compilers/index.js';
import type { KeyResolver } from '../../../src/engine/types.js';
import { CheckRequestSchema, CheckResponseSchema, type CheckResponse } from '../../../src/gen/envoy/service/auth/v3/external_auth_pb.js';
import { createLogger } from '../../../src/runtime/logger.js';
import { client, unary } from './grpc.js';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..', '..');
export const CHECK = '/envoy.service.auth.v3.Authorization/Check';

export const ADMIN_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjIyNDEwODE1MzksIm5iZiI6MTUxNDg1MTEzOSwicm9sZSI6ImFkbWluIiwic3ViIjoiWVd4cFkyVT0ifQ.veMeVDYlulTdieeX-jxFZ_tCmqQ_K8rwx2OktUHv5Z0';
export const GUEST_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjIyNDEwODE1MzksIm5iZiI6MTUxNDg1MTEzOSwicm9sZSI6Imd1ZXN0Iiwic3ViIjoiWVd4cFkyVT0ifQ.ja1bgvIt47393ba_WbSBm35NrUhdxM4mOVQN8iXz8lk';

/** Log lines kgate wrote, parsed. */
export class LogLines extends Writable {
  readonly lines: Record<string, unknown>[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    for (const line of chunk.toString().split('\n')) if (line) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  }

  find(msg: string, match: Record<string, unknown> = {}): Record<string, unknown> | undefined {
    return this.lines.find((l) => l.msg === msg && Object.entries(match).every(([k, v]) => l[k] === v));
  }
}

const tempDirs: string[] = [];
process.on('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under os.tmpdir(), removed when the test process exits. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `kgate-${name}-`));
  tempDirs.push(dir);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

const noKeys: KeyResolver = {
  jwks: (url) => Promise.reject(new Error(`no JWKS in tests: ${url}`)),
  file: (path) => Promise.reject(new Error(`no key files in tests: ${path}`)),
};

export interface Started {
  readonly server: KgateServer;
  readonly addresses: BoundAddresses;
  readonly logs: LogLines;
}

/** A KgateServer on ephemeral 127.0.0.1 ports, not yet loaded unless `load`. */
export async function startInProcess(overrides: Partial<KgateServerOptions> & { load?: boolean; keys?: KeyResolver } = {}): Promise<Started> {
  const logs = new LogLines();
  const logger = createLogger('info', logs);
  const tcp = { kind: 'tcp', host: '127.0.0.1', port: 0 } as const;
  const { load = true, keys = noKeys, ...options } = overrides;
  const server = new KgateServer({
    grpcAddress: tcp,
    httpAddress: tcp,
    adminAddress: tcp,
    policyPaths: [],
    compilers: createCompilers({ now: Date.now, keys }),
    logger,
    decisionTimeoutMs: 100,
    decisionLog: true,
    httpMaxBodyBytes: 1024 * 1024,
    grpcMaxReceiveBytes: 4 * 1024 * 1024,
    shutdownTimeoutMs: 2000,
    watchDebounceMs: 50,
    ...options,
  });
  const addresses = await server.listen();
  try {
    if (load) await server.loadPolicies();
  } catch (error) {
    await server.close(); // open ports would keep the test process alive
    throw error;
  }
  return { server, addresses, logs };
}

export type CheckInit = MessageInitShape<typeof CheckRequestSchema>;

/** A CheckRequest as Envoy sends it for method/path with the given token and extra headers. */
export function envoyCheck(method: string, path: string, token?: string, headers: Record<string, string> = {}, body?: string): CheckInit {
  return {
    attributes: {
      source: { address: { address: { case: 'socketAddress', value: { address: '10.0.0.1', portSpecifier: { case: 'portValue', value: 40000 } } } } },
      destination: { address: { address: { case: 'socketAddress', value: { address: '10.0.0.2', portSpecifier: { case: 'portValue', value: 8080 } } } } },
      request: {
        time: { seconds: 1_795_000_000n },
        http: {
          id: '4242',
          method,
          path,
          host: 'books.example.com',
          scheme: 'http',
          protocol: 'HTTP/1.1',
          headers: {
            ':authority': 'books.example.com',
            ':method': method,
            ':path': path,
            'x-request-id': 'req-1',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...headers,
          },
          ...(body === undefined ? {} : { body }),
        },
      },
    },
  };
}

/** Check over gRPC with a grpc-js client. */
export async function grpcCheck(address: string, request: CheckInit, metadata: Record<string, string> = {}): Promise<CheckResponse> {
  const c = client(address);
  try {
    return fromBinary(CheckResponseSchema, await unary(c, CHECK, toBinary(CheckRequestSchema, create(CheckRequestSchema, request)), metadata));
  } finally {
    c.close();
  }
}

export interface HttpReply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** A plain HTTP request to `host:port` or `unix:///path`. */
export function httpRequest(
  address: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<HttpReply> {
  const target = address.startsWith('unix://')
    ? { socketPath: address.slice('unix://'.length) }
    : { host: address.slice(0, address.lastIndexOf(':')), port: Number(address.slice(address.lastIndexOf(':') + 1)) };
  return new Promise((resolve, reject) => {
    const req = http.request({ ...target, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {}, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    // node's client hands the answer to a CONNECT (whatever its status) to 'connect', the body still on the socket.
    req.on('connect', (res: http.IncomingMessage, socket: import('node:net').Socket, head: Buffer) => {
      const chunks = [head];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      socket.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Polls until `probe` returns a value other than undefined (hot reload is asynchronous). */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, limitMs = 5000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface Child {
  readonly process: ChildProcess;
  readonly lines: Record<string, unknown>[];
  /** Resolves with the first log line that matches. */
  waitFor(msg: string): Promise<Record<string, unknown>>;
}

/** `bin/kgate serve <args>` as a child process, its JSON log lines collected. */
export function spawnServe(args: string[]): Child {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'kgate'), 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  let partial = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    for (const part of parts) if (part) lines.push(JSON.parse(part) as Record<string, unknown>);
    child.stdout!.emit('lines');
  });
  const waitFor = async (msg: string) => {
    for (;;) {
      const line = lines.find((l) => l.msg === msg);
      if (line) return line;
      if (child.exitCode !== null) throw new Error(`kgate serve exited ${child.exitCode} before logging ${msg}: ${stderr}`);
      await Promise.race([once(child.stdout!, 'lines'), once(child, 'exit')]);
    }
  };
  return { process: child, lines, waitFor };
}
