// kyverno-json's field errors (k8s field.Error): what a failed node reports,
// rendered exactly as kyverno-json renders them. Rendering is lazy: match and
// exclude trees produce errors that are counted, never printed.
import type { FieldError } from '../policy/rules.js';
import { errorText, EvaluationError } from '../types.js';
import { errorBodyValue } from '../go/fmt.js';
import { type FieldPath, renderPath } from './path.js';

export type FieldErrorType = 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueTypeInvalid' | 'InternalError';

const TYPE_TEXT: Readonly<Record<FieldErrorType, string>> = {
  FieldValueInvalid: 'Invalid value',
  FieldValueRequired: 'Required value',
  FieldValueTypeInvalid: 'Invalid value',
  InternalError: 'Internal error',
};

/** field.Error: a type, a path, the offending value and a reason (Go's `Detail`). */
export class FieldErr implements FieldError {
  #path: string | undefined;
  #reason: string | (() => string);
  #detail: string | undefined;

  constructor(
    readonly type: FieldErrorType,
    private readonly at: FieldPath | undefined,
    readonly badValue: unknown,
    /** A thunk for reasons that cost to render (kyverno's `Expected value: ...`). */
    reason: string | (() => string),
  ) {
    this.#reason = reason;
  }

  get path(): string {
    return (this.#path ??= renderPath(this.at));
  }

  /** Go's `Detail`: `Expected value: "admin"`, `field not found in the input object`. */
  get reason(): string {
    if (typeof this.#reason === 'function') this.#reason = this.#reason();
    return this.#reason;
  }

  /** ErrorBody(): `Invalid value: "guest": Expected value: "admin"`. */
  get detail(): string {
    return (this.#detail ??= errorBody(this.type, this.badValue, this.reason));
  }

  /** field.Error.Error(): `<path>: <body>`. */
  toString(): string {
    return `${this.path}: ${this.detail}`;
  }
}

function errorBody(type: FieldErrorType, value: unknown, reason: string): string {
  const head = type === 'FieldValueRequired' || type === 'InternalError' ? TYPE_TEXT[type] : `${TYPE_TEXT[type]}: ${errorBodyValue(value)}`;
  return reason ? `${head}: ${reason}` : head;
}

export const invalid = (at: FieldPath | undefined, value: unknown, reason: string | (() => string)) => new FieldErr('FieldValueInvalid', at, value, reason);
export const typeInvalid = (at: FieldPath | undefined, value: unknown, reason: string) => new FieldErr('FieldValueTypeInvalid', at, value, reason);
export const required = (at: FieldPath | undefined, reason: string) => new FieldErr('FieldValueRequired', at, undefined, reason);
export const internal = (at: FieldPath | undefined, reason: string) => new FieldErr('InternalError', at, undefined, reason);

/**
 * A field error that aborts a whole assertion (kyverno-json returns it as the
 * `error` of Assert, which makes the rule ERROR rather than FAILED).
 */
export class TreeError extends EvaluationError {
  constructor(
    readonly field: FieldErr,
    options?: { cause?: unknown },
  ) {
    super(field.toString(), options);
    this.name = 'TreeError';
  }
}

/** `field.InternalError(path, err)` thrown as the abort of an assertion. */
export function internalError(at: FieldPath | undefined, cause: unknown): TreeError {
  return new TreeError(internal(at, errorText(cause)), { cause });
}
