// Compiled policies for tests of the store, which only reads their identity
// and targets (evaluation is the engine's, tested end to end elsewhere).
import { KGATE_API_VERSION } from '../../../src/engine/policy/policy.js';
export function gatewayRef(name, sectionName) {
    return { group: 'gateway.networking.k8s.io', kind: 'Gateway', name, ...(sectionName === undefined ? {} : { sectionName }) };
}
export function targeted(name, targetRefs = [], namespace = 'default', targetSelectors = false) {
    return {
        apiVersion: KGATE_API_VERSION,
        kind: 'AuthorizationPolicy',
        name,
        namespace,
        id: `${namespace}/${name}`,
        source: `test ${name}`,
        document: {},
        targetRefs,
        targetSelectors,
        failurePolicy: 'Fail',
        mode: 'Enforce',
        readsBody: false,
        rules: { compiler: 'jsonata', ruleNames: [], evaluate: () => Promise.resolve([]) },
    };
}
//# sourceMappingURL=policies.js.map