// How a Check says which Gateway and route it came from. The injected ext_authz
// filter sets the listener tags as gRPC initial_metadata (or request headers over
// Envoy's HTTP protocol); routes with route policies add theirs as the per-route
// `check_settings.context_extensions` (ExtAuthzPerRoute). The policy store
// answers with the policies of that scope.
import type { RouteIdentity } from '../engine/policy/targets.js';

/**
 * xds listener name the filter was injected into (policies from the hook arrive
 * per listener). Set only by filters kgate's Envoy Gateway hook injected: a
 * Check naming a listener kgate has not heard of is not decided (see store).
 */
export const LISTENER_KEY = 'x-kgate-listener';
/** Comma-separated Gateway listeners `<namespace>/<gateway>/<listener>` served by the filter's HCM (hand-written Envoy configs may set only this). */
export const SECTIONS_KEY = 'x-kgate-sections';
/** Context extension: the xds route name whose route policies PostRouteModify received (the store's `route:` source). */
export const ROUTE_KEY = 'x-kgate-route-key';
/** Context extension: `<Kind>/<namespace>/<name>` of the route (HTTPRoute or GRPCRoute). */
export const ROUTE_NAME_KEY = 'x-kgate-route';
/** Context extension: the route rule's name (the sectionName a policy targets), when the rule has one. */
export const RULE_KEY = 'x-kgate-rule';

export interface RouteScope {
  /** The xds route name, when the hook enabled the filter on it. */
  readonly key?: string;
  readonly identity?: RouteIdentity;
}

export interface CheckScope {
  readonly listener?: string;
  readonly sections: readonly string[];
  readonly route?: RouteScope;
}

/** The scope of a Check from its metadata/headers; undefined when untagged. */
export function scopeFrom(get: (key: string) => string | undefined): CheckScope | undefined {
  const listener = get(LISTENER_KEY) || undefined;
  const sections = (get(SECTIONS_KEY) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (listener === undefined && sections.length === 0) return undefined;
  return listener === undefined ? { sections } : { listener, sections };
}

/**
 * The scope with the route the Check's context extensions name (AttributeContext
 * `contextExtensions`, set by the per-route config kgate's route hook wrote).
 * Unchanged when they name none.
 */
export function withRoute(scope: CheckScope | undefined, contextExtensions: unknown): CheckScope | undefined {
  if (typeof contextExtensions !== 'object' || contextExtensions === null) return scope;
  const ext = contextExtensions as Record<string, unknown>;
  const key = typeof ext[ROUTE_KEY] === 'string' && ext[ROUTE_KEY] !== '' ? ext[ROUTE_KEY] : undefined;
  const identity = typeof ext[ROUTE_NAME_KEY] === 'string' ? parseRoute(ext[ROUTE_NAME_KEY], ext[RULE_KEY]) : undefined;
  if (key === undefined && identity === undefined) return scope;
  const route: RouteScope = { ...(key === undefined ? {} : { key }), ...(identity === undefined ? {} : { identity }) };
  return { ...(scope ?? { sections: [] }), route };
}

/** `<Kind>/<namespace>/<name>` (and a rule name) as a route identity; undefined when malformed. */
export function parseRoute(text: string, rule?: unknown): RouteIdentity | undefined {
  const [kind, namespace, name, ...rest] = text.split('/');
  if (!kind || !namespace || !name || rest.length > 0) return undefined;
  return { kind, namespace, name, ...(typeof rule === 'string' && rule !== '' ? { rule } : {}) };
}

/** Store key for a scope, also the cache key for its policy selection. */
export function scopeKey(scope: CheckScope | undefined): string {
  if (!scope) return '';
  const base = `${scope.listener ?? ''}|${scope.sections.join(',')}`;
  const route = scope.route;
  if (!route) return base;
  const id = route.identity;
  return `${base}|${route.key ?? ''}|${id ? `${id.kind}/${id.namespace}/${id.name}/${id.rule ?? ''}` : ''}`;
}
