// The policies kgate enforces, by the source they came from, and which of
// them apply to a Check. A source's policies are always replaced whole.
import { policySetDigest } from '../engine/policy/digest.js';
import { comparePolicies, type CompiledPolicy } from '../engine/policy/policy.js';
import {
  gatewayOfSection,
  isGatewayRef,
  isRouteRef,
  routeHookSpecificity,
  routeSpecificity,
  sectionKeys,
  Specificity,
  targetsAnyRoute,
  targetsGateway,
  wholeGatewayKeys,
} from '../engine/policy/targets.js';
import { scopeKey, type CheckScope } from './scope.js';

/**
 * Where policies came from: a `--policy` file (by absolute path), what Envoy
 * Gateway's hook sent with one xds listener, what its route hook
 * (PostRouteModify) sent with one xds route, or what this replica read from the
 * Kubernetes API (one source, replaced whole on every change). Policies from a
 * listener source apply only to Checks tagged with that listener, from a route
 * source only to Checks whose context extensions name that route; a file's and
 * the Kubernetes source's policies attach through their targetRefs (the
 * Kubernetes source's targetSelectors arrive resolved to targetRefs).
 */
export type PolicySource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'listener'; readonly listener: string }
  | { readonly kind: 'route'; readonly route: string }
  | { readonly kind: 'kubernetes' };

export type SourceKind = PolicySource['kind'];

/** Every source kind, in the order counts() and metrics list them. */
export const SOURCE_KINDS: readonly SourceKind[] = ['file', 'listener', 'route', 'kubernetes'];

/**
 * The policies that apply to one Check, least specific first (Gateway, listener, route,
 * rule; by id within each), and the specificity at which each applies (docs/policy.md,
 * "Precedence").
 */
export interface Selection {
  readonly policies: readonly CompiledPolicy[];
  readonly specificity: ReadonlyMap<string, Specificity>;
}

/** Scopes, and digests per scope, remembered as seen (bounded: scope tags come from requests). */
const MAX_DIGEST_SCOPES = 4096;
const DIGESTS_PER_SCOPE = 8;

/** Distinct scope keys remembered; beyond that, selections are computed per Check (scope headers are not trusted to be few). */
const MAX_CACHED_SCOPES = 4096;

interface Entry {
  readonly source: PolicySource;
  readonly policies: readonly CompiledPolicy[];
}

interface Snapshot {
  /** By sourceId(source). */
  readonly sources: ReadonlyMap<string, Entry>;
  readonly selections: Map<string, Selection>;
  /** routeTargeted(), computed on first use. */
  routeTargeted?: readonly CompiledPolicy[];
}

/** The map key of a source; private to the store (callers name sources by their typed value). */
function sourceId(source: PolicySource): string {
  switch (source.kind) {
    case 'file':
      return `file:${source.path}`;
    case 'listener':
      return `listener:${source.listener}`;
    case 'route':
      return `route:${source.route}`;
    case 'kubernetes':
      return 'kubernetes:';
  }
}

export class PolicyStore {
  // Every change builds a new snapshot and swaps it in one assignment: a
  // Check that already took its selection keeps evaluating exactly that set.
  private snapshot: Snapshot = { sources: new Map(), selections: new Map() };
  private isReady = false;
  private readonly listeners = new Set<() => void>();
  private kubernetes = false;
  private readonly digests = new WeakMap<readonly CompiledPolicy[], string>();
  private readonly seenDigests = new Map<string, string[]>();

  /**
   * Replaces every policy of one source; an empty list removes it, except a
   * listener source, which stays empty: Envoy Gateway has told us that
   * listener has no policy, which is not the same as never having heard of it.
   */
  replaceSource(source: PolicySource, policies: readonly CompiledPolicy[]): void {
    const sources = new Map(this.snapshot.sources);
    const id = sourceId(source);
    if (policies.length === 0 && source.kind !== 'listener') sources.delete(id);
    else sources.set(id, { source, policies: [...policies] });
    this.snapshot = { sources, selections: new Map() };
    for (const listener of this.listeners) listener();
  }

  /** The policies of a `--policy` file (absolute path); an empty list removes the file. */
  replaceFile(path: string, policies: readonly CompiledPolicy[]): void {
    this.replaceSource({ kind: 'file', path }, policies);
  }

  removeFile(path: string): void {
    this.replaceSource({ kind: 'file', path }, []);
  }

  /** What Envoy Gateway sent with an xds listener (possibly nothing: the listener is then known, with no policy). */
  replaceListener(listener: string, policies: readonly CompiledPolicy[]): void {
    this.replaceSource({ kind: 'listener', listener }, policies);
  }

  /** What PostRouteModify sent with an xds route; an empty list removes the route. */
  replaceRoute(route: string, policies: readonly CompiledPolicy[]): void {
    this.replaceSource({ kind: 'route', route }, policies);
  }

  /** Everything this replica read from the Kubernetes API (targetSelectors resolved). */
  replaceKubernetes(policies: readonly CompiledPolicy[]): void {
    this.replaceSource({ kind: 'kubernetes' }, policies);
  }

  /** The policies that apply to a Check with this scope (undefined: untagged), in evaluation order. */
  forScope(scope: CheckScope | undefined): readonly CompiledPolicy[] {
    return this.selection(scope).policies;
  }

  /** The policies that apply to a Check with this scope, in evaluation order, and the specificity of each. */
  selection(scope: CheckScope | undefined): Selection {
    const { selections, sources } = this.snapshot;
    const key = scopeKey(scope);
    let selected = selections.get(key);
    if (selected === undefined) {
      selected = selectFrom(sources.values(), scope);
      if (selections.size < MAX_CACHED_SCOPES) selections.set(key, selected);
    }
    return selected;
  }

