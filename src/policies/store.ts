// The policies kgate enforces, by where they came from, and which of them
// apply to a Check. Sources: `file:<path>` (one per policy file) and
// `listener:<xds listener name>` (what Envoy Gateway sent with that listener).
import { comparePolicies, type CompiledPolicy } from '../engine/policy/policy.js';
import { gatewayOfSection, sectionKeys, targetsGateway, wholeGatewayKeys } from '../engine/policy/targets.js';
import { scopeKey, type CheckScope } from './scope.js';

export const FILE_SOURCE = 'file:';
export const LISTENER_SOURCE = 'listener:';

/** Distinct scope keys remembered; beyond that, selections are computed per Check (scope headers are not trusted to be few). */
const MAX_CACHED_SCOPES = 4096;

interface Snapshot {
  readonly sources: ReadonlyMap<string, readonly CompiledPolicy[]>;
  readonly selections: Map<string, readonly CompiledPolicy[]>;
}

export class PolicyStore {
  // Every change builds a new snapshot and swaps it in one assignment: a
  // Check that already took its selection keeps evaluating exactly that set.
  private snapshot: Snapshot = { sources: new Map(), selections: new Map() };
  private isReady = false;
  private readonly listeners = new Set<() => void>();

  /**
   * Replaces every policy of one source; an empty list removes a file source.
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
 * `<ns>/<gateway>/<section>` keys is among the Check's sections. Policies from
 * files with targetRefs apply when one of the Check's sections belongs to a
 * targeted Gateway (and listener, when sectionName is given). A policy id
 * present in several sources is evaluated once.
 */
function selectFrom(sources: ReadonlyMap<string, readonly CompiledPolicy[]>, scope: CheckScope | undefined): readonly CompiledPolicy[] {
  const byId = new Map<string, CompiledPolicy>();
  for (const [source, policies] of sources) {
    for (const policy of policies) {
      if (!byId.has(policy.id) && applies(source, policy, scope)) byId.set(policy.id, policy);
    }
  }
  return [...byId.values()].sort(comparePolicies);
}

function applies(source: string, policy: CompiledPolicy, scope: CheckScope | undefined): boolean {
  if (source.startsWith(LISTENER_SOURCE)) {
    // EG resolved the attachment (targetSelectors leave targetRefs empty): Gateway-wide unless it names sections.
    // Merged Gateways share one IR, where EG attaches each Gateway's policies to all their listeners:
    // a whole-Gateway target counts only for the Gateways the Check's sections name (all when none).
    if (!scope || source.slice(LISTENER_SOURCE.length) !== scope.listener) return false;
    const sections = sectionKeys(policy);
    const whole = wholeGatewayKeys(policy);
    const gateways = new Set(scope.sections.map(gatewayOfSection));
    return (
      (sections.length === 0 && whole.length === 0) ||
      whole.some((g) => gateways.size === 0 || gateways.has(g)) ||
      sections.some((key) => scope.sections.includes(key))
    );
  }
  // Label selectors are Envoy Gateway's to resolve: from a file they select nothing.
  if (policy.targetRefs.length === 0) return !policy.targetSelectors;
  if (!scope) return false;
  return scope.sections.some((section) => {
    const [namespace, gateway, listener] = section.split('/');
    return namespace !== undefined && gateway !== undefined && targetsGateway(policy, namespace, gateway, listener);
  });
}
