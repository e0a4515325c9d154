// Small structural checks for policy documents. Each failure is a PolicyError
// naming the field path; callers attach source and document.
import { isObject } from '../json.js';
export class ShapeError extends Error {
    path;
    reason;
    constructor(path, reason) {
        super(`${path}: ${reason}`);
        this.path = path;
        this.reason = reason;
        this.name = 'ShapeError';
    }
}
export function typeName(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'array';
    return typeof value;
}
export function object(value, path) {
    if (!isObject(value))
        throw new ShapeError(path, `expected an object, got ${typeName(value)}`);
    return value;
}
export function array(value, path) {
    if (!Array.isArray(value))
        throw new ShapeError(path, `expected a list, got ${typeName(value)}`);
    return value;
}
export function string(value, path) {
    if (typeof value !== 'string')
        throw new ShapeError(path, `expected a string, got ${typeName(value)}`);
    return value;
}
export function oneOf(value, allowed, path) {
    if (typeof value === 'string' && allowed.includes(value))
        return value;
    throw new ShapeError(path, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(value)}`);
}
/** Refuses keys outside `allowed`: a typo must not silently disable part of a policy. */
export function onlyKeys(value, allowed, path) {
    for (const key of Object.keys(value)) {
        if (!allowed.includes(key)) {
            throw new ShapeError(path ? `${path}.${key}` : key, `unknown field (allowed: ${allowed.join(', ')})`);
        }
    }
}
/** How a missing field is told: kgate's documents, or kyverno-json's (null counts as absent, Go's field.Required text). */
export const KGATE_REQUIRED = { nullIsAbsent: false, reason: 'required value' };
export const KYVERNO_JSON_REQUIRED = { nullIsAbsent: true, reason: 'Required value' };
/** `value[key]`, which must be present (ShapeError at `path.key` otherwise). */
export function required(value, key, path, how = KGATE_REQUIRED) {
    const v = value[key];
    if (v === undefined || (how.nullIsAbsent && v === null))
        throw new ShapeError(path ? `${path}.${key}` : key, how.reason);
    return v;
}
//# sourceMappingURL=shape.js.map