// A real gRPC server hosting the extension service on an ephemeral port, a
// real @grpc/grpc-js client, a recording policy store and captured logs.
import * as grpc from '@grpc/grpc-js';
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { pino } from 'pino';
import { createCompilers } from '../../../src/engine/compilers/index.js';
import type { CompiledPolicy } from '../../../src/engine/policy/policy.js';
import type { Compilers } from '../../../src/engine/types.js';
import { hookConfigFrom } from '../../../src/cli/hook-flags.js';
import type { HookConfig } from '../../../src/hooks/config.js';
import { createExtensionService, HOOK_MAX_MESSAGE_BYTES } from '../../../src/hooks/service.js';

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
  const store = { replaceListener: (listener: string, policies: readonly CompiledPolicy[]) => void replaced.push([listener, policies.map((p) => p.id)]) };
  const { definition, implementation } = createExtensionService({ store, compilers: testCompilers, config, logger });
  const limits = { 'grpc.max_receive_message_length': HOOK_MAX_MESSAGE_BYTES, 'grpc.max_send_message_length': HOOK_MAX_MESSAGE_BYTES };
  const server = new grpc.Server(limits);
  server.addService(definition, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, p) => (error ? reject(error) : resolve(p))),
  );
  const Client = grpc.makeClientConstructor(definition, 'EnvoyGatewayExtension');
  const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), limits) as unknown as Record<
    string,
    (request: Uint8Array, callback: (error: grpc.ServiceError | null, response: Uint8Array) => void) => void
  > &
    grpc.Client;
  return {
    config,
    replaced,
    logs,
    call: (method, request) =>
      new Promise((resolve, reject) => client[method]!(request, (error, response) => (error ? reject(error) : resolve(Uint8Array.from(response))))),
    close: async () => {
      client.close();
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
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
