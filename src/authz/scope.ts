// How a Check says which Gateway it came from. The injected ext_authz filter
// sets these as gRPC initial_metadata (or request headers over Envoy's HTTP
// protocol); the policy store answers with the policies of that scope.

/** xds listener name the filter was injected into (policies from the hook arrive per listener). */
export const LISTENER_KEY = 'x-kgate-listener';
/** Comma-separated Gateway listeners `<namespace>/<gateway>/<listener>` served by the filter's HCM. */
export const SECTIONS_KEY = 'x-kgate-sections';

export interface CheckScope {
  readonly listener: string;
  readonly sections: readonly string[];
}

/** The scope of a Check from its metadata/headers; undefined when untagged. */
export function scopeFrom(get: (key: string) => string | undefined): CheckScope | undefined {
  const listener = get(LISTENER_KEY);
  if (!listener) return undefined;
  const sections = (get(SECTIONS_KEY) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return { listener, sections };
}

/** Store key for a scope, also the cache key for its policy selection. */
export function scopeKey(scope: CheckScope | undefined): string {
  return scope ? `${scope.listener}|${scope.sections.join(',')}` : '';
}
