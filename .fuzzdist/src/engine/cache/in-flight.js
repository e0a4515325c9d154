/**
 * One promise per key while it is pending: concurrent callers share it, and
 * it is forgotten as soon as it settles (so a failure is never remembered).
 */
export function shareInFlight(pending, key, start) {
    let promise = pending.get(key);
    if (!promise) {
        const forget = () => pending.delete(key);
        promise = start().then((value) => {
            forget();
            return value;
        }, (error) => {
            forget();
            throw error;
        });
        pending.set(key, promise);
    }
    return promise;
}
//# sourceMappingURL=in-flight.js.map