// envoygateway.extension.EnvoyGatewayExtension: the gRPC service Envoy
// Gateway calls while it translates Gateways to xDS. Messages stay bytes:
// the handlers decode only the fields they read or change (see wire.ts).
//
// How EG calls (v1.9): one call at a time over one long-lived connection, no
// deadline, up to 4 attempts on UNAVAILABLE; an error status keeps EG's previous
// snapshot unless `failOpen`. So handlers are synchronous, idempotent, and
// answer INVALID_ARGUMENT (never retried) for input they cannot read.
import type { Logger } from 'pino';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { GrpcCode, GrpcError } from '../engine/grpc-code.js';
import type { CompiledPolicy } from '../engine/policy/policy.js';
import type { Compilers } from '../engine/types.js';
import { errorText } from '../engine/types.js';
import type { PolicyStore } from '../policies/store.js';
import { EnvoyGatewayExtension } from '../gen/envoygateway/extension/service_pb.js';
import { kgateCluster, translateResponse } from './cluster.js';
import { isReadinessListener } from './plan.js';
import type { HookConfig } from './config.js';
import { PolicyIntake } from './intake.js';
import type { HookState } from './state.js';
import { injectListenerWire, scanListener } from './listener-wire.js';
import { describeRoute, modifyRouteWire } from './route-wire.js';
import { routeLabel } from '../engine/policy/targets.js';
import { DecodeError, messages, scanFields, type WireField } from './wire.js';

/**
 * Receive limit for this service's methods on kgate's gRPC port: a listener with
 * 1,000 HTTPS filter chains is about 0.8 MB once filtered, and
 * PostTranslateModify carries every cluster. EG's own limit is
 * `extensionManager.maxMessageSize` (4 MiB by default); the examples raise it
 * to the same figure.
 */
export const HOOK_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export interface ExtensionServiceDeps {
  readonly store: Pick<PolicyStore, 'replaceListener' | 'replaceRoute'>;
  readonly compilers: Compilers;
  readonly config: HookConfig;
  readonly logger: Logger;
  /** Where what EG sent is kept across restarts; without it a restarted kgate refuses tagged Checks until EG calls again. */
  readonly state?: HookState;
  /**
   * How long a route's policies outlive the translation that dropped it: EG pushes that
   * translation to Envoy only after PostTranslateModify, and until Envoy has it, the route's
   * old per-route config still names the route in Checks. Default ROUTE_RETIRE_MS.
   */
  readonly routeRetireMs?: number;
}

/** Default of ExtensionServiceDeps.routeRetireMs: well past EG's push of a snapshot to Envoy. */
export const ROUTE_RETIRE_MS = 30_000;

// PostHTTPListenerModifyRequest, PostHTTPListenerExtensionContext, ExtensionResource.
const LISTENER_REQUEST = { listener: 1, context: 2 } as const;
const CONTEXT = { extensionResources: 1 } as const;
const RESOURCE = { unstructuredBytes: 1 } as const;
const LISTENER_RESPONSE = { listener: 1 } as const;
// PostRouteModifyRequest, PostRouteExtensionContext (extension_policies: EG ≥ 1.9), PostRouteModifyResponse.
const ROUTE_REQUEST = { route: 1, context: 2 } as const;
const ROUTE_CONTEXT = { extensionPolicies: 3 } as const;
const ROUTE_RESPONSE = { route: 1 } as const;

/** Hook state file keys of routes (listener names never start so: EG names listeners `<ns>/<gw>/<listener>` or `<proto>-<port>`). */
const ROUTE_STATE_PREFIX = 'route:';

/**
 * What the route hook saw in the translation under way. EG translates one IR at a time:
 * PostRouteModify for its routes, then PostHTTPListenerModify for its listeners, then
 * PostTranslateModify. Listeners translated after a route got route policies carry the
 * filter disabled in HCMs with no Gateway policy, so that route's per-route config can
 * enable it there.
 */
interface Translation {
  /** The route policies of the routes the route hook enabled the filter on, by id. */
  readonly routePolicies: Map<string, CompiledPolicy>;
  /** The xds routes the route hook got policies for. */
  readonly routes: Set<string>;
  /** The xds listeners the listener hook got. */
  readonly listeners: Set<string>;
  /** A hook call of this translation failed: EG keeps its previous snapshot, so no route is retired. */
  failed: boolean;
}

/**
 * Which routes carry route policies, across translations. EG translates each IR (a Gateway,
 * or merged Gateways) on its own and calls the route hook only for routes with policies, so
 * a route that lost its last policy (or was deleted) is never named again: it is gone when a
 * translation of the listeners that carried it ends (PostTranslateModify) without it. Its
 * policies are then kept routeRetireMs longer, for Checks Envoy sends under the previous
 * snapshot, and removed from the store and the hook state file.
 */
