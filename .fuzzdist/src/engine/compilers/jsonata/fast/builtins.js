// JSONata built-in functions that policies call most, reproduced for the
// arguments they take as they are. A call with another number of arguments
// has no fast program (JSONata would take the context for a missing first
// argument, or fail T0410); at run time, an argument of another type, or
// a value JSONata rejects, answers FALLBACK.
import { FALLBACK } from './flow.js';
import { toBoolean, toText } from './values.js';
const isText = (value) => typeof value === 'string';
const textOrMissing = (value) => value === undefined || typeof value === 'string';
function unaryText(run) {
    return { minArgs: 1, maxArgs: 1, run: (text) => (text === undefined ? undefined : isText(text) ? run(text) : FALLBACK) };
}
// Both JSONata's versions work on the first occurrence of `chars`.
function aroundText(run) {
    return {
        minArgs: 2,
        maxArgs: 2,
        run: (text, chars) => {
            if (!textOrMissing(text) || !isText(chars))
                return FALLBACK;
            if (text === undefined)
                return undefined;
            const at = text.indexOf(chars);
            return at === -1 ? text : run(text, at, chars);
        },
    };
}
function not(value) {
    const truth = toBoolean(value);
    return truth === undefined || truth === FALLBACK ? truth : !truth;
}
const DECIMAL = /^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$/;
// JSONata's pattern as it is: the alternation binds `^` to the 0x form and `$` to the 0b form only.
const PREFIXED = /^(0[xX][0-9A-Fa-f]+)|(0[oO][0-7]+)|(0[bB][0-1]+)$/;
/** $number: null, arrays and objects are T0410, other strings D3030. */
function toNumber(value) {
    switch (typeof value) {
        case 'undefined':
        case 'number':
            return value;
        case 'boolean':
            return value ? 1 : 0;
        case 'string':
            if (DECIMAL.test(value) && Number.isFinite(Number(value)))
                return parseFloat(value);
            return PREFIXED.test(value) ? Number(value) : FALLBACK;
        default:
            return FALLBACK;
    }
}
/** $substring counts code points; a start before the beginning is the beginning. */
function substring(text, start, length) {
    if (!textOrMissing(text) || typeof start !== 'number' || !(length === undefined || typeof length === 'number'))
        return FALLBACK;
    if (text === undefined)
        return undefined;
    const chars = Array.from(text);
    const from = chars.length + start < 0 ? 0 : start;
    if (length === undefined)
        return chars.slice(from).join('');
    if (length <= 0)
        return '';
    return chars.slice(from, from >= 0 ? from + length : chars.length + from + length).join('');
}
function codePoints(text) {
    let count = 0;
    for (const _ of text)
        count++;
    return count;
}
function split(text, separator, limit) {
    // A negative limit is D3020, a regular expression separator left to JSONata.
    if (!textOrMissing(text) || !isText(separator) || !(limit === undefined || (typeof limit === 'number' && limit >= 0)))
        return FALLBACK;
    if (text === undefined)
        return undefined;
    return limit === undefined || limit > 0 ? text.split(separator, limit) : [];
}
/** $join takes one string as an array of it; an array holding anything but strings is T0412. */
function join(items, separator) {
    if (!textOrMissing(separator))
        return FALLBACK;
    if (items === undefined || isText(items))
        return items;
    return Array.isArray(items) && items.every(isText) ? items.join(separator ?? '') : FALLBACK;
}
function contains(text, token) {
    if (!textOrMissing(text) || !textOrMissing(token))
        return FALLBACK;
    return text === undefined || token === undefined ? undefined : text.includes(token);
}
const one = (run) => ({ minArgs: 1, maxArgs: 1, run });
export const BUILTINS = new Map([
    ['exists', one((value) => value !== undefined)],
    ['boolean', one(toBoolean)],
    ['not', one(not)],
    ['string', one(toText)],
    ['number', one(toNumber)],
    // Any single value is an array of one.
    ['count', one((value) => (value === undefined ? 0 : Array.isArray(value) ? value.length : 1))],
    ['length', unaryText(codePoints)],
    ['lowercase', unaryText((text) => text.toLowerCase())],
    ['uppercase', unaryText((text) => text.toUpperCase())],
    // Runs of blanks become one space; one leading and one trailing space go.
    [
        'trim',
        unaryText((text) => text
            .replace(/[ \t\n\r]+/g, ' ')
            .replace(/^ /, '')
            .replace(/ $/, '')),
    ],
    ['substring', { minArgs: 2, maxArgs: 3, run: substring }],
    ['substringBefore', aroundText((text, at) => text.slice(0, at))],
    ['substringAfter', aroundText((text, at, chars) => text.slice(at + chars.length))],
    ['contains', { minArgs: 2, maxArgs: 2, run: contains }],
    ['split', { minArgs: 2, maxArgs: 3, run: split }],
    ['join', { minArgs: 1, maxArgs: 2, run: join }],
]);
//# sourceMappingURL=builtins.js.map