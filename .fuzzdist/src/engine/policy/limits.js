// Size limits on policy documents, checked before anything compiles them: a
// file or an extension resource that breaks one is refused with the field
// path, not loaded slowly (docs/policy.md, "Limits").
export const DOCUMENT_LIMITS = Object.freeze({
    maxBytes: 32 * 1024 * 1024,
    maxDepth: 100,
    maxNodes: 1_000_000,
    maxStringLength: 8 * 1024 * 1024,
});
/** The first limit `value` breaks, walked without recursion (a deep value must not overflow the stack here). */
export function findLimitBreach(value, limits = DOCUMENT_LIMITS) {
    const stack = [{ value, depth: 0, parent: undefined, step: '' }];
    let nodes = 0;
    for (let item = stack.pop(); item; item = stack.pop()) {
        if (++nodes > limits.maxNodes)
            return { path: pathOf(item), reason: `more than ${limits.maxNodes} nodes in one document` };
        const { value: v, depth } = item;
        if (typeof v === 'string' && v.length > limits.maxStringLength) {
            return { path: pathOf(item), reason: `a string of ${v.length} characters, more than the limit of ${limits.maxStringLength}` };
        }
        if (typeof v !== 'object' || v === null)
            continue;
        if (depth >= limits.maxDepth)
            return { path: pathOf(item), reason: `nested more than ${limits.maxDepth} deep` };
        if (Array.isArray(v)) {
            for (let i = v.length - 1; i >= 0; i--)
                stack.push({ value: v[i], depth: depth + 1, parent: item, step: `[${i}]` });
            continue;
        }
        const keys = Object.keys(v);
        for (let i = keys.length - 1; i >= 0; i--) {
            const key = keys[i];
            if (key.length > limits.maxStringLength) {
                return { path: pathOf(item), reason: `a key of ${key.length} characters, more than the limit of ${limits.maxStringLength}` };
            }
            stack.push({ value: v[key], depth: depth + 1, parent: item, step: `.${key}` });
        }
    }
    return undefined;
}
function pathOf(item) {
    const steps = [];
    for (let at = item; at?.parent; at = at.parent)
        steps.push(at.step);
    const path = steps.reverse().join('');
    return path.startsWith('.') ? path.slice(1) : path;
}
//# sourceMappingURL=limits.js.map