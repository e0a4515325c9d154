// The floor for bench/authz.bench.ts: a no-op Check server on @grpc/grpc-js
// that decodes the request and answers OK. Run as its own process:
//   node dist/bench/authz/floor.js <port>
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { CheckRequestSchema, CheckResponseSchema } from '../../src/gen/envoy/service/auth/v3/external_auth_pb.js';
const OK = Buffer.from(toBinary(CheckResponseSchema, create(CheckResponseSchema, { status: { code: 0 } })));
const server = new Server();
server.addService({
    check: {
        path: '/envoy.service.auth.v3.Authorization/Check',
        requestStream: false,
        responseStream: false,
        requestDeserialize: (bytes) => fromBinary(CheckRequestSchema, bytes),
        requestSerialize: () => Buffer.alloc(0),
        responseSerialize: (bytes) => bytes,
        responseDeserialize: (bytes) => bytes,
    },
}, { check: (_call, callback) => callback(null, OK) });
server.bindAsync(`127.0.0.1:${process.argv[2] ?? '0'}`, ServerCredentials.createInsecure(), (error, port) => {
    if (error)
        throw error;
    process.stdout.write(`${JSON.stringify({ msg: 'listening', address: `127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => server.tryShutdown(() => process.exit(0)));
//# sourceMappingURL=floor.js.map