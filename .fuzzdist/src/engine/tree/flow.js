// Plumbing shared by the tree nodes: error lists, the deadline check, and
// expression calls that turn failures into field errors (maybe-async values: ../async.ts).
import { isPromise } from '../async.js';
import { DeadlineExceededError } from '../types.js';
import { internalError } from './errors.js';
export const NONE = Object.freeze([]);
export function concat(acc, more) {
    if (more.length === 0)
        return acc;
    return acc.length === 0 ? more : acc.concat(more);
}
/** `deadline` passed: the whole evaluation stops (never turned into a rule error). */
export function checkDeadline(scope) {
    if (scope.deadline !== undefined && performance.now() > scope.deadline)
        throw deadlineExceeded();
}
export function deadlineExceeded() {
    return new DeadlineExceededError();
}
export function withBinding(scope, name, value) {
    return { bindings: scope.bindings.with(name, value), deadline: scope.deadline };
}
function fail(at, error) {
    throw error instanceof DeadlineExceededError ? error : internalError(at, error);
}
/** Evaluates an expression; a failure becomes `field.InternalError(at, err)`. Missing values are null. */
export function evaluateAt(expression, value, scope, at) {
    let result;
    try {
        result = expression.evaluate(value, scope);
    }
    catch (error) {
        fail(at, error);
    }
    if (isPromise(result))
        return result.then((v) => v ?? null, (error) => fail(at, error));
    return result ?? null;
}
//# sourceMappingURL=flow.js.map