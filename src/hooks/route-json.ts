// `kgate inject --route`'s applier: PostRouteModify on a route in Envoy Gateway's
// protobuf-JSON form. Only `typedPerFilterConfig["kgate.ext_authz"]` is set or
// removed; every other key, known to our protos or not, stays as it was.
import { createRegistry, toJson, type JsonObject } from '@bufbuild/protobuf';
import { AnySchema, anyPack } from '@bufbuild/protobuf/wkt';
import type { CompiledPolicy } from '../engine/policy/policy.js';
import { routeSpecificity, type RouteIdentity } from '../engine/policy/targets.js';
import { ExtAuthzPerRouteSchema } from '../gen/envoy/extensions/filters/http/ext_authz/v3/ext_authz_pb.js';
import type { HookConfig } from './config.js';
import { KGATE_FILTER_NAME } from './filter.js';
import { EG_NAMESPACE, identityFromResources, perRouteConfig } from './route-wire.js';

const registry = createRegistry(ExtAuthzPerRouteSchema);

export interface RouteJsonChange {
  readonly route: JsonObject;
  readonly name: string;
  readonly identity?: RouteIdentity;
  /** Ids of the policies Envoy Gateway would hand to PostRouteModify for it. */
  readonly policies: readonly string[];
}

/**
 * The policies EG would send with this route (those whose route targets select its
 * HTTPRoute/GRPCRoute, or its rule), and the route with kgate's per-route config.
 */
export function modifyRouteJson(route: JsonObject, policies: readonly CompiledPolicy[], config: HookConfig): RouteJsonChange {
  const copy = structuredClone(route);
  const name = typeof copy.name === 'string' ? copy.name : '';
  const metadata = isObject(copy.metadata) ? copy.metadata : {};
  const filterMetadata = isObject(metadata.filterMetadata) ? metadata.filterMetadata : {};
  const eg = isObject(filterMetadata[EG_NAMESPACE]) ? (filterMetadata[EG_NAMESPACE] as JsonObject) : {};
  const identity = identityFromResources(eg.resources);
  const mine = identity ? policies.filter((p) => routeSpecificity(p, identity) !== undefined) : [];
  const perFilter = isObject(copy.typedPerFilterConfig) ? { ...copy.typedPerFilterConfig } : {};
  delete perFilter[KGATE_FILTER_NAME];
  if (mine.length > 0) {
    const any = anyPack(ExtAuthzPerRouteSchema, perRouteConfig(name, identity, mine, config));
    perFilter[KGATE_FILTER_NAME] = toJson(AnySchema, any, { registry }) as JsonObject;
  }
  if (Object.keys(perFilter).length > 0) copy.typedPerFilterConfig = perFilter;
  else delete copy.typedPerFilterConfig;
  return { route: copy, name, ...(identity ? { identity } : {}), policies: mine.map((p) => p.id) };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
