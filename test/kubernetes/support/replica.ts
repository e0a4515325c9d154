// One `kgate serve --kubernetes` replica as a child process on loopback ports, and what
// the tests ask it: Checks over gRPC with the tags an injected filter carries, /readyz,
// /metrics. Stopped by its own PID.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import type { ServiceError } from '@grpc/grpc-js';
import { compilePolicyObject } from '../../../src/engine/policy/load.js';
import { createCompilers } from '../../../src/engine/compilers/index.js';
import { planListener } from '../../../src/hooks/plan.js';
import { CheckRequestSchema, CheckResponseSchema } from '../../../src/gen/envoy/service/auth/v3/external_auth_pb.js';
import { client, unary } from '../../authz/support/grpc.js';
import { CHECK, envoyCheck, httpRequest } from '../../authz/support/server.js';
import { freePort, REPO, startChild, stopChild, until } from './apiserver.js';
import type { ChildProcess } from 'node:child_process';

export type Answer = 'allowed' | `denied ${number}` | 'unavailable' | `error ${string}`;

export class Replica {
  private child?: ChildProcess;
  grpc = '';
  admin = '';

  constructor(
    readonly name: string,
    private readonly dir: string,
    private readonly args: readonly string[],
  ) {}

  get logFile(): string {
    return join(this.dir, `${this.name}.log`);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    this.grpc ||= `127.0.0.1:${await freePort()}`;
    this.admin ||= `127.0.0.1:${await freePort()}`;
    this.child = startChild(
      process.execPath,
      [
        join(REPO, 'bin', 'kgate'),
        'serve',
        '--grpc-address',
        this.grpc,
        '--http-address',
        'off',
        '--admin-address',
        this.admin,
        '--shutdown-delay',
        '1ms',
        ...this.args,
      ],
      this.logFile,
    );
    await until(`${this.name} to answer /healthz`, async () => {
      if (this.child?.exitCode !== null) throw new Error(`${this.name} exited with ${this.child?.exitCode}: ${this.logTail()}`);
      return (await httpRequest(this.admin, { path: '/healthz' })).status === 200 ? true : undefined;
    });
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await stopChild(this.child, signal);
  }

  logTail(lines = 20): string {
    try {
      return readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  async ready(): Promise<boolean> {
    return (await httpRequest(this.admin, { path: '/readyz' })).status === 200;
  }

  async metrics(): Promise<Map<string, number>> {
    const text = (await httpRequest(this.admin, { path: '/metrics' })).body;
    return new Map(
      text
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => [l.slice(0, l.lastIndexOf(' ')), Number(l.slice(l.lastIndexOf(' ') + 1))] as const),
    );
  }

  /** One Check with the filter's tags as gRPC initial metadata. */
  async check(tags: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
    const c = client(this.grpc);
    try {
      const reply = fromBinary(
        CheckResponseSchema,
        await unary(c, CHECK, toBinary(CheckRequestSchema, create(CheckRequestSchema, envoyCheck('GET', '/books', undefined, headers))), tags),
      );
      if (reply.httpResponse.case === 'deniedResponse') return `denied ${reply.httpResponse.value.status?.code ?? 0}`;
      if ((reply.status?.code ?? 0) === 0) return 'allowed';
      return `error status ${reply.status?.code} without a denied response`;
    } catch (error) {
      const code = (error as ServiceError).code;
      return code === 14 ? 'unavailable' : `error ${String((error as Error).message)}`;
    } finally {
      c.close();
    }
  }
}

const compilers = createCompilers({
  now: Date.now,
  keys: { jwks: () => Promise.reject(new Error('no keys')), file: () => Promise.reject(new Error('no keys')) },
});

/**
 * The tags kgate's hook puts on the filter of one HTTPS Gateway listener `section`
 * (`ns/gw/listener`) of xds listener `listener`, given the policy objects Envoy Gateway
 * attached (as EG sends them: the objects the API server returns). Undefined: no policy in
 * scope, so the hook injects no filter.
 */
export function hookTags(listener: string, section: string, objects: readonly unknown[]): Record<string, string> | undefined {
  const policies = objects.map((o, i) => compilePolicyObject(o, `object ${i}`, compilers));
  const [plan] = planListener([{ chain: section, routeConfig: section, isDefault: false }], policies);
  if (!plan) return undefined;
  return { 'x-kgate-listener': listener, 'x-kgate-sections': plan.sections.join(','), 'x-kgate-policy-set': plan.policySet };
}
