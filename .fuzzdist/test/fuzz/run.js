// npm run fuzz [-- --checks 100000 --http 20000 --policies 10000 --hooks 2000 --seed N]
// (or FUZZ_CHECKS, FUZZ_HTTP, FUZZ_POLICIES, FUZZ_HOOKS, FUZZ_SEED)
//
// The full fuzz run, the same generators and invariants as test/fuzz/*.test.ts
// at full size: every case answers within its time box with a valid response
// or a clear error, the process never crashes, and the heap (after a forced
// GC; node --expose-gc) returns near its baseline. Unlike the test slice it
// does not stop at the first violation: it counts them, and prints the seed
// and run index of the first of each kind (replay: fc.assert with
// { seed, path: String(index) }). Exit code 1 on any violation or heap growth.
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { checkBytes, hookResources, httpCase, mutatedBytes, policyText } from './support/arbitraries.js';
import { loadPolicy, PLAIN_LISTENER, startCheckTarget, startHookTarget, Violation } from './support/targets.js';
const { values: flags } = parseArgs({
    options: {
        checks: { type: 'string', default: process.env.FUZZ_CHECKS ?? '100000' },
        http: { type: 'string', default: process.env.FUZZ_HTTP ?? '20000' },
        policies: { type: 'string', default: process.env.FUZZ_POLICIES ?? '10000' },
        hooks: { type: 'string', default: process.env.FUZZ_HOOKS ?? '2000' },
        seed: { type: 'string', default: process.env.FUZZ_SEED ?? String(Date.now() % 2 ** 31) },
    },
});
const count = (name) => {
    const n = Number(flags[name]);
    if (!Number.isInteger(n) || n < 0 || n > 10_000_000)
        throw new Error(`--${name}: ${JSON.stringify(flags[name])} is not a count in 0..10,000,000`);
    return n;
};
const seed = Number(flags.seed);
/** Concurrent Checks per generated batch: the server sees overlapping calls. */
const BATCH = 16;
const FULL = { depth: 20_000, width: 50_000, literal: 16_384, aliasLevels: 12, aliases: true, connect: true };
/** Heap after GC may exceed the baseline by this much before it counts as growth. */
const HEAP_SLACK = (baseline) => Math.max(16 * 2 ** 20, baseline * 0.25);
const gc = globalThis.gc;
if (!gc)
    throw new Error('run with node --expose-gc (npm run fuzz does)');
function heapMb() {
    gc();
    gc();
    return process.memoryUsage().heapUsed / 2 ** 20;
}
/** Records a violation under its kind (the message without numbers), keeping the first example. */
function record(tally, index, error, input) {
    if (!(error instanceof Violation))
        throw error;
    const kind = error.message.replace(/\d+/g, 'N').slice(0, 120);
    const entry = tally.kinds.get(kind);
    if (entry)
        entry.count++;
    else
        tally.kinds.set(kind, {
            count: 1,
            index,
            example: `${error.message} | input: ${JSON.stringify(input, (_, v) => (v instanceof Uint8Array ? `<${v.length} bytes>` : v)).slice(0, 300)}`,
        });
}
let failed = false;
async function campaign(name, runs, run, perCase = 1) {
    if (runs === 0)
        return;
    const tally = { cases: 0, kinds: new Map() };
    const before = heapMb();
    const start = performance.now();
    await run(tally);
    const seconds = (performance.now() - start) / 1000;
    const after = heapMb();
    const grew = after - before > HEAP_SLACK(before);
    const violations = [...tally.kinds.values()].reduce((n, k) => n + k.count, 0);
    failed ||= grew || violations > 0;
    process.stdout.write(`${name.padEnd(28)} ${String(tally.cases * perCase).padStart(7)} cases  ${seconds.toFixed(1).padStart(6)} s  heap ${before.toFixed(1)} -> ${after.toFixed(1)} MB${grew ? ' (GROWTH)' : ''}  violations ${violations}\n`);
    for (const [kind, { count: n, index, example }] of tally.kinds)
        process.stdout.write(`  ${n} x ${kind}\n    first: seed ${seed}, path "${index}": ${example}\n`);
}
/** fc.assert over `arbitrary`, recording violations instead of stopping at the first. */
async function fuzz(tally, arbitrary, runs, check) {
    await fc.assert(fc.asyncProperty(arbitrary, async (value) => {
        const index = tally.cases++;
        try {
            await check(value);
        }
        catch (error) {
            record(tally, index, error, value);
        }
    }), { seed, numRuns: runs });
}
async function main() {
    process.stdout.write(`kgate fuzz, seed ${seed}\n`);
    const wall = performance.now();
    const checks = await startCheckTarget(2000);
    try {
        const batch = fc.array(checkBytes, { minLength: BATCH, maxLength: BATCH });
        await campaign('Check over gRPC', count('checks'), (tally) => fuzz(tally, batch, Math.ceil(count('checks') / BATCH), async (bytes) => {
            checks.forget();
            await Promise.all(bytes.map((b) => checks.grpc(b)));
        }), BATCH);
        await campaign('Check over HTTP', count('http'), (tally) => fuzz(tally, httpCase(FULL), count('http'), async (request) => {
            checks.forget();
            await checks.http(request);
        }));
    }
    finally {
        await checks.close();
    }
    await campaign('policy documents', count('policies'), (tally) => fuzz(tally, policyText(FULL), count('policies'), (text) => loadPolicy(text, 1000)));
    const hooks = await startHookTarget(5000);
    try {
        await campaign('hook PostHTTPListenerModify', count('hooks'), (tally) => fuzz(tally, fc.tuple(mutatedBytes(PLAIN_LISTENER), hookResources(FULL)), count('hooks'), ([listener, resources]) => hooks.listenerModify(listener, resources)));
    }
    finally {
        await hooks.close();
    }
    process.stdout.write(`wall time ${((performance.now() - wall) / 1000).toFixed(1)} s, ${failed ? 'VIOLATIONS (see above)' : 'no violations'}\n`);
    if (failed)
        process.exitCode = 1;
}
main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
});
//# sourceMappingURL=run.js.map