  /**
   * The policies that target a route (HTTPRoute/GRPCRoute, or a rule), from any source, one
   * per id. Only a Check naming a route (gRPC context extensions, or route metadata) can be
   * decided by them. The same array until the store changes.
   */
  routeTargeted(): readonly CompiledPolicy[] {
    const snapshot = this.snapshot;
    if (snapshot.routeTargeted === undefined) {
      const byId = new Map<string, CompiledPolicy>();
      for (const { policies } of snapshot.sources.values()) for (const p of policies) if (targetsAnyRoute(p) && !byId.has(p.id)) byId.set(p.id, p);
      snapshot.routeTargeted = [...byId.values()].sort(comparePolicies);
    }
    return snapshot.routeTargeted;
  }

  /**
   * Whether Envoy Gateway's hook has told this process which policies apply to
   * an xds listener (since start, or restored from the hook state file). A
   * Check tagged with a listener kgate has not heard of cannot be decided:
   * allowing it would skip the Gateway's policies.
   */
  knowsListener(listener: string): boolean {
    return this.snapshot.sources.has(sourceId({ kind: 'listener', listener }));
  }

  /**
   * Whether the route hook has handed this process the policies of an xds route. A Check
   * whose per-route config names a route kgate holds no policies for cannot be decided.
   */
  knowsRoute(route: string): boolean {
    return this.snapshot.sources.has(sourceId({ kind: 'route', route }));
  }

  /**
   * This replica reads policies from the Kubernetes API: a Check tagged with an xds
   * listener the hook never told it about is decided from those policies, when its
   * filter's policy-set digest is one this store holds or held for that scope.
   */
  enableKubernetes(): void {
    this.kubernetes = true;
  }

  get fromKubernetes(): boolean {
    return this.kubernetes;
  }

  /**
   * Whether the policy set a filter was injected for (its x-kgate-policy-set digest) is
   * the one this store selects for the scope now, or one it selected for it before (this
   * replica is then ahead of Envoy's copy of the filter, which is fine: it has seen that
   * version and moved on). A digest never seen means this replica is behind.
   */
  seenPolicySet(scope: CheckScope, digest: string): boolean {
    const selected = this.forScope(scope);
    let current = this.digests.get(selected);
    if (current === undefined) {
      current = policySetDigest(selected);
      this.digests.set(selected, current);
    }
    const key = scopeKey(scope);
    let seen = this.seenDigests.get(key);
    if (seen === undefined && this.seenDigests.size < MAX_DIGEST_SCOPES) this.seenDigests.set(key, (seen = []));
    if (seen && seen.at(-1) !== current) {
      seen.push(current);
      if (seen.length > DIGESTS_PER_SCOPE) seen.shift();
    }
    return current === digest || (seen?.includes(digest) ?? false);
  }

  /** The policies in force from one source; undefined when the store holds none from it. */
  policiesOf(source: PolicySource): readonly CompiledPolicy[] | undefined {
    return this.snapshot.sources.get(sourceId(source))?.policies;
  }

  /** Every source held and its policies, in the order they were first added. */
  *entries(): IterableIterator<readonly [PolicySource, readonly CompiledPolicy[]]> {
    for (const { source, policies } of this.snapshot.sources.values()) yield [source, policies];
  }

  /** Sources held and the policies they hold, per source kind (metrics, logs, the no-policy warning). */
  counts(): Record<SourceKind, { readonly sources: number; readonly policies: number }> {
    const counts = Object.fromEntries(SOURCE_KINDS.map((kind) => [kind, { sources: 0, policies: 0 }])) as Record<
      SourceKind,
      { sources: number; policies: number }
    >;
    for (const { source, policies } of this.snapshot.sources.values()) {
      counts[source.kind].sources++;
      counts[source.kind].policies += policies.length;
    }
    return counts;
  }

  /** Called after every change (metrics, tests). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loaded, and every other source that must load first (the Kubernetes API's first full list) has. */
  get ready(): boolean {
    return this.isReady && this.gates.every((gate) => gate());
  }

  private readonly gates: (() => boolean)[] = [];

  /** One more condition for readiness; Checks are answered UNAVAILABLE until it holds. */
  addReadyGate(gate: () => boolean): void {
    this.gates.push(gate);
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
function selectFrom(sources: Iterable<Entry>, scope: CheckScope | undefined): Selection {
  const byId = new Map<string, { policy: CompiledPolicy; specificity: Specificity }>();
  for (const { source, policies } of sources) {
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

function applies(source: PolicySource, policy: CompiledPolicy, scope: CheckScope | undefined): Specificity | undefined {
  if (source.kind === 'listener') {
    // EG resolved the attachment (targetSelectors leave targetRefs empty): Gateway-wide unless it names sections.
    // Merged Gateways share one IR, where EG attaches each Gateway's policies to all their listeners:
    // a whole-Gateway target counts only for the Gateways the Check's sections name (all when none).
    if (!scope || source.listener !== scope.listener) return undefined;
    const sections = sectionKeys(policy);
    const whole = wholeGatewayKeys(policy);
    const gateways = new Set(scope.sections.map(gatewayOfSection));
    if (sections.some((key) => scope.sections.includes(key))) return Specificity.listener;
    if (whole.some((g) => gateways.size === 0 || gateways.has(g))) return Specificity.gateway;
    return policy.targetRefs.some((ref) => isGatewayRef(ref) || isRouteRef(ref)) ? undefined : Specificity.gateway;
  }
  if (source.kind === 'route') {
    // EG handed exactly this route's policies (whole-route ones and its rule's) to PostRouteModify.
    if (scope?.route?.key === undefined || source.route !== scope.route.key) return undefined;
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
