// Compiling a policy is a sequence of small steps (one rule each): run them
// all at once (the CLI, tests), or a slice at a time with the event loop
// served in between (kgate serve), so a 20,000-rule file never stalls a
// Check for longer than a slice. The result exists only once every step ran:
// whoever swaps it in swaps a complete set.

/** A computation that yields between steps and returns T. */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step now. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Longest stretch of steps before the event loop gets a turn, in ms. */
export const SLICE_MS = 8;

/** Runs the steps in slices of about `sliceMs`, yielding to the event loop (setImmediate) between slices. */
export async function runSliced<T>(steps: Steps<T>, sliceMs: number = SLICE_MS): Promise<T> {
  let start = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - start >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      start = performance.now();
    }
  }
}
