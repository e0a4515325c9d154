// Serves a grpc-js service ({definition, implementation}, e.g. the Envoy
// Gateway hooks) on kgate's own gRPC port. Unary methods only: the handler gets
// a grpc-js ServerUnaryCall (request, metadata, peer, path, host, cancellation)
// and answers through its callback as it would on a grpc-js server.
import { EventEmitter } from 'node:events';
import { Metadata, } from '@grpc/grpc-js';
import { GrpcError, Status } from './grpc-server.js';
/** One handler per method path. Throws when the service has a streaming method. */
export function grpcJsRoutes(definition, implementation) {
    const routes = new Map();
    for (const [name, method] of Object.entries(definition)) {
        if (method.requestStream || method.responseStream)
            throw new Error(`${method.path}: only unary methods can be served on kgate's gRPC port`);
        const impl = implementation[name] ?? (typeof method.originalName === 'string' ? implementation[method.originalName] : undefined);
        routes.set(method.path, impl === undefined
            ? () => Promise.reject(new GrpcError(Status.UNIMPLEMENTED, `${method.path} is not implemented`))
            : (bytes, call) => invoke(impl, method.requestDeserialize, method.responseSerialize, bytes, call));
    }
    return routes;
}
function invoke(impl, deserialize, serialize, bytes, call) {
    let request;
    try {
        request = deserialize(bytes);
    }
    catch (error) {
        return Promise.reject(new GrpcError(Status.INTERNAL, `cannot deserialize the request: ${error instanceof Error ? error.message : String(error)}`));
    }
    return new Promise((resolve, reject) => {
        let answered = false;
        impl(adaptedCall(request, call), (error, value) => {
            if (answered)
                return;
            answered = true;
            if (error)
                reject(new GrpcError(typeof error.code === 'number' ? error.code : Status.UNKNOWN, error.details ?? error.message ?? 'unknown error'));
            else
                resolve(serialize(value));
        });
    });
}
function adaptedCall(request, call) {
    const emitter = new EventEmitter();
    const { stream, headers } = call;
    stream.once('close', () => {
        if (stream.rstCode !== 0 && !stream.headersSent)
            emitter.emit('cancelled', 'cancelled');
    });
    const adapted = Object.assign(emitter, {
        request,
        metadata: Metadata.fromHttp2Headers(headers),
        get cancelled() {
            return stream.destroyed && !stream.headersSent;
        },
        getPeer: () => `${stream.session?.socket?.remoteAddress ?? 'unix'}:${stream.session?.socket?.remotePort ?? 0}`,
        sendMetadata: () => undefined,
        getDeadline: () => Infinity,
        getPath: () => call.path,
        getHost: () => String(headers[':authority'] ?? ''),
    });
    // grpc-js's auth context and ORCA metric recorder have no meaning on a plaintext port without load reporting.
    return adapted;
}
//# sourceMappingURL=grpc-js-adapter.js.map