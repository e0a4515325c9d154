// kgate's gRPC transport hosting the extension service on an ephemeral port, a
// real @grpc/grpc-js client, a recording policy store and captured logs.
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { pino } from 'pino';
import { createCompilers } from '../../../src/engine/compilers/index.js';
import { hookConfigFrom } from '../../../src/cli/hook-flags.js';
import { createExtensionService, HOOK_MAX_MESSAGE_BYTES } from '../../../src/hooks/service.js';
import { GrpcServer } from '../../../src/authz/grpc-server.js';
import { EnvoyGatewayExtension } from '../../../src/gen/envoygateway/extension/service_pb.js';
import { client as grpcClient, unary } from '../../authz/support/grpc.js';
export const testCompilers = createCompilers({
    now: () => Date.now(),
    keys: {
        jwks: () => Promise.reject(new Error('no keys in hook tests')),
        file: () => Promise.reject(new Error('no keys in hook tests')),
    },
});
export async function startHooks(flags = {}) {
    const replaced = [];
    const logs = [];
    const logger = pino({ level: 'debug' }, { write: (line) => void logs.push(JSON.parse(line)) });
    const config = hookConfigFrom(flags);
    const store = { replaceListener: (listener, policies) => void replaced.push([listener, policies.map((p) => p.id)]) };
    const { routes } = createExtensionService({ store, compilers: testCompilers, config, logger });
    // Hosted as `kgate serve` hosts it: on kgate's own gRPC transport, with the hooks' receive limit.
    const server = new GrpcServer({ logger: pino({ level: 'silent' }), maxReceiveBytes: HOOK_MAX_MESSAGE_BYTES });
    for (const [path, handler] of routes)
        server.route(path, handler);
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
export function listenerRequest(listener, resources = []) {
    const writer = new BinaryWriter().tag(1, WireType.LengthDelimited).bytes(listener);
    writer.tag(2, WireType.LengthDelimited).fork();
    for (const resource of resources) {
        const bytes = resource instanceof Uint8Array ? resource : new TextEncoder().encode(JSON.stringify(resource));
        writer.tag(1, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).bytes(bytes).join();
    }
    return writer.join().finish();
}
/** Field `no` (length-delimited) of a reply; undefined when unset. */
export function replyField(reply, no = 1) {
    const reader = new BinaryReader(reply);
    let found;
    while (reader.pos < reader.len) {
        const [n, wireType] = reader.tag();
        if (n === no && wireType === WireType.LengthDelimited)
            found = Uint8Array.from(reader.bytes());
        else
            reader.skip(wireType, n);
    }
    return found;
}
/** A kgate AuthorizationPolicy as Envoy Gateway sends it (the whole object). */
export function policyObject(name, targetRefs, options = {}) {
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
//# sourceMappingURL=harness.js.map