// JSON as Go's encoding/json writes it (sorted object keys, `<>&` escaped,
// MarshalIndent layout) and Kyverno's parse_json / parse_yaml.
import { parse as parseYaml } from 'yaml';
/**
 * json.Marshal (indent undefined) or json.MarshalIndent(v, "", indent).
 * Plain objects are Go maps (keys sorted); a Map keeps its order, for
 * struct-shaped output.
 */
export function goJson(value, indent) {
    return write(value, indent, '');
}
function write(value, indent, pad) {
    if (value === null || value === undefined)
        return 'null';
    switch (typeof value) {
        case 'string':
            return goJsonString(value);
        case 'number':
            return Object.is(value, -0) ? '-0' : Number.isFinite(value) ? JSON.stringify(value) : 'null';
        case 'boolean':
            return String(value);
        case 'object': {
            const entries = Array.isArray(value)
                ? undefined
                : value instanceof Map
                    ? [...value]
                    : Object.keys(value)
                        .sort()
                        .map((k) => [k, value[k]]);
            const inner = indent === undefined ? '' : pad + indent;
            const items = entries
                ? entries.map(([k, v]) => `${goJsonString(k)}:${indent === undefined ? '' : ' '}${write(v, indent, inner)}`)
                : value.map((v) => write(v, indent, inner));
            const [open, close] = entries ? ['{', '}'] : ['[', ']'];
            if (items.length === 0)
                return open + close;
            if (indent === undefined)
                return `${open}${items.join(',')}${close}`;
            return `${open}\n${inner}${items.join(`,\n${inner}`)}\n${pad}${close}`;
        }
        default:
            return 'null';
    }
}
const HTML_UNSAFE = /[<>&\u2028\u2029]|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/g;
/** A JSON string as Go writes it: HTML-safe, line separators escaped, lone surrogates as U+FFFD. */
export function goJsonString(s) {
    return JSON.stringify(s).replace(HTML_UNSAFE, (c) => {
        if (c.startsWith('\\'))
            return '\\ufffd';
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
}
/** Kyverno's parse_json (and kyverno-json's json_parse): any JSON value. */
export function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new Error(`invalid JSON: ${error.message}`);
    }
}
// go-yaml v2 (under sigs.k8s.io/yaml) reads YAML 1.1 booleans and octals but
// keeps timestamps, sexagesimals and binaries as text.
const GO_YAML_V2_SKIPS = new Set([
    'tag:yaml.org,2002:timestamp',
    'tag:yaml.org,2002:binary',
    'tag:yaml.org,2002:omap',
    'tag:yaml.org,2002:pairs',
    'tag:yaml.org,2002:set',
]);
/** Kyverno's parse_yaml: one YAML document read as sigs.k8s.io/yaml reads it, as JSON. */
export function parseYamlDocument(text) {
    try {
        const value = parseYaml(text, {
            version: '1.1',
            logLevel: 'error',
            customTags: (tags) => tags.filter((t) => typeof t === 'string' || (!GO_YAML_V2_SKIPS.has(t.tag) && t.format !== 'TIME')),
        });
        return value ?? null;
    }
    catch (error) {
        throw new Error(`invalid YAML: ${error.message.split('\n')[0]}`);
    }
}
//# sourceMappingURL=json.js.map