// kyverno-json's matching.Match / matching.Equal: how a scalar leaf compares
// its expected value (literal or evaluated) with the actual one.
import { goKind } from '../go/fmt.js';
import { isObject } from '../json.js';
/** A comparison that cannot be made (kyverno-json returns it as an error: the rule ERRORs). */
export class MatchError extends Error {
    constructor(message) {
        super(message);
        this.name = 'MatchError';
    }
}
/**
 * Expected arrays need an actual array of the same length, matched element
 * by element; expected maps need an actual map holding (at least) each
 * expected key with a matching value; anything else is Equal.
 */
export function match(expected, actual) {
    if (Array.isArray(expected)) {
        if (!Array.isArray(actual))
            throw new MatchError(`invalid actual value, must be a slice, found ${goKind(actual)}`);
        if (expected.length !== actual.length)
            return false;
        return expected.every((e, i) => match(e, actual[i]));
    }
    if (isObject(expected)) {
        if (!isObject(actual))
            throw new MatchError(`invalid actual value, must be a map, found ${goKind(actual)}`);
        for (const key of Object.keys(expected)) {
            if (!Object.hasOwn(actual, key) || !match(expected[key], actual[key]))
                return false;
        }
        return true;
    }
    return equal(expected, actual);
}
/** Null only equals null; numbers compare across int and float; other kinds must agree. */
export function equal(expected, actual) {
    if (expected === null || expected === undefined || actual === null || actual === undefined) {
        return (expected ?? null) === (actual ?? null);
    }
    if (expected === actual)
        return true;
    const kind = goKind(expected);
    const actualKind = goKind(actual);
    if (typeof expected === 'number' && typeof actual === 'number')
        return false;
    if (kind === actualKind)
        return kind === 'slice' || kind === 'map' ? deepEqual(expected, actual) : false;
    throw new MatchError(`types are not comparable, ${kind} - ${actualKind}`);
}
/** reflect.DeepEqual on JSON values. */
export function deepEqual(a, b) {
    if (a === b)
        return true;
    if (Array.isArray(a))
        return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
    if (isObject(a) && isObject(b)) {
        const keys = Object.keys(a);
        return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
    }
    return false;
}
//# sourceMappingURL=match.js.map