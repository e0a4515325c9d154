// Plumbing shared by the tree nodes: error lists, the deadline check, and
// expression calls that turn failures into field errors (maybe-async values: ../async.ts).
import { isPromise } from '../async.js';
import type { EvalScope, Expression, MaybePromise } from '../types.js';
import { DeadlineExceededError } from '../types.js';
import { type FieldErr, internalError } from './errors.js';
import type { FieldPath } from './path.js';

export type Errs = readonly FieldErr[];
export type MaybeErrs = MaybePromise<Errs>;

export const NONE: Errs = Object.freeze([]);

export function concat(acc: Errs, more: Errs): Errs {
  if (more.length === 0) return acc;
  return acc.length === 0 ? more : acc.concat(more);
}

/** `deadline` passed: the whole evaluation stops (never turned into a rule error). */
export function checkDeadline(scope: EvalScope): void {
  if (scope.deadline !== undefined && performance.now() > scope.deadline) throw deadlineExceeded();
}

export function deadlineExceeded(): DeadlineExceededError {
  return new DeadlineExceededError();
}

export function withBinding(scope: EvalScope, name: string, value: unknown): EvalScope {
  return { bindings: scope.bindings.with(name, value), deadline: scope.deadline };
}

function fail(at: FieldPath | undefined, error: unknown): never {
  throw error instanceof DeadlineExceededError ? error : internalError(at, error);
}

/** Evaluates an expression; a failure becomes `field.InternalError(at, err)`. Missing values are null. */
export function evaluateAt(expression: Expression, value: unknown, scope: EvalScope, at: FieldPath | undefined): MaybePromise<unknown> {
  let result: MaybePromise<unknown>;
  try {
    result = expression.evaluate(value, scope);
  } catch (error) {
    fail(at, error);
  }
  if (isPromise(result))
    return result.then(
      (v) => v ?? null,
      (error: unknown) => fail(at, error),
    );
  return result ?? null;
}
