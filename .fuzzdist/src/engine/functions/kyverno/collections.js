// Kyverno's and kyverno-json's functions on objects and arrays.
import { deepEqual } from '../../tree/match.js';
import { goFloat } from '../../go/fmt.js';
/** Kyverno's lookup: a key of an object or an integral index of an array (null when out of range). */
export function lookup(collection, key) {
    if (Array.isArray(collection)) {
        if (typeof key !== 'number')
            throw new Error("JMESPath function 'lookup': argument #2 is not of type Number");
        if (!Number.isInteger(key))
            throw new Error(`JMESPath function 'lookup': argument #2: expected an integer number but got: ${goFloat(key)}`);
        return key < 0 || key >= collection.length ? null : (collection[key] ?? null);
    }
    if (typeof key !== 'string')
        throw new Error("JMESPath function 'lookup': argument #2 is not of type String");
    return Object.hasOwn(collection, key) ? (collection[key] ?? null) : null;
}
/** Kyverno's items: `[{<keyName>: key, <valName>: value}]`, object keys sorted. */
export function items(collection, keyName, valName) {
    if (Array.isArray(collection))
        return collection.map((value, index) => ({ [keyName]: index, [valName]: value }));
    return Object.keys(collection)
        .sort()
        .map((key) => ({ [keyName]: key, [valName]: collection[key] }));
}
/** Kyverno's object_from_lists: keys (strings, numbers, booleans) paired with values; missing values are null. */
export function objectFromLists(keys, values) {
    const out = {};
    keys.forEach((key, i) => {
        out[scalarText(key, 'object_from_lists', 1)] = i < values.length ? values[i] : null;
    });
    return out;
}
/** Kyverno's ifaceToString: numbers as Go's FormatFloat(f, 'f', -1, 32), booleans and strings as text. */
export function scalarText(value, fn, argument) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'boolean')
        return String(value);
    if (typeof value === 'number')
        return float32Text(value);
    throw new Error(`JMESPath function '${fn}': argument #${argument} is not of type String or Real`);
}
function float32Text(n) {
    const f = Math.fround(n);
    // Shortest decimal that rounds back to the same float32.
    for (let digits = 1; digits <= 9; digits++) {
        const text = Number(f.toPrecision(digits));
        if (Math.fround(text) === f)
            return fixed(text);
    }
    return fixed(f);
}
function fixed(n) {
    const text = String(n);
    return /e/.test(text) ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : text;
}
/** Kyverno's label_match: every label of the first object is present, equal, in the second. */
export function labelMatch(labels, candidate) {
    return Object.keys(labels).every((key) => Object.hasOwn(candidate, key) && deepEqual(candidate[key], labels[key]));
}
/** kyverno-json's at: the element at an index (an error when out of range, as Go would panic-recover). */
export function at(array, index) {
    const i = Math.trunc(index);
    if (i < 0 || i >= array.length)
        throw new Error(`index out of range [${i}] with length ${array.length}`);
    return array[i] ?? null;
}
/** kyverno-json's concat of two strings. */
export function concat(left, right) {
    return left + right;
}
//# sourceMappingURL=collections.js.map