// JSON values as the engine sees them: parsed YAML/JSON documents, payloads
// and bindings, their members not yet checked.
/** An object, not null and not an array: a JSON object. */
export function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
//# sourceMappingURL=json.js.map