// Argument checks shared by kgate's functions. Messages name the argument and
// the type received, never the value: a token or secret must not reach logs.
import { EvaluationError } from '../types.js';
import { isObject } from '../json.js';
/** The JSON type name of a value (`null`, `array`, `object`, ...), `undefined` for a missing one. */
export function typeName(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'array';
    return typeof value;
}
export function expectString(value, what) {
    if (typeof value !== 'string')
        throw new EvaluationError(`${what} must be a string, got ${typeName(value)}`);
    return value;
}
export function expectObject(value, what) {
    if (!isObject(value))
        throw new EvaluationError(`${what} must be an object, got ${typeName(value)}`);
    return value;
}
//# sourceMappingURL=values.js.map