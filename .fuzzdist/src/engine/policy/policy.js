export const KGATE_API_VERSION = 'kgate.dev/v1alpha1';
export const KYVERNO_JSON_API_VERSION = 'json.kyverno.io/v1alpha1';
/** Evaluation order of policies in scope: by id (`<namespace>/<name>`), stable across reloads. */
export function comparePolicies(a, b) {
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
//# sourceMappingURL=policy.js.map