// kgate's gRPC transport hosting the extension service on an ephemeral port, a
// real @grpc/grpc-js client, a recording policy store and captured logs.
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { pino } from 'pino';
import { createCompilers } from '../../../src/engine/compilers/index.js';
import type { CompiledPolicy } from '../../../src/engine/policy/policy.js';
import type { Compilers } from '../../../src/engine/types.js';
import { hookConfigFrom } from '../../../src/cli/hook-flags.js';
import type { HookConfig } from '../../../src/hooks/config.js';
import { createExtensionService, HOOK_MAX_MESSAGE_BYTES } from '../../../src/hooks/service.js';
import { GrpcServer } from '../../../src/authz/grpc-server.js';
import { EnvoyGatewayExtension } from '../../../src/gen/envoygateway/extension/service_pb.js';
import { client as grpcClient, unary } from '../../authz/support/grpc.js';

export const testCompilers: Compilers = createCompilers({
  now: () => Date.now(),
  keys: {
    jwks: () => Promise.reject(new Error('no keys in hook tests')),
    file: () => Promise.reject(new Error('no keys in hook tests')),
  },
});

export interface Harness {
  /** Store calls in order: [xds listener, policy ids]. */
  readonly replaced: [string, string[]][];
  readonly logs: Record<string, unknown>[];
  call(method: string, request: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function startHooks(flags: Record<string, string> = {}): Promise<Harness & { config: HookConfig }> {
  const replaced: [string, string[]][] = [];
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const config = hookConfigFrom(flags);
  const store = {
    replaceListener: (listener: string, policies: readonly CompiledPolicy[]) => void replaced.push([listener, policies.map((p) => p.id)]),
    replaceRoute: (route: string, policies: readonly CompiledPolicy[]) => void replaced.push([`route:${route}`, policies.map((p) => p.id)]),
  };
  const { routes } = createExtensionService({ store, compilers: testCompilers, config, logger });
  // Hosted as `kgate serve` hosts it: on kgate's own gRPC transport, with the hooks' receive limit.
  const server = new GrpcServer({ logger: pino({ level: 'silent' }), maxReceiveBytes: HOOK_MAX_MESSAGE_BYTES });
  for (const [path, handler] of routes) server.route(path, handler);
  const address = await server.listen({ kind: 'tcp', host: '127.0.0.1', port: 0 });
  const client = grpcClient(address);
  return {
    config,
    replaced,
    logs,
    call: async (method, request) => Uint8Array.from(await unary(client, `/${EnvoyGatewayExtension.typeName}/${method}`, request)),
    close: async () => {
      client.close();
      await server.close(1000);
    },
  };
}

/** A PostHTTPListenerModifyRequest: listener bytes as given, resources as their JSON text (or raw bytes). */
export function listenerRequest(listener: Uint8Array, resources: readonly (object | Uint8Array)[] = []): Uint8Array {
  const writer = new BinaryWriter().tag(1, WireType.LengthDelimited).bytes(listener);
  writer.tag(2, WireType.LengthDelimited).fork();
  for (const resource of resources) {
    const bytes = resource instanceof Uint8Array ? resource : new TextEncoder().encode(JSON.stringify(resource));
    writer.tag(1, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).bytes(bytes).join();
  }
  return writer.join().finish();
}

/** Field `no` (length-delimited) of a reply; undefined when unset. */
export function replyField(reply: Uint8Array, no = 1): Uint8Array | undefined {
  const reader = new BinaryReader(reply);
  let found: Uint8Array | undefined;
  while (reader.pos < reader.len) {
    const [n, wireType] = reader.tag();
    if (n === no && wireType === WireType.LengthDelimited) found = Uint8Array.from(reader.bytes());
    else reader.skip(wireType, n);
  }
  return found;
}

/** A kgate AuthorizationPolicy as Envoy Gateway sends it (the whole object). */
export function policyObject(
  name: string,
  targetRefs: readonly { name: string; sectionName?: string }[],
  options: { namespace?: string; failurePolicy?: 'Fail' | 'Ignore'; readsBody?: boolean; spec?: Record<string, unknown> } = {},
): Record<string, unknown> {
  const check = options.readsBody ? { request: { http: { body: 'ok' } } } : { request: { http: { method: 'GET' } } };
  return {
    apiVersion: 'kgate.dev/v1alpha1',
    kind: 'AuthorizationPolicy',
    metadata: { name, namespace: options.namespace ?? 'default', uid: `uid-${name}`, generation: 1 },
    spec: {
      targetRefs: targetRefs.map((r) => ({ group: 'gateway.networking.k8s.io', kind: 'Gateway', ...r })),
      ...(options.failurePolicy ? { failurePolicy: options.failurePolicy } : {}),
      rules: [{ name: 'only-get', assert: { all: [{ message: 'only GET', check }] } }],
      ...options.spec,
    },
    status: { ancestors: [] },
  };
}
