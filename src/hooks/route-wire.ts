// PostRouteModify at the protobuf wire level: one envoy.config.route.v3.Route in,
// the same bytes back with kgate's per-route filter config set
// (`typed_per_filter_config["kgate.ext_authz"]`, an ExtAuthzPerRoute whose
// check_settings.context_extensions name the route), as Envoy Gateway does for its
// own ext_authz. Only the route's name, metadata and that map are read; everything
// else is copied byte for byte.
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { AnySchema, anyPack } from '@bufbuild/protobuf/wkt';
import { ROUTE_KEY, ROUTE_NAME_KEY, RULE_KEY } from '../policies/scope.js';
import type { CompiledPolicy } from '../engine/policy/policy.js';
import type { RouteIdentity } from '../engine/policy/targets.js';
import { MetadataSchema } from '../gen/envoy/config/core/v3/base_pb.js';
import { ExtAuthzPerRouteSchema, type ExtAuthzPerRoute } from '../gen/envoy/extensions/filters/http/ext_authz/v3/ext_authz_pb.js';
import type { HookConfig } from './config.js';
import { KGATE_FILTER_NAME } from './filter.js';
import { messages, rewrite, scanFields, stringField, type Replacement, type WireField } from './wire.js';

// envoy.config.route.v3.Route; a map entry is a message {key = 1, value = 2}.
const ROUTE = { metadata: 4, typedPerFilterConfig: 13, name: 14 } as const;
const ENTRY = { key: 1, value: 2 } as const;

/** Envoy Gateway's metadata namespace on the routes it generates. */
export const EG_NAMESPACE = 'envoy-gateway';

export interface RouteChange {
  /** The xds route name: the store's `route:` source and the `x-kgate-route-key` tag. */
  readonly name: string;
  /** The route as the metadata Envoy Gateway stamped names it; undefined when it carries none. */
  readonly identity?: RouteIdentity;
  /** The rewritten route; undefined when it comes back unchanged. */
  readonly route?: Uint8Array;
}

/** The route's name and identity, without changing it. */
export function describeRoute(route: Uint8Array): { name: string; identity?: RouteIdentity; fields: WireField[] } {
  const fields = scanFields(route, 'route');
  const name = stringField(fields, ROUTE.name);
  const metadata = messages(fields, ROUTE.metadata).at(-1);
  const identity = metadata ? identityOf(metadata.payload) : undefined;
  return identity ? { name, identity, fields } : { name, fields };
}

/**
 * Enables the kgate filter on the route when route policies apply to it (the HCM may
 * carry the filter disabled), or takes kgate's per-route config out when none do.
 * Idempotent: its own output comes back unchanged.
 */
export function modifyRouteWire(route: Uint8Array, policies: readonly CompiledPolicy[], config: HookConfig): RouteChange {
  const { name, identity, fields } = describeRoute(route);
  const ours = messages(fields, ROUTE.typedPerFilterConfig).filter(
    (f) => stringField(scanFields(f.payload, `route ${name} typed_per_filter_config`), ENTRY.key) === KGATE_FILTER_NAME,
  );
  const base = identity ? { name, identity } : { name };
  if (policies.length === 0) {
    if (ours.length === 0) return base;
    return { ...base, route: rewrite(route, fields, new Map(ours.map((f) => [f, [] as Replacement]))) };
  }
  const entry = perRouteEntry(name, identity, policies, config);
  if (ours.length === 1 && Buffer.compare(ours[0]!.payload, entry) === 0) return base;
  const edits = new Map(ours.map((f) => [f, [] as Replacement]));
  return { ...base, route: rewrite(route, fields, edits, [[ROUTE.typedPerFilterConfig, entry]]) };
}

/** kgate's per-route config for a route: check_settings whose context extensions name it, and its body buffering. */
export function perRouteConfig(name: string, identity: RouteIdentity | undefined, policies: readonly CompiledPolicy[], config: HookConfig): ExtAuthzPerRoute {
  const contextExtensions: Record<string, string> = { [ROUTE_KEY]: name };
  if (identity) {
    contextExtensions[ROUTE_NAME_KEY] = `${identity.kind}/${identity.namespace}/${identity.name}`;
    if (identity.rule !== undefined) contextExtensions[RULE_KEY] = identity.rule;
  }
  const body = bodySettings(policies, config);
  return create(ExtAuthzPerRouteSchema, {
    override: { case: 'checkSettings', value: { contextExtensions, ...(body ? { withRequestBody: body } : {}) } },
  });
}

/** The map entry `kgate.ext_authz` → Any(ExtAuthzPerRoute) for a route (deterministic bytes). */
export function perRouteEntry(name: string, identity: RouteIdentity | undefined, policies: readonly CompiledPolicy[], config: HookConfig): Uint8Array {
  const any = anyPack(ExtAuthzPerRouteSchema, perRouteConfig(name, identity, policies, config));
  const entry: Replacement = [
    [ENTRY.key, Buffer.from(KGATE_FILTER_NAME)],
    [ENTRY.value, toBinary(AnySchema, any)],
  ];
  return rewrite(new Uint8Array(0), [], new Map(), entry);
}

/** Buffer the body on this route when one of its policies reads it: the largest limit any asks for, partial allowed unless one refuses it. */
function bodySettings(policies: readonly CompiledPolicy[], config: HookConfig): { maxRequestBytes: number; allowPartialMessage: boolean } | undefined {
  const readers = policies.filter((p) => p.readsBody);
  if (readers.length === 0) return undefined;
  return {
    maxRequestBytes: Math.max(...readers.map((p) => p.body?.maxBytes ?? config.maxRequestBytes)),
    allowPartialMessage: readers.every((p) => p.body?.allowPartial ?? true),
  };
}

/** kind/namespace/name/sectionName of `envoy-gateway` metadata `resources[0]`; undefined when absent or malformed. */
function identityOf(bytes: Uint8Array): RouteIdentity | undefined {
  // fromBinary, not a wire scan: Metadata is small, and its Struct values nest.
  let metadata: ReturnType<typeof fromBinary<typeof MetadataSchema>>;
  try {
    metadata = fromBinary(MetadataSchema, bytes);
  } catch {
    return undefined;
  }
  return identityFromResources(metadata.filterMetadata[EG_NAMESPACE]?.resources);
}

/** The identity in EG's `resources` list (its first entry is the route object); undefined when malformed. */
export function identityFromResources(resources: unknown): RouteIdentity | undefined {
  const first = Array.isArray(resources) ? (resources[0] as unknown) : undefined;
  if (typeof first !== 'object' || first === null || Array.isArray(first)) return undefined;
  const fields = first as Record<string, unknown>;
  const text = (key: string): string | undefined => {
    const v = fields[key];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const kind = text('kind');
  const namespace = text('namespace');
  const name = text('name');
  if (!kind || !namespace || !name) return undefined;
  const rule = text('sectionName');
  return { kind, namespace, name, ...(rule === undefined ? {} : { rule }) };
}
