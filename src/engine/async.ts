// "Synchronous until a promise appears." Expressions, functions and key
// lookups answer synchronously almost always (a JWKS fetch, a WebCrypto
// verification are the exceptions); awaiting every step would cost a
// microtask per node on every Check. So values are MaybePromise and each step
// continues synchronously unless what it got is a promise.
import type { MaybePromise } from './types.js';

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return value instanceof Promise;
}

/** `f(value)`, after `value` settles when it is a promise. */
export function then<T, R>(value: MaybePromise<T>, f: (v: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromise(value) ? value.then(f) : f(value);
}

/** `value`, with a rejection handled by `onError` (a synchronous value passes through: it did not fail). */
export function recover<T, R>(value: MaybePromise<T>, onError: (error: unknown) => MaybePromise<R>): MaybePromise<T | R> {
  return isPromise(value) ? value.catch(onError) : value;
}

/** Every value, settled: Promise.all only when one of them is a promise. */
export function all<T>(values: readonly MaybePromise<T>[]): MaybePromise<T[]> {
  return values.some(isPromise) ? Promise.all(values) : (values as T[]);
}

/** Runs `step(i)` for i from 0 until `n` or until a step returns true; synchronous until a step returns a promise. */
export function loop(n: number, step: (i: number) => MaybePromise<boolean>, from = 0): MaybePromise<void> {
  for (let i = from; i < n; i++) {
    const stop = step(i);
    if (isPromise(stop)) return stop.then((s) => (s ? undefined : loop(n, step, i + 1)));
    if (stop) return undefined;
  }
  return undefined;
}
