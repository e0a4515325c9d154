// PostHTTPListenerModify at the protobuf wire level: descend Listener →
// FilterChain → Filter → typed_config Any → HttpConnectionManager →
// http_filters, decoding only the fields on that path, and re-emit only what
// changed. Unknown fields and every Any payload we do not edit keep their bytes.
import type { CompiledPolicy } from '../engine/policy/policy.js';
import type { HookConfig } from './config.js';
import { KGATE_FILTER_NAME, kgateFilters } from './filter.js';
import { HCM_TYPE_URL, isReadinessListener, planListener, type Filtered, type HcmSite } from './plan.js';
import { insertionIndex, type FilterKind } from './position.js';
import { messages, rewrite, sameBytes, scanFields, stringField, type Replacement, type WireField } from './wire.js';

// Field numbers (envoy.config.listener.v3, envoy.extensions.filters.network.http_connection_manager.v3, google.protobuf.Any).
const LISTENER = { name: 1, filterChains: 3, defaultFilterChain: 25 } as const;
const CHAIN = { filters: 3, name: 7 } as const;
const FILTER = { name: 1, typedConfig: 4 } as const;
const ANY = { typeUrl: 1, value: 2 } as const;
const HCM = { rds: 3, httpFilters: 5 } as const;
const RDS = { routeConfigName: 2 } as const;

export interface ListenerChange {
  readonly name: string;
  /** The rewritten listener; undefined when it comes back unchanged. */
  readonly listener?: Uint8Array;
  /** The HCMs that now carry the kgate filter. */
  readonly filtered: readonly Filtered[];
}

/** One encoded message on the way down to an HCM, and the field we descend through. */
interface Level {
  readonly bytes: Uint8Array;
  readonly fields: readonly WireField[];
  readonly via: WireField;
}

interface WireSite extends HcmSite {
  /** The chain's field in the listener. */
  readonly chainField: WireField;
  /** Chain → Filter → Any: the path from the chain down to the HCM bytes. */
  readonly path: readonly Level[];
  readonly hcm: Uint8Array;
  readonly hcmFields: readonly WireField[];
  readonly where: string;
}

/** A listener's top-level fields, scanned once per hook call, and its name (what the store and the scope tag call it). */
export interface ScannedListener {
  readonly bytes: Uint8Array;
  readonly fields: readonly WireField[];
  readonly name: string;
}

export function scanListener(bytes: Uint8Array): ScannedListener {
  const fields = scanFields(bytes, 'listener');
  return { bytes, fields, name: stringField(fields, LISTENER.name) };
}

/**
 * Puts the kgate filter into the HCMs that `policies` scope to and takes it
 * out of the others. Idempotent: its own output comes back unchanged.
 */
export function injectListenerWire(
  listener: Uint8Array | ScannedListener,
  policies: readonly CompiledPolicy[],
  config: HookConfig,
  routePolicies: readonly CompiledPolicy[] = [],
): ListenerChange {
  const { bytes, fields, name } = listener instanceof Uint8Array ? scanListener(listener) : listener;
  if (isReadinessListener(name)) return { name, filtered: [] };
  const sites = findSites(name, fields);
  const plans = planListener(sites, policies, routePolicies);
  const filters = kgateFilters(config);
  const edits = new Map<WireField, Replacement>();
  const filtered: Filtered[] = [];
  sites.forEach((site, i) => {
    const plan = plans[i];
    const filter = plan && filters.bytes(name, plan);
    if (plan) filtered.push({ chain: site.chain, plan });
    const hcm = placeFilter(site, filter, config);
    if (!sameBytes(hcm, site.hcm)) edits.set(site.chainField, [[site.chainField.no, wrap(site.path, hcm)]]);
  });
  return edits.size === 0 ? { name, filtered } : { name, listener: rewrite(bytes, fields, edits), filtered };
}

