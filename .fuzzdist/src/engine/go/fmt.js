// Go's fmt renderings of JSON values, as kyverno-json prints them in field
// errors (`%v`, `%#v`, `%q`) and kinds (`reflect.Kind`). JS has one number
// type: integral numbers render as Go's int64 (what kyverno-json's JSON loading
// yields for integers), others as float64.
const MAX_INT64 = 2 ** 63;
export function goKind(value) {
    switch (typeof value) {
        case 'boolean':
            return 'bool';
        case 'number':
            return isInt64(value) ? 'int64' : 'float64';
        case 'string':
            return 'string';
        case 'object':
            if (value === null)
                return 'invalid';
            return Array.isArray(value) ? 'slice' : 'map';
        default:
            return 'invalid';
    }
}
function isInt64(n) {
    return Number.isInteger(n) && n >= -MAX_INT64 && n < MAX_INT64;
}
/** strconv.FormatFloat(n, 'g', -1, 64), which is what `%v` prints for a float64. */
export function goFloat(n) {
    if (Number.isNaN(n))
        return 'NaN';
    if (!Number.isFinite(n))
        return n > 0 ? '+Inf' : '-Inf';
    if (Object.is(n, -0))
        return '-0';
    const [mantissa = '0', exponent = '0'] = n.toExponential().split('e');
    const exp = Number(exponent);
    // Shortest 'g' switches to an exponent from 1e6 on (strconv's eprec = 6).
    if (exp < -4 || exp >= 6) {
        return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
    }
    return String(n);
}
function goNumber(n) {
    return isInt64(n) ? BigInt(n).toString() : goFloat(n);
}
const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;
const SHORT_ESCAPES = {
    '\x07': '\\a',
    '\b': '\\b',
    '\f': '\\f',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\v': '\\v',
    '"': '\\"',
    '\\': '\\\\',
};
/** strconv.Quote: Go's `%q` of a string. */
export function goQuote(s) {
    let out = '"';
    for (const ch of s) {
        const code = ch.codePointAt(0) ?? 0;
        const short = SHORT_ESCAPES[ch];
        if (short !== undefined)
            out += short;
        else if (code >= 0x20 && code < 0x7f)
            out += ch;
        else if (code < 0x80)
            out += `\\x${code.toString(16).padStart(2, '0')}`;
        else if (code >= 0xd800 && code <= 0xdfff)
            out += '\\ufffd';
        else if (PRINTABLE.test(ch))
            out += ch;
        else if (code > 0xffff)
            out += `\\U${code.toString(16).padStart(8, '0')}`;
        else
            out += `\\u${code.toString(16).padStart(4, '0')}`;
    }
    return `${out}"`;
}
function sortedKeys(value) {
    return Object.keys(value).sort(compareBytes);
}
/** Go sorts map keys by bytes; for UTF-16 strings code point order is the same except for surrogates, close enough. */
function compareBytes(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** `%v` (fmt.Sprint) of a value. */
export function goValue(value) {
    if (value === null || value === undefined)
        return '<nil>';
    switch (typeof value) {
        case 'number':
            return goNumber(value);
        case 'string':
            return value;
        case 'boolean':
            return String(value);
        case 'object':
            if (Array.isArray(value))
                return `[${value.map(goValue).join(' ')}]`;
            return `map[${sortedKeys(value)
                .map((k) => `${k}:${goValue(value[k])}`)
                .join(' ')}]`;
        default:
            return String(value);
    }
}
/** `%#v` of a value held in an `interface{}` (maps are `map[string]interface {}`, arrays `[]interface {}`). */
export function goSyntax(value) {
    if (value === null || value === undefined)
        return 'interface {}(nil)';
    return goSyntaxTop(value);
}
function goSyntaxTop(value) {
    switch (typeof value) {
        case 'number':
            return goNumber(value);
        case 'string':
            return goQuote(value);
        case 'boolean':
            return String(value);
        case 'object': {
            if (Array.isArray(value))
                return `[]interface {}{${value.map(goSyntax).join(', ')}}`;
            const map = value;
            return `map[string]interface {}{${sortedKeys(map)
                .map((k) => `${goQuote(k)}:${goSyntax(map[k])}`)
                .join(', ')}}`;
        }
        default:
            return String(value);
    }
}
/** A value only Go can print (a typed struct): its `%#v` text, and the JSON it would marshal to. */
export class GoRendered {
    text;
    json;
    constructor(text, json) {
        this.text = text;
        this.json = json;
    }
}
/** The value part of a k8s field.Error body (`Invalid value: <this>`). */
export function errorBodyValue(value) {
    if (value === null || value === undefined)
        return '"null"';
    if (value instanceof GoRendered)
        return value.text;
    return typeof value === 'string' ? goQuote(value) : goSyntaxTop(value);
}
/** kyverno-json's expectValueMessage: `Expected value: <this>`. */
export function expectedValue(value) {
    if (value === null || value === undefined)
        return '<nil>';
    return typeof value === 'string' ? goQuote(value) : goSyntaxTop(value);
}
//# sourceMappingURL=fmt.js.map