import { errorText, EvaluationError } from '../types.js';
import { errorBodyValue } from '../go/fmt.js';
import { renderPath } from './path.js';
const TYPE_TEXT = {
    FieldValueInvalid: 'Invalid value',
    FieldValueRequired: 'Required value',
    FieldValueTypeInvalid: 'Invalid value',
    InternalError: 'Internal error',
};
/** field.Error: a type, a path, the offending value and a reason (Go's `Detail`). */
export class FieldErr {
    type;
    at;
    badValue;
    #path;
    #reason;
    #detail;
    constructor(type, at, badValue, 
    /** A thunk for reasons that cost to render (kyverno's `Expected value: ...`). */
    reason) {
        this.type = type;
        this.at = at;
        this.badValue = badValue;
        this.#reason = reason;
    }
    get path() {
        return (this.#path ??= renderPath(this.at));
    }
    /** Go's `Detail`: `Expected value: "admin"`, `field not found in the input object`. */
    get reason() {
        if (typeof this.#reason === 'function')
            this.#reason = this.#reason();
        return this.#reason;
    }
    /** ErrorBody(): `Invalid value: "guest": Expected value: "admin"`. */
    get detail() {
        return (this.#detail ??= errorBody(this.type, this.badValue, this.reason));
    }
    /** field.Error.Error(): `<path>: <body>`. */
    toString() {
        return `${this.path}: ${this.detail}`;
    }
}
function errorBody(type, value, reason) {
    const head = type === 'FieldValueRequired' || type === 'InternalError' ? TYPE_TEXT[type] : `${TYPE_TEXT[type]}: ${errorBodyValue(value)}`;
    return reason ? `${head}: ${reason}` : head;
}
export const invalid = (at, value, reason) => new FieldErr('FieldValueInvalid', at, value, reason);
export const typeInvalid = (at, value, reason) => new FieldErr('FieldValueTypeInvalid', at, value, reason);
export const required = (at, reason) => new FieldErr('FieldValueRequired', at, undefined, reason);
export const internal = (at, reason) => new FieldErr('InternalError', at, undefined, reason);
/**
 * A field error that aborts a whole assertion (kyverno-json returns it as the
 * `error` of Assert, which makes the rule ERROR rather than FAILED).
 */
export class TreeError extends EvaluationError {
    field;
    constructor(field, options) {
        super(field.toString(), options);
        this.field = field;
        this.name = 'TreeError';
    }
}
/** `field.InternalError(path, err)` thrown as the abort of an assertion. */
export function internalError(at, cause) {
    return new TreeError(internal(at, errorText(cause)), { cause });
}
//# sourceMappingURL=errors.js.map