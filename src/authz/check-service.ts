// envoy.service.auth.v3.Authorization/Check on kgate's gRPC port.
import { decodeCheckRequest } from './attributes.js';
import type { Decider } from './decide.js';
import type { UnaryHandler } from './grpc-server.js';
import { GrpcCode, GrpcError } from '../engine/grpc-code.js';
import type { Metrics } from './metrics.js';
import { encodeCheckResponse } from './response.js';
import { scopeFrom, withRoute } from '../policies/scope.js';
import { errorText } from '../engine/types.js';

export const CHECK_PATH = '/envoy.service.auth.v3.Authorization/Check';

/**
 * A request that is not a CheckRequest Envoy could send (malformed bytes, no
 * attributes) gets INVALID_ARGUMENT, and a Check kgate cannot decide yet
 * (see Decider.unavailable) UNAVAILABLE: Envoy handles both per
 * failure_mode_allow and status_on_error.
 */
export function checkHandler(decider: Decider, metrics: Metrics): UnaryHandler {
  return async (bytes, call) => {
    const tagged = scopeFrom((key) => {
      const value = call.headers[key];
      return Array.isArray(value) ? value.join(',') : value;
    });
    const early = decider.unavailable(tagged);
    if (early !== undefined) {
      metrics.failed('grpc');
      throw new GrpcError(GrpcCode.UNAVAILABLE, early);
    }
    let attributes: ReturnType<typeof decodeCheckRequest>;
    try {
      attributes = decodeCheckRequest(bytes);
    } catch (error) {
      metrics.failed('grpc');
      throw new GrpcError(GrpcCode.INVALID_ARGUMENT, `malformed CheckRequest: ${errorText(error)}`);
    }
    if (attributes === undefined) {
      metrics.failed('grpc');
      throw new GrpcError(GrpcCode.INVALID_ARGUMENT, 'CheckRequest has no attributes');
    }
    // Routes with route policies name themselves in the per-route context extensions.
    const scope = withRoute(tagged, attributes.contextExtensions);
    const unavailable = scope === tagged ? undefined : decider.unavailable(scope);
    if (unavailable !== undefined) {
      metrics.failed('grpc');
      throw new GrpcError(GrpcCode.UNAVAILABLE, unavailable);
    }
    return encodeCheckResponse(await decider.decide(attributes, scope, 'grpc'));
  };
}
