import { comparePolicies } from '../engine/policy/policy.js';
import { gatewayOfSection, sectionKeys, wholeGatewayKeys } from '../engine/policy/targets.js';
export const HCM_TYPE_URL = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
const READINESS_PREFIX = 'envoy-gateway-proxy-ready-';
/** The proxy readiness listener serves Kubernetes probes: it never gets authorization. */
export function isReadinessListener(name) {
    return name.startsWith(READINESS_PREFIX);
}
/** A kgate filter plan per site (undefined: no policy in scope, the site gets no filter). */
export function planListener(sites, policies) {
    const targets = [...policies].sort(comparePolicies).map((policy) => ({ policy, wide: wideGateways(policy), keys: sectionKeys(policy) }));
    const claimed = new Set(sites.filter((s) => !s.isDefault).flatMap(namedSections));
    const unclaimed = targets.flatMap((t) => t.keys).filter((k) => !claimed.has(k));
    return sites.map((site) => {
        const gateways = new Set(namedSections(site).map(gatewayOfSection));
        const ours = (gateway) => gateways.size === 0 || gateways.has(gateway);
        const sections = [...new Set([...namedSections(site), ...(site.isDefault ? unclaimed.filter((k) => ours(gatewayOfSection(k))) : [])])].sort();
        const inScope = targets.filter((t) => t.wide === 'all' || t.wide.some(ours) || t.keys.some((k) => sections.includes(k))).map((t) => t.policy);
        if (inScope.length === 0)
            return undefined;
        return {
            sections,
            policies: [...new Set(inScope.map((p) => p.id))],
            failureModeAllow: inScope.every((p) => p.failurePolicy === 'Ignore'),
            withBody: inScope.some((p) => p.readsBody),
        };
    });
}
/**
 * The Gateways (`ns/name`) a policy covers whole: its Gateway targets without sectionName.
 * No targetRefs at all: Envoy Gateway resolved its targetSelectors to the Gateways that own
 * this listener, so it covers the whole listener ('all').
 */
function wideGateways(policy) {
    return policy.targetRefs.length === 0 ? 'all' : wholeGatewayKeys(policy);
}
/** The site's chain and route config names that are Gateway listener keys (`ns/gw/listener`). */
function namedSections(site) {
    return [site.chain, site.routeConfig].filter((n) => /^[^/]+\/[^/]+\/[^/]+$/.test(n));
}
//# sourceMappingURL=plan.js.map