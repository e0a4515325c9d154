// gRPC status codes (grpc/grpc doc/statuscodes.md): what a denial carries in
// CheckResponse.status and what kgate's gRPC handlers answer with (GrpcError).
export const GrpcCode = {
    OK: 0,
    CANCELLED: 1,
    UNKNOWN: 2,
    INVALID_ARGUMENT: 3,
    DEADLINE_EXCEEDED: 4,
    NOT_FOUND: 5,
    ALREADY_EXISTS: 6,
    PERMISSION_DENIED: 7,
    RESOURCE_EXHAUSTED: 8,
    FAILED_PRECONDITION: 9,
    ABORTED: 10,
    OUT_OF_RANGE: 11,
    UNIMPLEMENTED: 12,
    INTERNAL: 13,
    UNAVAILABLE: 14,
    DATA_LOSS: 15,
    UNAUTHENTICATED: 16,
};
/** Thrown (or rejected) by a handler to answer with that status. */
export class GrpcError extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.code = code;
        this.name = 'GrpcError';
    }
}
//# sourceMappingURL=grpc-code.js.map