function findSites(listener: string, fields: readonly WireField[]): WireSite[] {
  const chains = [
    ...messages(fields, LISTENER.filterChains).map((f, i) => ({ field: f, where: `filter_chains[${i}]` })),
    ...messages(fields, LISTENER.defaultFilterChain).map((f) => ({ field: f, where: 'default_filter_chain' })),
  ];
  return chains.flatMap(({ field, where }) => {
    const site = findSite(field, `listener ${JSON.stringify(listener)}: ${where}`);
    return site ? [site] : [];
  });
}

/** The chain's HCM: the first network filter whose typed_config is an HttpConnectionManager. */
function findSite(chainField: WireField, where: string): WireSite | undefined {
  const chainFields = scanFields(chainField.payload, where);
  const chain = stringField(chainFields, CHAIN.name);
  const at = `${where} (${JSON.stringify(chain)})`;
  for (const [i, filterField] of messages(chainFields, CHAIN.filters).entries()) {
    const filterAt = `${at}: filters[${i}]`;
    const filterFields = scanFields(filterField.payload, filterAt);
    const typed = messages(filterFields, FILTER.typedConfig).at(-1);
    if (!typed) continue;
    const anyFields = scanFields(typed.payload, `${filterAt}.typed_config`);
    const value = messages(anyFields, ANY.value).at(-1);
    if (stringField(anyFields, ANY.typeUrl) !== HCM_TYPE_URL || !value) continue;
    const hcmAt = `${filterAt} (HttpConnectionManager)`;
    const hcmFields = scanFields(value.payload, hcmAt);
    const rds = messages(hcmFields, HCM.rds).at(-1);
    return {
      chain,
      routeConfig: rds ? stringField(scanFields(rds.payload, `${hcmAt}.rds`), RDS.routeConfigName) : '',
      isDefault: chainField.no === LISTENER.defaultFilterChain,
      chainField,
      path: [
        { bytes: chainField.payload, fields: chainFields, via: filterField },
        { bytes: filterField.payload, fields: filterFields, via: typed },
        { bytes: typed.payload, fields: anyFields, via: value },
      ],
      hcm: value.payload,
      hcmFields,
      where: hcmAt,
    };
  }
  return undefined;
}

/** The HCM with every kgate filter removed and `filter` (when given) inserted at the configured position. */
function placeFilter(site: WireSite, filter: Uint8Array | undefined, config: HookConfig): Uint8Array {
  const entries = messages(site.hcmFields, HCM.httpFilters).map((field, i) => ({ field, kind: filterKind(field, `${site.where}.http_filters[${i}]`) }));
  const edits = new Map<WireField, Replacement>();
  const others = entries.filter((e) => {
    const own = e.kind.name === KGATE_FILTER_NAME;
    if (own) edits.set(e.field, []);
    return !own;
  });
  let append: Replacement = [];
  if (filter) {
    const at = insertionIndex(
      others.map((e) => e.kind),
      config.position,
    );
    const next = others[at]?.field;
    const last = others.at(-1)?.field;
    if (next)
      edits.set(next, [
        [HCM.httpFilters, filter],
        [HCM.httpFilters, next.payload],
      ]);
    else if (last)
      edits.set(last, [
        [HCM.httpFilters, last.payload],
        [HCM.httpFilters, filter],
      ]);
    else append = [[HCM.httpFilters, filter]];
  }
  return edits.size === 0 && append.length === 0 ? site.hcm : rewrite(site.hcm, site.hcmFields, edits, append);
}

function filterKind(field: WireField, where: string): FilterKind {
  const fields = scanFields(field.payload, where);
  const typed = messages(fields, FILTER.typedConfig).at(-1);
  return {
    name: stringField(fields, FILTER.name),
    typeUrl: typed ? stringField(scanFields(typed.payload, `${where}.typed_config`), ANY.typeUrl) : '',
  };
}

/** Re-encodes the path above a changed HCM, innermost first. */
function wrap(path: readonly Level[], hcm: Uint8Array): Uint8Array {
  return path.reduceRight((inner, level) => rewrite(level.bytes, level.fields, new Map([[level.via, [[level.via.no, inner]]]])), hcm);
}
