// Runaway evaluations are stopped: at the deadline (loops, infinite tail
// recursion) or at the depth limit (deep recursion), never left to hang the
// process or exhaust its memory.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeadlineExceededError, EvaluationError } from '../../../src/engine/types.js';
import { compilerFor, outcome, scopeWith } from './helpers.js';
const INFINITE_TAIL_RECURSION = '($loop := function($n){ $loop($n + 1) }; $loop(0))';
const DEEP_RECURSION = '($sum := function($n){ $n = 0 ? 0 : $n + $sum($n - 1) }; $sum(100000))';
test('an infinitely recursive function is stopped at the scope deadline', async () => {
    const expression = compilerFor().compile(INFINITE_TAIL_RECURSION);
    const { error } = await outcome(() => expression.evaluate({}, scopeWith({}, performance.now() + 50)));
    assert.ok(error instanceof DeadlineExceededError, `expected DeadlineExceededError, got ${error}`);
});
test('a huge loop is stopped at the deadline', async () => {
    const expression = compilerFor().compile('$map([1..5000000], function($v){ $v * 2 })');
    const { error } = await outcome(() => expression.evaluate({}, scopeWith({}, performance.now() + 50)));
    assert.ok(error instanceof DeadlineExceededError, `expected DeadlineExceededError, got ${error}`);
});
test("without a scope deadline, the compiler's default time box applies", async () => {
    const expression = compilerFor({ defaultTimeBoxMs: 50 }).compile(INFINITE_TAIL_RECURSION);
    const { error } = await outcome(() => expression.evaluate({}, scopeWith()));
    assert.ok(error instanceof DeadlineExceededError);
    assert.match(error.message, /time box of 50 ms/);
});
test('a deadline already past stops even a fast-path expression, synchronously', () => {
    const expression = compilerFor().compile('request.http.method');
    assert.throws(() => expression.evaluate({ request: { http: { method: 'GET' } } }, scopeWith({}, performance.now() - 1)), DeadlineExceededError);
});
test('deep recursion hits the depth limit (D1011) long before memory runs out', async () => {
    const expression = compilerFor().compile(DEEP_RECURSION);
    const { error } = await outcome(() => expression.evaluate({}, scopeWith({}, performance.now() + 60_000)));
    assert.ok(error instanceof EvaluationError && !(error instanceof DeadlineExceededError), `expected the depth error, got ${error}`);
    assert.match(error.message, /D1011.*Stack overflow/);
});
test('recursion within the depth limit evaluates', async () => {
    const compiler = compilerFor({ maxDepth: 400 });
    const shallow = compiler.compile('($sum := function($n){ $n = 0 ? 0 : $n + $sum($n - 1) }; $sum(10))');
    assert.equal(await shallow.evaluate({}, scopeWith()), 55);
    const deeper = compiler.compile('($sum := function($n){ $n = 0 ? 0 : $n + $sum($n - 1) }; $sum(200))');
    assert.match((await outcome(() => deeper.evaluate({}, scopeWith()))).error?.message ?? '', /D1011/);
});
//# sourceMappingURL=time-box.test.js.map