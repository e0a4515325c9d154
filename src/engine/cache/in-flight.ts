/**
 * One promise per key while it is pending: concurrent callers share it, and
 * it is forgotten as soon as it settles (so a failure is never remembered).
 */
export function shareInFlight<T>(pending: Map<string, Promise<T>>, key: string, start: () => Promise<T>): Promise<T> {
  let promise = pending.get(key);
  if (!promise) {
    const forget = () => pending.delete(key);
    promise = start().then(
      (value) => {
        forget();
        return value;
      },
      (error: unknown) => {
        forget();
        throw error;
      },
    );
    pending.set(key, promise);
  }
  return promise;
}