class RouteLedger {
  /** xds route → the xds listeners of the last translation that carried it. */
  private readonly carriedBy = new Map<string, readonly string[]>();
  private readonly retiring = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly deps: ExtensionServiceDeps,
    private readonly logger: Logger,
  ) {
    for (const [route, listeners] of deps.state?.routes() ?? []) this.carriedBy.set(route, listeners);
  }

  /** The route hook got policies for the route: it is live (again). */
  carried(route: string): void {
    const timer = this.retiring.get(route);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.retiring.delete(route);
  }

  /** PostTranslateModify: records which listeners carried each route, and retires the routes a translation of their listeners dropped. */
  settle(translation: Translation): void {
    if (translation.failed || translation.listeners.size === 0) return;
    const listeners = [...translation.listeners].sort();
    for (const route of translation.routes) {
      this.carriedBy.set(route, listeners);
      this.deps.state?.saveRouteListeners(route, listeners);
    }
    for (const [route, by] of this.carriedBy) {
      if (translation.routes.has(route) || this.retiring.has(route) || !sameIr(by, listeners)) continue;
      const timer = setTimeout(() => this.retire(route), this.deps.routeRetireMs ?? ROUTE_RETIRE_MS);
      timer.unref();
      this.retiring.set(route, timer);
      this.logger.info({ route, listeners: by }, 'route no longer has route policies: retiring it once Envoy has the new translation');
    }
  }

  private retire(route: string): void {
    this.retiring.delete(route);
    this.carriedBy.delete(route);
    this.deps.store.replaceRoute(route, []);
    this.deps.state?.remove(`${ROUTE_STATE_PREFIX}${route}`);
    this.deps.state?.saveRouteListeners(route, undefined);
    this.logger.info({ route }, 'route retired: its policies are removed');
  }
}

/**
 * Whether two translations' listeners are one IR's: they share a listener whose name shows its
 * Gateway (`<ns>/<gw>/<listener>`, unique to it), or, with none such, are the same names
 * (`http-<port>`-style names can recur in other IRs, so sharing one proves nothing).
 */
function sameIr(a: readonly string[], b: readonly string[]): boolean {
  const named = (l: string) => /^[^/]+\/[^/]+\/[^/]+$/.test(l);
  if (a.some((l) => named(l) && b.includes(l))) return true;
  return a.length === b.length && a.every((l, i) => l === b[i]);
}

/** An empty reply: every field unset, which EG reads as "unchanged". */
const NO_CHANGE = new Uint8Array(0);

/** A unary method of the service: request message bytes in, response message bytes out (throws GrpcError). */
export type HookHandler = (request: Uint8Array) => Uint8Array;

/** The service's methods by gRPC path (`/envoygateway.extension.EnvoyGatewayExtension/<Method>`), to serve on kgate's gRPC port. */
export interface ExtensionService {
  readonly routes: ReadonlyMap<string, HookHandler>;
}

export function createExtensionService(deps: ExtensionServiceDeps): ExtensionService {
  const logger = deps.logger.child({ component: 'eg-extension' });
  const intake = new PolicyIntake(deps.compilers, logger);
  restore(intake, deps, logger);
  const cluster = kgateCluster(deps.config);
  const ledger = new RouteLedger(deps, logger);
  const translation: Translation = { routePolicies: new Map(), routes: new Set(), listeners: new Set(), failed: false };
  const marking =
    (handle: HookHandler): HookHandler =>
    (request) => {
      try {
        return handle(request);
      } catch (error) {
        translation.failed = true;
        throw error;
      }
    };
  const handlers: Record<string, HookHandler> = {
    PostRouteModify: marking((request) => modifyRoute(request, intake, deps, logger, translation, ledger)),
    PostHTTPListenerModify: marking((request) => modifyListener(request, intake, deps, logger, translation)),
    PostTranslateModify: (request) => {
      try {
        const response = translateResponse(request, cluster, deps.config.cluster);
        ledger.settle(translation);
        return response;
      } finally {
        translation.routePolicies.clear();
        translation.routes.clear();
        translation.listeners.clear();
        translation.failed = false;
      }
    },
  };
  // Virtual host, cluster and endpoints hooks change nothing: EG keeps its resource when the reply leaves it unset.
  const routes = new Map(
    EnvoyGatewayExtension.methods.map((method) => [
      `/${EnvoyGatewayExtension.typeName}/${method.name}`,
      unary(method.name, handlers[method.name] ?? (() => NO_CHANGE), logger),
    ]),
  );
  return { routes };
}

