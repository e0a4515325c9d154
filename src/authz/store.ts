// The policies kgate enforces, by where they came from, and which of them
// apply to a Check. Sources: `file:<path>` (one per policy file),
// `listener:<xds listener name>` (what Envoy Gateway sent with that listener) and
// `route:<xds route name>` (what it sent to PostRouteModify with that route).
import { comparePolicies, type CompiledPolicy } from '../engine/policy/policy.js';
import {
  gatewayOfSection,
  isGatewayRef,
  isRouteRef,
  routeHookSpecificity,
  routeSpecificity,
  sectionKeys,
  Specificity,
  targetsGateway,
  wholeGatewayKeys,
} from '../engine/policy/targets.js';
import { scopeKey, type CheckScope } from './scope.js';

export const FILE_SOURCE = 'file:';
export const LISTENER_SOURCE = 'listener:';
export const ROUTE_SOURCE = 'route:';

/**
 * The policies that apply to one Check, least specific first (Gateway, listener, route,
 * rule; by id within each), and the specificity at which each applies.
 */
export interface Selection {
  readonly policies: readonly CompiledPolicy[];
  readonly specificity: ReadonlyMap<string, Specificity>;
}

/** Distinct scope keys remembered; beyond that, selections are computed per Check (scope headers are not trusted to be few). */
const MAX_CACHED_SCOPES = 4096;

interface Snapshot {
  readonly sources: ReadonlyMap<string, readonly CompiledPolicy[]>;
  readonly selections: Map<string, Selection>;
}

export class PolicyStore {
  // Every change builds a new snapshot and swaps it in one assignment: a
  // Check that already took its selection keeps evaluating exactly that set.
  private snapshot: Snapshot = { sources: new Map(), selections: new Map() };
  private isReady = false;
  private readonly listeners = new Set<() => void>();

  /**
   * Replaces every policy of one source; an empty list removes a file or route source.
   * A listener source stays, empty: Envoy Gateway has told us that listener
   * has no policy, which is not the same as never having heard of it.
   */
  replace(source: string, policies: readonly CompiledPolicy[]): void {
    const sources = new Map(this.snapshot.sources);
    if (policies.length === 0 && !source.startsWith(LISTENER_SOURCE)) sources.delete(source);
    else sources.set(source, [...policies]);
    this.snapshot = { sources, selections: new Map() };
    for (const listener of this.listeners) listener();
  }

  /** The policies that apply to a Check with this scope (undefined: untagged), in evaluation order. */
  select(scope: CheckScope | undefined): readonly CompiledPolicy[] {
    return this.selection(scope).policies;
  }

  /** The policies that apply to a Check with this scope and the specificity of each (precedence, docs/policy.md). */
  selection(scope: CheckScope | undefined): Selection {
    const { selections, sources } = this.snapshot;
    const key = scopeKey(scope);
    let selected = selections.get(key);
    if (selected === undefined) {
      selected = selectFrom(sources, scope);
      if (selections.size < MAX_CACHED_SCOPES) selections.set(key, selected);
    }
    return selected;
  }

  /**
   * Whether the route hook has handed this process the policies of an xds route. A Check
   * whose per-route config names a route kgate has not heard of cannot be decided.
   */
  knowsRoute(route: string): boolean {
    return this.snapshot.sources.has(ROUTE_SOURCE + route);
  }

  /**
   * Whether Envoy Gateway's hook has told this process which policies apply to
   * an xds listener (since start, or restored from the hook state file). A
   * Check tagged with a listener kgate has not heard of cannot be decided:
   * allowing it would skip the Gateway's policies.
   */
  knowsListener(listener: string): boolean {
    return this.snapshot.sources.has(LISTENER_SOURCE + listener);
  }

  /** Policies per source, for metrics and logs. */
  sources(): ReadonlyMap<string, readonly CompiledPolicy[]> {
    return this.snapshot.sources;
  }

