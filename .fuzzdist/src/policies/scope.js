// How a Check says which Gateway it came from. The injected ext_authz filter
// sets these as gRPC initial_metadata (or request headers over Envoy's HTTP
// protocol); the policy store answers with the policies of that scope.
/**
 * xds listener name the filter was injected into (policies from the hook arrive
 * per listener). Set only by filters kgate's Envoy Gateway hook injected: a
 * Check naming a listener kgate has not heard of is not decided (see store).
 */
export const LISTENER_KEY = 'x-kgate-listener';
/** Comma-separated Gateway listeners `<namespace>/<gateway>/<listener>` served by the filter's HCM (hand-written Envoy configs may set only this). */
export const SECTIONS_KEY = 'x-kgate-sections';
/** The scope of a Check from its metadata/headers; undefined when untagged. */
export function scopeFrom(get) {
    const listener = get(LISTENER_KEY) || undefined;
    const sections = (get(SECTIONS_KEY) ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    if (listener === undefined && sections.length === 0)
        return undefined;
    return listener === undefined ? { sections } : { listener, sections };
}
/** Store key for a scope, also the cache key for its policy selection. */
export function scopeKey(scope) {
    return scope ? `${scope.listener ?? ''}|${scope.sections.join(',')}` : '';
}
//# sourceMappingURL=scope.js.map