// The policies kgate enforces, by the source they came from, and which of
// them apply to a Check. A source's policies are always replaced whole.
import { comparePolicies } from '../engine/policy/policy.js';
import { gatewayOfSection, sectionKeys, targetsGateway, wholeGatewayKeys } from '../engine/policy/targets.js';
import { scopeKey } from './scope.js';
/** Every source kind, in the order counts() and metrics list them. */
export const SOURCE_KINDS = ['file', 'listener'];
/** Distinct scope keys remembered; beyond that, selections are computed per Check (scope headers are not trusted to be few). */
const MAX_CACHED_SCOPES = 4096;
/** The map key of a source; private to the store (callers name sources by their typed value). */
function sourceId(source) {
    return source.kind === 'file' ? `file:${source.path}` : `listener:${source.listener}`;
}
export class PolicyStore {
    // Every change builds a new snapshot and swaps it in one assignment: a
    // Check that already took its selection keeps evaluating exactly that set.
    snapshot = { sources: new Map(), selections: new Map() };
    isReady = false;
    listeners = new Set();
    /**
     * Replaces every policy of one source; an empty list removes it, except a
     * listener source, which stays empty: Envoy Gateway has told us that
     * listener has no policy, which is not the same as never having heard of it.
     */
    replaceSource(source, policies) {
        const sources = new Map(this.snapshot.sources);
        const id = sourceId(source);
        if (policies.length === 0 && source.kind !== 'listener')
            sources.delete(id);
        else
            sources.set(id, { source, policies: [...policies] });
        this.snapshot = { sources, selections: new Map() };
        for (const listener of this.listeners)
            listener();
    }
    /** The policies of a `--policy` file (absolute path); an empty list removes the file. */
    replaceFile(path, policies) {
        this.replaceSource({ kind: 'file', path }, policies);
    }
    removeFile(path) {
        this.replaceSource({ kind: 'file', path }, []);
    }
    /** What Envoy Gateway sent with an xds listener (possibly nothing: the listener is then known, with no policy). */
    replaceListener(listener, policies) {
        this.replaceSource({ kind: 'listener', listener }, policies);
    }
    /** The policies that apply to a Check with this scope (undefined: untagged), in evaluation order. */
    forScope(scope) {
        const { selections, sources } = this.snapshot;
        const key = scopeKey(scope);
        let selected = selections.get(key);
        if (selected === undefined) {
            selected = selectFrom(sources.values(), scope);
            if (selections.size < MAX_CACHED_SCOPES)
                selections.set(key, selected);
        }
        return selected;
    }
    /**
     * Whether Envoy Gateway's hook has told this process which policies apply to
     * an xds listener (since start, or restored from the hook state file). A
     * Check tagged with a listener kgate has not heard of cannot be decided:
     * allowing it would skip the Gateway's policies.
     */
    knowsListener(listener) {
        return this.snapshot.sources.has(sourceId({ kind: 'listener', listener }));
    }
    /** The policies in force from one source; undefined when the store holds none from it. */
    policiesOf(source) {
        return this.snapshot.sources.get(sourceId(source))?.policies;
    }
    /** Every source held and its policies, in the order they were first added. */
    *entries() {
        for (const { source, policies } of this.snapshot.sources.values())
            yield [source, policies];
    }
    /** Sources held and the policies they hold, per source kind (metrics, logs, the no-policy warning). */
    counts() {
        const counts = Object.fromEntries(SOURCE_KINDS.map((kind) => [kind, { sources: 0, policies: 0 }]));
        for (const { source, policies } of this.snapshot.sources.values()) {
            counts[source.kind].sources++;
            counts[source.kind].policies += policies.length;
        }
        return counts;
    }
    /** Called after every change (metrics, tests). */
    onChange(listener) {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }
    get ready() {
        return this.isReady;
    }
    /** The initial load is complete: readiness probes may pass. */
    markReady() {
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
function selectFrom(sources, scope) {
    const byId = new Map();
    for (const { source, policies } of sources) {
        for (const policy of policies) {
            if (!byId.has(policy.id) && applies(source, policy, scope))
                byId.set(policy.id, policy);
        }
    }
    return [...byId.values()].sort(comparePolicies);
}
function applies(source, policy, scope) {
    if (source.kind === 'listener') {
        // EG resolved the attachment (targetSelectors leave targetRefs empty): Gateway-wide unless it names sections.
        // Merged Gateways share one IR, where EG attaches each Gateway's policies to all their listeners:
        // a whole-Gateway target counts only for the Gateways the Check's sections name (all when none).
        if (!scope || source.listener !== scope.listener)
            return false;
        const sections = sectionKeys(policy);
        const whole = wholeGatewayKeys(policy);
        const gateways = new Set(scope.sections.map(gatewayOfSection));
        return ((sections.length === 0 && whole.length === 0) ||
            whole.some((g) => gateways.size === 0 || gateways.has(g)) ||
            sections.some((key) => scope.sections.includes(key)));
    }
    // Label selectors are Envoy Gateway's to resolve: from a file they select nothing.
    if (policy.targetRefs.length === 0)
        return !policy.targetSelectors;
    if (!scope)
        return false;
    return scope.sections.some((section) => {
        const [namespace, gateway, listener] = section.split('/');
        return namespace !== undefined && gateway !== undefined && targetsGateway(policy, namespace, gateway, listener);
    });
}
//# sourceMappingURL=store.js.map