// Compiling a policy is a sequence of small steps (one rule each): run them
// all at once (the CLI, tests), or a slice at a time with the event loop
// served in between (kgate serve), so a 20,000-rule file never stalls a
// Check for longer than a slice. The result exists only once every step ran:
// whoever swaps it in swaps a complete set.
/** Runs every step now. */
export function runSteps(steps) {
    for (;;) {
        const next = steps.next();
        if (next.done)
            return next.value;
    }
}
/** Longest stretch of steps before the event loop gets a turn, in ms. */
export const SLICE_MS = 8;
/** Runs the steps in slices of about `sliceMs`, yielding to the event loop (setImmediate) between slices. */
export async function runSliced(steps, sliceMs = SLICE_MS) {
    let start = performance.now();
    for (;;) {
        const next = steps.next();
        if (next.done)
            return next.value;
        if (performance.now() - start >= sliceMs) {
            await new Promise((resolve) => setImmediate(resolve));
            start = performance.now();
        }
    }
}
//# sourceMappingURL=steps.js.map