// `kgate inject`'s applier: the same planning as the wire-level hook, applied
// to a listener in Envoy Gateway's protobuf-JSON form. Only the `httpFilters`
// arrays of the HCMs that change are replaced; every other key, known to our
// protos or not, stays as it was.
import type { JsonObject, JsonValue } from '@bufbuild/protobuf';
import { isObject } from '../engine/json.js';
import type { CompiledPolicy } from '../engine/policy/policy.js';
import type { HookConfig } from './config.js';
import { KGATE_FILTER_NAME, kgateFilters } from './filter.js';
import { HCM_TYPE_URL, isReadinessListener, planListener, type Filtered, type HcmSite } from './plan.js';
import { insertionIndex, type FilterKind } from './position.js';

interface JsonSite extends HcmSite {
  readonly hcm: JsonObject;
}

/** A copy of `listener` with the kgate filter where `policies` scope it (see injectListenerWire). */
export function injectListenerJson(
  listener: JsonObject,
  policies: readonly CompiledPolicy[],
  config: HookConfig,
  routePolicies: readonly CompiledPolicy[] = [],
): { listener: JsonObject; filtered: Filtered[] } {
  const copy = structuredClone(listener);
  const name = text(field(copy, 'name'));
  if (isReadinessListener(name)) return { listener: copy, filtered: [] };
  const sites = findSites(copy);
  const plans = planListener(sites, policies, routePolicies);
  const filters = kgateFilters(config);
  const filtered = sites.flatMap((site, i) => {
    const plan = plans[i];
    const filter = plan && filters.json(name, plan);
    placeFilter(site.hcm, filter, config);
    return plan ? [{ chain: site.chain, plan }] : [];
  });
  return { listener: copy, filtered };
}

function findSites(listener: JsonObject): JsonSite[] {
  const chains = list(field(listener, 'filterChains')).map((chain) => ({ chain, isDefault: false }));
  const fallback = field(listener, 'defaultFilterChain');
  if (isObject(fallback)) chains.push({ chain: fallback, isDefault: true });
  return chains.flatMap(({ chain, isDefault }) => {
    if (!isObject(chain)) return [];
    const hcm = list(field(chain, 'filters'))
      .map((f) => (isObject(f) ? field(f, 'typedConfig') : undefined))
      .find((c): c is JsonObject => isObject(c) && c['@type'] === HCM_TYPE_URL);
    if (!hcm) return [];
    const rds = field(hcm, 'rds');
    return [{ chain: text(field(chain, 'name')), routeConfig: isObject(rds) ? text(field(rds, 'routeConfigName')) : '', isDefault, hcm }];
  });
}

function placeFilter(hcm: JsonObject, filter: JsonObject | undefined, config: HookConfig): void {
  const key = 'http_filters' in hcm && !('httpFilters' in hcm) ? 'http_filters' : 'httpFilters';
  const current = list(hcm[key]);
  const others = current.filter((f) => !(isObject(f) && f.name === KGATE_FILTER_NAME));
  if (filter) others.splice(insertionIndex(others.map(kindOf), config.position), 0, filter);
  if (others.length !== current.length || filter) hcm[key] = others;
}

function kindOf(filter: JsonValue): FilterKind {
  if (!isObject(filter)) return { name: '', typeUrl: '' };
  const typed = field(filter, 'typedConfig');
  return { name: text(filter.name), typeUrl: isObject(typed) ? text(typed['@type']) : '' };
}

/** A field by its JSON name, or by its proto name (protobuf JSON parsers accept both). */
function field(object: JsonObject, jsonName: string): JsonValue | undefined {
  return object[jsonName] ?? object[jsonName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}

function list(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}

function text(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}
