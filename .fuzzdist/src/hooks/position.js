const TYPE_PREFIX = 'type.googleapis.com/';
/** Known filters: Envoy Gateway names them `<extension name>` or `<extension name>/<suffix>`. */
const KINDS = {
    jwt: { name: 'envoy.filters.http.jwt_authn', type: 'envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication' },
    rateLimit: { name: 'envoy.filters.http.ratelimit', type: 'envoy.extensions.filters.http.ratelimit.v3.RateLimit' },
    localRateLimit: { name: 'envoy.filters.http.local_ratelimit', type: 'envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit' },
    router: { name: 'envoy.filters.http.router', type: 'envoy.extensions.filters.http.router.v3.Router' },
};
function nameIs(filter, name) {
    return filter.name === name || filter.name.startsWith(`${name}/`);
}
function is(filter, kind) {
    return nameIs(filter, kind.name) || filter.typeUrl === TYPE_PREFIX + kind.type;
}
/**
 * Index at which to insert the kgate filter into `filters` (which no longer
 * holds a kgate filter). `auto`: right after the last jwt_authn filter, so
 * verified claims are in the metadata kgate receives; otherwise before the
 * first rate-limit filter or the router, so denied requests spend no quota.
 * `before:`/`after:` name a filter (exact name or name prefix before `/`) and
 * fall back to `auto` when the HCM has no such filter.
 */
export function insertionIndex(filters, position) {
    // The router is terminal: nothing may follow it, whatever the position says.
    return Math.min(preferredIndex(filters, position), firstOr(filters, (f) => is(f, KINDS.router), filters.length));
}
function preferredIndex(filters, position) {
    switch (position.kind) {
        case 'first':
            return 0;
        case 'before-router':
            return filters.length;
        case 'before':
        case 'after': {
            const at = filters.findIndex((f) => nameIs(f, position.filter));
            if (at >= 0)
                return position.kind === 'before' ? at : at + 1;
            return preferredIndex(filters, { kind: 'auto' });
        }
        case 'auto': {
            const jwt = filters.findLastIndex((f) => is(f, KINDS.jwt));
            if (jwt >= 0)
                return jwt + 1;
            return firstOr(filters, (f) => is(f, KINDS.rateLimit) || is(f, KINDS.localRateLimit), filters.length);
        }
    }
}
function firstOr(filters, test, fallback) {
    const at = filters.findIndex(test);
    return at >= 0 ? at : fallback;
}
//# sourceMappingURL=position.js.map