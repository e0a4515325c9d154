// grpc.health.v1.Health/Check: SERVING once the initial policy load is done
// and until a drain starts. (Watch, a server stream, is not offered:
// Kubernetes gRPC probes and Envoy health checks use Check.)
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { HealthCheckRequestSchema, HealthCheckResponseSchema, HealthCheckResponse_ServingStatus } from '../gen/grpc/health/v1/health_pb.js';
import { GrpcCode, GrpcError } from '../engine/grpc-code.js';
export const HEALTH_CHECK_PATH = '/grpc.health.v1.Health/Check';
const answer = (status) => toBinary(HealthCheckResponseSchema, create(HealthCheckResponseSchema, { status }));
const SERVING = answer(HealthCheckResponse_ServingStatus.SERVING);
const NOT_SERVING = answer(HealthCheckResponse_ServingStatus.NOT_SERVING);
/** `services`: the fully qualified service names served on the port ('' asks about the server as a whole). */
export function healthHandler(serving, services) {
    return (bytes) => {
        const { service } = fromBinary(HealthCheckRequestSchema, bytes);
        if (service !== '' && !services().includes(service))
            throw new GrpcError(GrpcCode.NOT_FOUND, `unknown service ${JSON.stringify(service)}`);
        return serving() ? SERVING : NOT_SERVING;
    };
}
//# sourceMappingURL=health.js.map