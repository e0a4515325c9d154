// JSONata values and errors as kyverno-json's tree expects them.
import { DeadlineExceededError, EvaluationError } from '../../types.js';
/**
 * No match (`undefined`) is null; sequences become plain arrays (a
 * one-element sequence has already been unwrapped by JSONata); functions and
 * regular expressions cannot be compared by a tree, so they are errors.
 * Containers are copied only where something changes (JSONata's
 * prototype-less objects always are).
 */
export function toTreeValue(value, source) {
    return value === undefined ? null : plain(value, source);
}
function plain(value, source) {
    if (typeof value === 'function' || isJsonataFunction(value)) {
        throw new EvaluationError(`jsonata ${JSON.stringify(source)}: the result holds a function or regular expression, which a policy cannot compare`);
    }
    if (typeof value !== 'object' || value === null)
        return value;
    if (Array.isArray(value)) {
        let copy = value.sequence ? value.slice() : undefined;
        value.forEach((item, index) => {
            const mapped = item === undefined ? null : plain(item, source);
            if (mapped !== item)
                (copy ??= value.slice())[index] = mapped;
        });
        return copy ?? value;
    }
    // JSONata builds objects without a prototype: a tree gets plain ones.
    let copy = Object.getPrototypeOf(value) === null ? { ...value } : undefined;
    for (const [key, item] of Object.entries(value)) {
        const mapped = item === undefined ? undefined : plain(item, source);
        if (mapped !== item || item === undefined) {
            copy ??= { ...value };
            if (mapped === undefined)
                delete copy[key];
            else
                copy[key] = mapped;
        }
    }
    return copy ?? value;
}
/**
 * jsonata's own function values (`function($x){...}`, `$string`) are objects
 * with a marker and code inside; JSON data with the marker alone is data.
 */
function isJsonataFunction(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const fn = value;
    return ((fn._jsonata_function === true && typeof fn.implementation === 'function') || (fn._jsonata_lambda === true && typeof fn.environment?.lookup === 'function'));
}
/**
 * An EvaluationError naming the expression and, for jsonata's errors, the
 * code and position; for a function's error, the function. A time box hit
 * stays a DeadlineExceededError.
 */
export function toEvaluationError(source, error, functionName) {
    if (error instanceof DeadlineExceededError)
        return error;
    const fields = (typeof error === 'object' && error !== null ? error : { message: String(error) });
    const message = error instanceof RangeError ? `stack overflow (${error.message})` : String(fields.message);
    const token = typeof fields.token === 'string' ? fields.token : functionName;
    const detail = typeof fields.code === 'string'
        ? `${fields.code}${typeof fields.position === 'number' ? ` at position ${fields.position}` : ''}: ${message}`
        : token !== undefined && !(error instanceof RangeError)
            ? `$${token}: ${message}`
            : message;
    // jsonata's error objects carry the offending values (a token, say): only real Errors are kept as cause.
    return new EvaluationError(`jsonata ${JSON.stringify(source)}: ${detail}`, error instanceof Error ? { cause: error } : undefined);
}
//# sourceMappingURL=values.js.map