// Field paths as k8s field.Path renders them (`spec.containers[0].image`).
// Built as a linked list while evaluating and rendered only when an error
// needs it: most evaluations never render a path.
export function child(parent, name) {
    return { parent, name, index: '' };
}
export function subscript(parent, index) {
    return { parent, name: undefined, index: String(index) };
}
/** field.Path.String(): an absent path is `<nil>`, an empty field name renders as a subscript. */
export function renderPath(path) {
    if (path === undefined)
        return '<nil>';
    const parts = [];
    for (let p = path; p; p = p.parent) {
        const named = p.name !== undefined && p.name.length > 0;
        parts.push(named ? (p.parent ? `.${p.name}` : p.name) : `[${p.name === undefined ? p.index : ''}]`);
    }
    return parts.reverse().join('');
}
/** A dotted static path (`spec.rules[0].assert`) as a FieldPath, for compile-time prefixes. */
export function staticPath(text) {
    return text === '' ? undefined : { parent: undefined, name: text, index: '' };
}
//# sourceMappingURL=path.js.map