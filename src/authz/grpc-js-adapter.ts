// Serves a grpc-js service ({definition, implementation}, e.g. the Envoy
// Gateway hooks) on kgate's own gRPC port. Unary methods only: the handler gets
// a grpc-js ServerUnaryCall (request, metadata, peer, path, host, cancellation)
// and answers through its callback as it would on a grpc-js server.
import { EventEmitter } from 'node:events';
import {
  Metadata,
  type ServerErrorResponse,
  type ServerUnaryCall,
  type ServiceDefinition,
  type StatusObject,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { GrpcError, type UnaryCall, type UnaryHandler } from './grpc-server.js';
import { GrpcCode } from '../engine/grpc-code.js';
import { errorText } from '../engine/types.js';

/** One handler per method path. Throws when the service has a streaming method. */
export function grpcJsRoutes(definition: ServiceDefinition, implementation: UntypedServiceImplementation): Map<string, UnaryHandler> {
  const routes = new Map<string, UnaryHandler>();
  for (const [name, method] of Object.entries(definition)) {
    if (method.requestStream || method.responseStream) throw new Error(`${method.path}: only unary methods can be served on kgate's gRPC port`);
    const impl = implementation[name] ?? (typeof method.originalName === 'string' ? implementation[method.originalName] : undefined);
    routes.set(
      method.path,
      impl === undefined
        ? () => Promise.reject(new GrpcError(GrpcCode.UNIMPLEMENTED, `${method.path} is not implemented`))
        : (bytes, call) => invoke(impl as Unary, method.requestDeserialize, method.responseSerialize, bytes, call),
    );
  }
  return routes;
}

type Unary = (call: ServerUnaryCall<unknown, unknown>, callback: (error: ServerErrorResponse | Partial<StatusObject> | null, value?: unknown) => void) => void;

function invoke(
  impl: Unary,
  deserialize: (bytes: Buffer) => unknown,
  serialize: (value: unknown) => Buffer,
  bytes: Buffer,
  call: UnaryCall,
): Promise<Uint8Array> {
  let request: unknown;
  try {
    request = deserialize(bytes);
  } catch (error) {
    return Promise.reject(new GrpcError(GrpcCode.INTERNAL, `cannot deserialize the request: ${errorText(error)}`));
  }
  return new Promise((resolve, reject) => {
    let answered = false;
    impl(adaptedCall(request, call), (error, value) => {
      if (answered) return;
      answered = true;
      if (error)
        reject(new GrpcError(typeof error.code === 'number' ? error.code : GrpcCode.UNKNOWN, error.details ?? (error as Error).message ?? 'unknown error'));
      else resolve(serialize(value));
    });
  });
}

function adaptedCall(request: unknown, call: UnaryCall): ServerUnaryCall<unknown, unknown> {
  const emitter = new EventEmitter();
  const { stream, headers } = call;
  stream.once('close', () => {
    if (stream.rstCode !== 0 && !stream.headersSent) emitter.emit('cancelled', 'cancelled');
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
  return adapted as unknown as ServerUnaryCall<unknown, unknown>;
}
