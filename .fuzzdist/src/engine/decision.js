/** The decision with no policy in scope or none deciding: allowed, nothing shaped. */
export const ALLOW_ALL = {
    allowed: true,
    httpStatus: 200,
    grpcCode: 0,
    upstream: { set: [], append: [], remove: [], setQuery: [], removeQuery: [] },
    responseHeaders: [],
    reasons: [],
    policies: [],
};
//# sourceMappingURL=decision.js.map