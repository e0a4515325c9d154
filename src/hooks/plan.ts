// Which HTTP connection managers of an xDS listener get the kgate filter, and
// with which settings. Shared by the wire-level hook and `kgate inject`'s JSON
// path, so both decide identically.
//
// How Envoy Gateway names things (internal/xds/translator, v1.9):
// - an HTTPS Gateway listener has its own filter chain in `filter_chains`; the
//   chain and its HCM's `rds.route_config_name` are both `<ns>/<gateway>/<listener>`;
// - plain-HTTP Gateway listeners on one port share `default_filter_chain`; its
//   name and route config name are the first such listener's `<ns>/<gw>/<listener>`
//   (or `http-<port>` under the v2 naming scheme), whatever the others are.
// So a `sectionName` target that names no HTTPS chain of the listener can only
// be served by the default chain (EG sends a listener only the policies of the
// Gateway listeners on its address and port). The limit: plain-HTTP listeners
// sharing a port are one HCM, so a policy on one of them is enforced on all.
// Merged Gateways (mergeGateways) share one IR: EG attaches a Gateway-wide policy to
// every listener of every merged Gateway, and a sectionName one to each listener of
// that name, whatever its Gateway. So a target only counts where a site's names show
// its Gateway (names that show none, `http-<port>`, keep every target).
import type { CompiledPolicy } from '../engine/policy/policy.js';
import { comparePolicies } from '../engine/policy/policy.js';
import { gatewayOfSection, sectionKeys, wholeGatewayKeys } from '../engine/policy/targets.js';

/** One HTTP connection manager of a listener, as far as scoping cares. */
export interface HcmSite {
  /** Name of its filter chain ('' when unnamed). */
  readonly chain: string;
  /** Its `rds.route_config_name` ('' for inline or scoped routes). */
  readonly routeConfig: string;
  /** In `default_filter_chain` rather than `filter_chains`. */
  readonly isDefault: boolean;
}

/** The kgate filter one HCM gets. */
export interface FilterPlan {
  /** Gateway listeners `<ns>/<gw>/<listener>` served by the HCM, sorted: the `x-kgate-sections` tag. */
  readonly sections: readonly string[];
  /** Ids of the policies in scope, sorted. */
  readonly policies: readonly string[];
  /** Fail open only when every policy in scope says `failurePolicy: Ignore`. */
  readonly failureModeAllow: boolean;
  /** Buffer the body when a policy in scope reads it. */
  readonly withBody: boolean;
  /**
   * With withBody: the largest `spec.body.maxBytes` in scope. Absent, or below the hook's
   * `--ext-authz-max-body-bytes` while some reader sets no maxBytes (`defaultBodyLimit`),
   * that default counts too: the filter buffers the largest limit any reader asks for.
   */
  readonly maxBodyBytes?: number;
  /** With maxBodyBytes: some policy in scope reads the body without setting maxBytes. */
  readonly defaultBodyLimit?: boolean;
  /** With withBody: false when a policy in scope says `spec.body.allowPartial: false` (Envoy then refuses longer bodies with 413). */
  readonly allowPartialBody?: boolean;
  /**
   * The filter sits in the HCM disabled (no Gateway or listener policy in scope, but route
   * policies exist): only routes whose per-route config enables it are checked.
   */
  readonly disabled?: boolean;
}

/** A site that got the kgate filter, for logs and reports. */
export interface Filtered {
  /** Its filter chain's name ('' when unnamed). */
  readonly chain: string;
  readonly plan: FilterPlan;
}

export const HCM_TYPE_URL = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';

const READINESS_PREFIX = 'envoy-gateway-proxy-ready-';

/** The proxy readiness listener serves Kubernetes probes: it never gets authorization. */
export function isReadinessListener(name: string): boolean {
  return name.startsWith(READINESS_PREFIX);
}

/**
 * A kgate filter plan per site (undefined: no policy in scope, the site gets no filter).
 * `routePolicies` are the policies the route hook enabled the filter with on routes in this
 * translation (which listener those routes are on, the route hook does not say): with any,
 * a site with no policy in scope gets the filter disabled, for those routes to enable. The
 * per-route config cannot change the failure mode, so a route policy that fails closed
 * (`failurePolicy: Fail`) keeps every site failing closed.
 */
export function planListener(
  sites: readonly HcmSite[],
  policies: readonly CompiledPolicy[],
  routePolicies: readonly CompiledPolicy[] = [],
): (FilterPlan | undefined)[] {
  const routesFailClosed = routePolicies.some((p) => p.failurePolicy !== 'Ignore');
  const targets = [...policies].sort(comparePolicies).map((policy) => ({ policy, wide: wideGateways(policy), keys: sectionKeys(policy) }));
  const claimed = new Set(sites.filter((s) => !s.isDefault).flatMap(namedSections));
  const unclaimed = targets.flatMap((t) => t.keys).filter((k) => !claimed.has(k));
  return sites.map((site) => {
    const gateways = new Set(namedSections(site).map(gatewayOfSection));
    const ours = (gateway: string) => gateways.size === 0 || gateways.has(gateway);
    const sections = [...new Set([...namedSections(site), ...(site.isDefault ? unclaimed.filter((k) => ours(gatewayOfSection(k))) : [])])].sort();
    const inScope = targets.filter((t) => t.wide === 'all' || t.wide.some(ours) || t.keys.some((k) => sections.includes(k))).map((t) => t.policy);
    if (inScope.length === 0)
      return routePolicies.length > 0 ? { sections, policies: [], failureModeAllow: !routesFailClosed, withBody: false, disabled: true } : undefined;
    const readers = inScope.filter((p) => p.readsBody);
    const maxes = readers.flatMap((p) => (p.body?.maxBytes === undefined ? [] : [p.body.maxBytes]));
    return {
      sections,
      policies: [...new Set(inScope.map((p) => p.id))],
      failureModeAllow: inScope.every((p) => p.failurePolicy === 'Ignore') && !routesFailClosed,
      withBody: readers.length > 0,
      ...(maxes.length > 0 ? { maxBodyBytes: Math.max(...maxes) } : {}),
      ...(maxes.length > 0 && readers.some((p) => p.body?.maxBytes === undefined) ? { defaultBodyLimit: true } : {}),
      ...(readers.some((p) => p.body?.allowPartial === false) ? { allowPartialBody: false } : {}),
    };
  });
}

/**
 * The Gateways (`ns/name`) a policy covers whole: its Gateway targets without sectionName.
 * No targetRefs at all: Envoy Gateway resolved its targetSelectors to the Gateways that own
 * this listener, so it covers the whole listener ('all').
 */
function wideGateways(policy: CompiledPolicy): string[] | 'all' {
  return policy.targetRefs.length === 0 ? 'all' : wholeGatewayKeys(policy);
}

/** The site's chain and route config names that are Gateway listener keys (`ns/gw/listener`). */
function namedSections(site: HcmSite): string[] {
  return [site.chain, site.routeConfig].filter((n) => /^[^/]+\/[^/]+\/[^/]+$/.test(n));
}
