// JSONata 2.x's value rules (its fn.boolean, fn.string, isDeepEqual and
// operators), reproduced for the values fast programs meet: JSON data, kgate
// function results and their own results, never JSONata sequences or
// functions. Wherever JSONata would throw, or the rule was not reproduced
// (strings of arrays and objects), the answer is FALLBACK, so that JSONata
// itself gives the error or the value.
import { FALLBACK } from './flow.js';
/** Objects JSONata takes for functions (and so skips in lookups, and counts false): those bearing its marker. */
export function bearsFunctionMarker(value) {
    const marked = value;
    return marked._jsonata_function === true || marked._jsonata_lambda === true;
}
/** A number JSONata accepts as one: not NaN, and finite (an infinite one is its D1001). */
const isNumber = (value) => typeof value === 'number' && Number.isFinite(value);
/** The effective boolean value ($boolean, conditions, `and`, `or`); undefined stays undefined. */
export function toBoolean(value) {
    switch (typeof value) {
        case 'undefined':
            return undefined;
        case 'string':
            return value.length > 0;
        case 'number':
            // NaN is no number to JSONata (false); ±Infinity is its D1001.
            return Number.isNaN(value) ? false : isNumber(value) ? value !== 0 : FALLBACK;
        case 'boolean':
            return value;
        case 'object':
            if (value === null)
                return false;
            if (Array.isArray(value))
                return arrayToBoolean(value);
            return !bearsFunctionMarker(value) && Object.keys(value).length > 0;
        default:
            return false;
    }
}
// One item: that item's value (undefined included). More: true when any is,
// each item tested (a later infinite number still fails).
function arrayToBoolean(items) {
    if (items.length === 1)
        return toBoolean(items[0]);
    let any = false;
    for (const item of items) {
        const itemValue = toBoolean(item);
        if (itemValue === FALLBACK)
            return FALLBACK;
        any ||= itemValue === true;
    }
    return any;
}
/** $string of a scalar (undefined stays undefined); arrays and objects are left to JSONata. */
export function toText(value) {
    switch (typeof value) {
        case 'undefined':
        case 'string':
            return value;
        case 'number':
            // A non-integer prints rounded to 15 significant digits, as JSON; ±Infinity and NaN are D3001.
            return isNumber(value) ? String(Number.isInteger(value) ? value : Number(value.toPrecision(15))) : FALLBACK;
        case 'boolean':
            return String(value);
        default:
            return value === null ? 'null' : FALLBACK;
    }
}
/** JSONata's `=`: arrays item by item, other objects by their own property names (an array's `length` included), the rest by ===. */
export function deepEqual(left, right) {
    if (left === right)
        return true;
    if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null)
        return false;
    if (Array.isArray(left) && Array.isArray(right)) {
        if (left.length !== right.length)
            return false;
        for (let i = 0; i < left.length; i++)
            if (!deepEqual(left[i], right[i]))
                return false;
        return true;
    }
    const names = Object.getOwnPropertyNames(left);
    if (names.length !== Object.getOwnPropertyNames(right).length)
        return false;
    for (const name of names) {
        if (!Object.hasOwn(right, name) || !deepEqual(left[name], right[name]))
            return false;
    }
    return true;
}
const arithmetic = (apply) => (left, right) => {
    // A side that is no number is T2001 / T2002 (D1001 when infinite); an infinite result is left to JSONata too.
    if ((left !== undefined && !isNumber(left)) || (right !== undefined && !isNumber(right)))
        return FALLBACK;
    if (left === undefined || right === undefined)
        return undefined;
    const result = apply(left, right);
    return isNumber(result) ? result : FALLBACK;
};
const comparable = (value) => value === undefined || typeof value === 'string' || typeof value === 'number';
const comparison = (test) => (left, right) => {
    // Anything but strings and numbers is T2010; a string against a number T2009.
    if (!comparable(left) || !comparable(right))
        return FALLBACK;
    if (left === undefined || right === undefined)
        return undefined;
    return typeof left === typeof right ? test(left, right) : FALLBACK;
};
/** `&`: no value is the empty string. */
function concatenate(left, right) {
    const l = left === undefined ? '' : toText(left);
    const r = right === undefined ? '' : toText(right);
    return l === FALLBACK || r === FALLBACK ? FALLBACK : l + r;
}
/** `in`: strict equality with the right side or one of its items (so NaN is in nothing). */
function includes(left, right) {
    if (left === undefined || right === undefined)
        return false;
    return Array.isArray(right) ? right.indexOf(left) !== -1 : right === left;
}
/** The binary operators with eager operands (`and` / `or` short-circuit: elsewhere). */
export const OPERATORS = {
    '+': arithmetic((l, r) => l + r),
    '-': arithmetic((l, r) => l - r),
    '*': arithmetic((l, r) => l * r),
    '/': arithmetic((l, r) => l / r),
    '%': arithmetic((l, r) => l % r),
    '=': (l, r) => l !== undefined && r !== undefined && deepEqual(l, r),
    '!=': (l, r) => l !== undefined && r !== undefined && !deepEqual(l, r),
    '<': comparison((l, r) => l < r),
    '<=': comparison((l, r) => l <= r),
    '>': comparison((l, r) => l > r),
    '>=': comparison((l, r) => l >= r),
    '&': concatenate,
    in: includes,
};
/** Unary minus: no value stays none; anything but a number is D1002. */
export function negate(value) {
    if (value === undefined)
        return undefined;
    return isNumber(value) ? -value : FALLBACK;
}
//# sourceMappingURL=values.js.map