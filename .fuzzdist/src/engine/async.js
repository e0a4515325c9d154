export function isPromise(value) {
    return value instanceof Promise;
}
/** `f(value)`, after `value` settles when it is a promise. */
export function then(value, f) {
    return isPromise(value) ? value.then(f) : f(value);
}
/** `value`, with a rejection handled by `onError` (a synchronous value passes through: it did not fail). */
export function recover(value, onError) {
    return isPromise(value) ? value.catch(onError) : value;
}
/** Every value, settled: Promise.all only when one of them is a promise. */
export function all(values) {
    return values.some(isPromise) ? Promise.all(values) : values;
}
/** Runs `step(i)` for i from 0 until `n` or until a step returns true; synchronous until a step returns a promise. */
export function loop(n, step, from = 0) {
    for (let i = from; i < n; i++) {
        const stop = step(i);
        if (isPromise(stop))
            return stop.then((s) => (s ? undefined : loop(n, step, i + 1)));
        if (stop)
            return undefined;
    }
    return undefined;
}
//# sourceMappingURL=async.js.map