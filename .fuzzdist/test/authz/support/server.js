// Starting kgate for tests: in process through KgateServer (what serve.ts
// builds), or as the real CLI (`bin/kgate serve`) in a child process.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { KgateServer } from '../../../src/authz/server.js';
import { createCompilers } from '../../../src/engine/compilers/index.js';
import { CheckRequestSchema, CheckResponseSchema } from '../../../src/gen/envoy/service/auth/v3/external_auth_pb.js';
import { createLogger } from '../../../src/runtime/logger.js';
import { client, unary } from './grpc.js';
export const ROOT = resolve(import.meta.dirname, '..', '..', '..', '..');
export const CHECK = '/envoy.service.auth.v3.Authorization/Check';
export const ADMIN_TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjIyNDEwODE1MzksIm5iZiI6MTUxNDg1MTEzOSwicm9sZSI6ImFkbWluIiwic3ViIjoiWVd4cFkyVT0ifQ.veMeVDYlulTdieeX-jxFZ_tCmqQ_K8rwx2OktUHv5Z0';
export const GUEST_TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjIyNDEwODE1MzksIm5iZiI6MTUxNDg1MTEzOSwicm9sZSI6Imd1ZXN0Iiwic3ViIjoiWVd4cFkyVT0ifQ.ja1bgvIt47393ba_WbSBm35NrUhdxM4mOVQN8iXz8lk';
/** Log lines kgate wrote, parsed. */
export class LogLines extends Writable {
    lines = [];
    _write(chunk, _encoding, done) {
        for (const line of chunk.toString().split('\n'))
            if (line)
                this.lines.push(JSON.parse(line));
        done();
    }
    find(msg, match = {}) {
        return this.lines.find((l) => l.msg === msg && Object.entries(match).every(([k, v]) => l[k] === v));
    }
}
const tempDirs = [];
process.on('exit', () => {
    for (const dir of tempDirs)
        rmSync(dir, { recursive: true, force: true });
});
/** A fresh folder under os.tmpdir(), removed when the test process exits. */
export function tempDir(name) {
    const dir = mkdtempSync(join(tmpdir(), `kgate-${name}-`));
    tempDirs.push(dir);
    return dir;
}
export function writeFiles(dir, files) {
    for (const [name, text] of Object.entries(files))
        writeFileSync(join(dir, name), text);
}
const noKeys = {
    jwks: (url) => Promise.reject(new Error(`no JWKS in tests: ${url}`)),
    file: (path) => Promise.reject(new Error(`no key files in tests: ${path}`)),
};
/** A KgateServer on ephemeral 127.0.0.1 ports, not yet loaded unless `load`. */
export async function startInProcess(overrides = {}) {
    const logs = new LogLines();
    const logger = createLogger('info', logs);
    const tcp = { kind: 'tcp', host: '127.0.0.1', port: 0 };
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
        if (load)
            await server.loadPolicies();
    }
    catch (error) {
        await server.close(); // open ports would keep the test process alive
        throw error;
    }
    return { server, addresses, logs };
}
/** A CheckRequest as Envoy sends it for method/path with the given token and extra headers. */
export function envoyCheck(method, path, token, headers = {}, body) {
    return {
        attributes: {
            source: { address: { address: { case: 'socketAddress', value: { address: '10.0.0.1', portSpecifier: { case: 'portValue', value: 40000 } } } } },
            destination: { address: { address: { case: 'socketAddress', value: { address: '10.0.0.2', portSpecifier: { case: 'portValue', value: 8080 } } } } },
            request: {
                time: { seconds: 1795000000n },
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
export async function grpcCheck(address, request, metadata = {}) {
    const c = client(address);
    try {
        return fromBinary(CheckResponseSchema, await unary(c, CHECK, toBinary(CheckRequestSchema, create(CheckRequestSchema, request)), metadata));
    }
    finally {
        c.close();
    }
}
/** A plain HTTP request to `host:port` or `unix:///path`. */
export function httpRequest(address, options) {
    const target = address.startsWith('unix://')
        ? { socketPath: address.slice('unix://'.length) }
        : { host: address.slice(0, address.lastIndexOf(':')), port: Number(address.slice(address.lastIndexOf(':') + 1)) };
    return new Promise((resolve, reject) => {
        const req = http.request({ ...target, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {}, agent: false }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk) => (body += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        });
        // node's client hands the answer to a CONNECT (whatever its status) to 'connect', the body still on the socket.
        req.on('connect', (res, socket, head) => {
            const chunks = [head];
            socket.on('data', (chunk) => chunks.push(chunk));
            socket.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
            socket.on('error', reject);
        });
        req.on('error', reject);
        req.end(options.body);
    });
}
/** Polls until `probe` returns a value other than undefined (hot reload is asynchronous). */
export async function eventually(probe, what, limitMs = 5000) {
    const deadline = Date.now() + limitMs;
    for (;;) {
        const value = await probe();
        if (value !== undefined)
            return value;
        if (Date.now() > deadline)
            throw new Error(`gave up waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 25));
    }
}
/** `bin/kgate serve <args>` as a child process, its JSON log lines collected. */
export function spawnServe(args) {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'kgate'), 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = [];
    let partial = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk) => {
        const parts = (partial + chunk.toString()).split('\n');
        partial = parts.pop() ?? '';
        for (const part of parts)
            if (part)
                lines.push(JSON.parse(part));
        child.stdout.emit('lines');
    });
    const waitFor = async (msg) => {
        for (;;) {
            const line = lines.find((l) => l.msg === msg);
            if (line)
                return line;
            if (child.exitCode !== null)
                throw new Error(`kgate serve exited ${child.exitCode} before logging ${msg}: ${stderr}`);
            await Promise.race([once(child.stdout, 'lines'), once(child, 'exit')]);
        }
    };
    return { process: child, lines, waitFor };
}
//# sourceMappingURL=server.js.map