import { isObject } from '../engine/json.js';
import { KGATE_FILTER_NAME, kgateFilters } from './filter.js';
import { HCM_TYPE_URL, isReadinessListener, planListener } from './plan.js';
import { insertionIndex } from './position.js';
/** A copy of `listener` with the kgate filter where `policies` scope it (see injectListenerWire). */
export function injectListenerJson(listener, policies, config) {
    const copy = structuredClone(listener);
    const name = text(field(copy, 'name'));
    if (isReadinessListener(name))
        return { listener: copy, filtered: [] };
    const sites = findSites(copy);
    const plans = planListener(sites, policies);
    const filters = kgateFilters(config);
    const filtered = sites.flatMap((site, i) => {
        const plan = plans[i];
        const filter = plan && filters.json(name, plan);
        placeFilter(site.hcm, filter, config);
        return plan ? [{ chain: site.chain, plan }] : [];
    });
    return { listener: copy, filtered };
}
function findSites(listener) {
    const chains = list(field(listener, 'filterChains')).map((chain) => ({ chain, isDefault: false }));
    const fallback = field(listener, 'defaultFilterChain');
    if (isObject(fallback))
        chains.push({ chain: fallback, isDefault: true });
    return chains.flatMap(({ chain, isDefault }) => {
        if (!isObject(chain))
            return [];
        const hcm = list(field(chain, 'filters'))
            .map((f) => (isObject(f) ? field(f, 'typedConfig') : undefined))
            .find((c) => isObject(c) && c['@type'] === HCM_TYPE_URL);
        if (!hcm)
            return [];
        const rds = field(hcm, 'rds');
        return [{ chain: text(field(chain, 'name')), routeConfig: isObject(rds) ? text(field(rds, 'routeConfigName')) : '', isDefault, hcm }];
    });
}
function placeFilter(hcm, filter, config) {
    const key = 'http_filters' in hcm && !('httpFilters' in hcm) ? 'http_filters' : 'httpFilters';
    const current = list(hcm[key]);
    const others = current.filter((f) => !(isObject(f) && f.name === KGATE_FILTER_NAME));
    if (filter)
        others.splice(insertionIndex(others.map(kindOf), config.position), 0, filter);
    if (others.length !== current.length || filter)
        hcm[key] = others;
}
function kindOf(filter) {
    if (!isObject(filter))
        return { name: '', typeUrl: '' };
    const typed = field(filter, 'typedConfig');
    return { name: text(filter.name), typeUrl: isObject(typed) ? text(typed['@type']) : '' };
}
/** A field by its JSON name, or by its proto name (protobuf JSON parsers accept both). */
function field(object, jsonName) {
    return object[jsonName] ?? object[jsonName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}
function list(value) {
    return Array.isArray(value) ? value : [];
}
function text(value) {
    return typeof value === 'string' ? value : '';
}
//# sourceMappingURL=listener-json.js.map