function modifyListener(request: Uint8Array, intake: PolicyIntake, deps: ExtensionServiceDeps, logger: Logger, translation: Translation): Uint8Array {
  const fields = scanFields(request, 'PostHTTPListenerModifyRequest');
  const listener = messages(fields, LISTENER_REQUEST.listener).at(-1);
  if (!listener) return NO_CHANGE;
  const resources = extensionResources(fields);
  const scanned = scanListener(listener.payload);
  const { policies, bytes: inForce } = intake.readInForce(resources, scanned.name);
  const change = injectListenerWire(scanned, policies, deps.config, [...translation.routePolicies.values()]);
  // Only once the listener is settled: on error EG keeps its previous snapshot, and the store keeps matching it.
  deps.store.replaceListener(change.name, policies);
  deps.state?.save(change.name, inForce);
  // Every IR's translation has EG's readiness listener, of one name: it tells translations apart by nothing.
  if (!isReadinessListener(change.name)) translation.listeners.add(change.name);
  const summary = { listener: change.name, policies: policies.map((p) => p.id), filteredHcms: change.filtered.length, changed: change.listener !== undefined };
  logger.info(summary, 'PostHTTPListenerModify');
  if (logger.isLevelEnabled('debug'))
    logger.debug({ ...summary, filtered: change.filtered.map((f) => ({ chain: f.chain, sections: f.plan.sections })) }, 'PostHTTPListenerModify scopes');
  return change.listener ? new BinaryWriter().tag(LISTENER_RESPONSE.listener, WireType.LengthDelimited).bytes(change.listener).finish() : NO_CHANGE;
}

/**
 * PostRouteModify: EG ≥ 1.9 sends the policies that target this route (its HTTPRoute or
 * GRPCRoute, or the rule it came from by sectionName) in `extension_policies`. They are
 * stored under the xds route's name, and the route gets kgate's per-route config, whose
 * context extensions name it in every Check.
 */
function modifyRoute(
  request: Uint8Array,
  intake: PolicyIntake,
  deps: ExtensionServiceDeps,
  logger: Logger,
  translation: Translation,
  ledger: RouteLedger,
): Uint8Array {
  const fields = scanFields(request, 'PostRouteModifyRequest');
  const route = messages(fields, ROUTE_REQUEST.route).at(-1);
  if (!route) return NO_CHANGE;
  const resources = messages(fields, ROUTE_REQUEST.context).flatMap((context) =>
    messages(scanFields(context.payload, 'post_route_context'), ROUTE_CONTEXT.extensionPolicies).map(
      (r, i) => messages(scanFields(r.payload, `extension_policies[${i}]`), RESOURCE.unstructuredBytes).at(-1)?.payload ?? new Uint8Array(0),
    ),
  );
  const { policies, bytes: inForce } = intake.readInForce(resources, `route ${describeRoute(route.payload).name}`);
  const change = modifyRouteWire(route.payload, policies, deps.config);
  // No policy left: the route keeps its policies until the translation ends without it (RouteLedger).
  if (policies.length > 0) {
    deps.store.replaceRoute(change.name, policies);
    deps.state?.save(`${ROUTE_STATE_PREFIX}${change.name}`, inForce);
    translation.routes.add(change.name);
    ledger.carried(change.name);
  }
  for (const policy of policies) translation.routePolicies.set(policy.id, policy);
  logger.info(
    {
      route: change.name,
      ...(change.identity ? { object: routeLabel(change.identity) } : {}),
      policies: policies.map((p) => p.id),
      changed: change.route !== undefined,
    },
    'PostRouteModify',
  );
  return change.route ? new BinaryWriter().tag(ROUTE_RESPONSE.route, WireType.LengthDelimited).bytes(change.route).finish() : NO_CHANGE;
}

/** The policies of the previous run, until EG's next call for each listener (and route) replaces them. */
function restore(intake: PolicyIntake, deps: ExtensionServiceDeps, logger: Logger): void {
  for (const [key, resources] of deps.state?.load() ?? []) {
    const policies = intake.read(resources, key);
    if (key.startsWith(ROUTE_STATE_PREFIX)) {
      const route = key.slice(ROUTE_STATE_PREFIX.length);
      deps.store.replaceRoute(route, policies);
      logger.info({ route, policies: policies.map((p) => p.id) }, 'restored from the hook state file');
    } else {
      deps.store.replaceListener(key, policies);
      logger.info({ listener: key, policies: policies.map((p) => p.id) }, 'restored from the hook state file');
    }
  }
}

function extensionResources(request: readonly WireField[]): Uint8Array[] {
  return messages(request, LISTENER_REQUEST.context).flatMap((context) =>
    messages(scanFields(context.payload, 'post_listener_context'), CONTEXT.extensionResources).map(
      (r, i) => messages(scanFields(r.payload, `extension_resources[${i}]`), RESOURCE.unstructuredBytes).at(-1)?.payload ?? new Uint8Array(0),
    ),
  );
}

function unary(method: string, handle: HookHandler, logger: Logger): HookHandler {
  return (request) => {
    try {
      return handle(request);
    } catch (error) {
      const invalid = error instanceof DecodeError;
      logger.error({ method, err: error }, `${method} failed`);
      throw new GrpcError(invalid ? GrpcCode.INVALID_ARGUMENT : GrpcCode.INTERNAL, `${method}: ${errorText(error)}`);
    }
  };
}