  /** Called after every change (metrics, tests). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get ready(): boolean {
    return this.isReady;
  }

  /** The initial load is complete: readiness probes may pass. */
  markReady(): void {
    this.isReady = true;
  }
}

/**
 * Policies without targetRefs apply to every Check. Policies Envoy Gateway sent
 * with xds listener L apply to Checks tagged with L: Gateway-wide ones (a
 * target without sectionName) always, section ones when one of their
 * `<ns>/<gateway>/<section>` keys is among the Check's sections. Policies EG sent
 * with xds route R apply to Checks whose context extensions name R. Policies from
 * files with targetRefs apply when one of the Check's sections belongs to a
 * targeted Gateway (and listener, when sectionName is given), or when the Check's
 * route is a targeted route (and rule). A policy id present in several sources is
 * evaluated once, at the most specific scope it applies at.
 */
function selectFrom(sources: ReadonlyMap<string, readonly CompiledPolicy[]>, scope: CheckScope | undefined): Selection {
  const byId = new Map<string, { policy: CompiledPolicy; specificity: Specificity }>();
  for (const [source, policies] of sources) {
    for (const policy of policies) {
      const specificity = applies(source, policy, scope);
      if (specificity === undefined) continue;
      const seen = byId.get(policy.id);
      if (!seen) byId.set(policy.id, { policy, specificity });
      else if (specificity > seen.specificity) byId.set(policy.id, { policy: seen.policy, specificity });
    }
  }
  const chosen = [...byId.values()].sort((a, b) => a.specificity - b.specificity || comparePolicies(a.policy, b.policy));
  return { policies: chosen.map((c) => c.policy), specificity: new Map(chosen.map((c) => [c.policy.id, c.specificity])) };
}

function applies(source: string, policy: CompiledPolicy, scope: CheckScope | undefined): Specificity | undefined {
  if (source.startsWith(LISTENER_SOURCE)) {
    // EG resolved the attachment (targetSelectors leave targetRefs empty): Gateway-wide unless it names sections.
    // Merged Gateways share one IR, where EG attaches each Gateway's policies to all their listeners:
    // a whole-Gateway target counts only for the Gateways the Check's sections name (all when none).
    if (!scope || source.slice(LISTENER_SOURCE.length) !== scope.listener) return undefined;
    const sections = sectionKeys(policy);
    const whole = wholeGatewayKeys(policy);
    const gateways = new Set(scope.sections.map(gatewayOfSection));
    if (sections.some((key) => scope.sections.includes(key))) return Specificity.listener;
    if (whole.some((g) => gateways.size === 0 || gateways.has(g))) return Specificity.gateway;
    return !policy.targetRefs.some((ref) => isGatewayRef(ref) || isRouteRef(ref)) ? Specificity.gateway : undefined;
  }
  if (source.startsWith(ROUTE_SOURCE)) {
    // EG handed exactly this route's policies (whole-route ones and its rule's) to PostRouteModify.
    if (scope?.route?.key === undefined || source.slice(ROUTE_SOURCE.length) !== scope.route.key) return undefined;
    return routeHookSpecificity(policy, scope.route.identity);
  }
  // Label selectors are Envoy Gateway's to resolve: from a file they select nothing.
  if (policy.targetRefs.length === 0) return policy.targetSelectors ? undefined : Specificity.gateway;
  if (!scope) return undefined;
  const identity = scope.route?.identity;
  const onRoute = identity ? routeSpecificity(policy, identity) : undefined;
  if (onRoute !== undefined) return onRoute;
  let best: Specificity | undefined;
  for (const section of scope.sections) {
    const [namespace, gateway, listener] = section.split('/');
    if (namespace === undefined || gateway === undefined) continue;
    if (listener !== undefined && sectionKeys(policy).includes(section)) return Specificity.listener;
    if (targetsGateway(policy, namespace, gateway, listener)) best = Specificity.gateway;
  }
  return best;
}
