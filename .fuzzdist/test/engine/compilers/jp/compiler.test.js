import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Bindings } from '../../../../src/engine/bindings.js';
import { createJpCompiler } from '../../../../src/engine/compilers/jp/compiler.js';
import { EvaluationError, ExpressionSyntaxError } from '../../../../src/engine/types.js';
const env = (nowMs = Date.parse('2024-05-06T07:08:09Z')) => ({
    now: () => nowMs,
    keys: { jwks: () => Promise.reject(new Error('no keys')), file: () => Promise.reject(new Error('no keys')) },
});
const jp = createJpCompiler(env(), []);
const run = (source, value = null, bindings = Bindings.empty) => jp.compile(source).evaluate(value, { bindings });
test('paths, projections and filters evaluate synchronously', () => {
    const value = { a: { b: [{ c: 1 }, { c: 2 }, { d: 3 }] } };
    assert.deepEqual(run('a.b[*].c', value), [1, 2]);
    assert.deepEqual(run('a.b[?c > `1`].c', value), [2]);
    assert.equal(run('a.x.y', value), null);
});
test('a syntax error is an ExpressionSyntaxError with the parser reason', () => {
    assert.throws(() => jp.compile('a.['), (e) => e instanceof ExpressionSyntaxError && e.compiler === 'jp' && /Syntax error/.test(e.message));
});
test('an unknown function is refused when compiling, not on the request path', () => {
    assert.throws(() => jp.compile('no_such_fn(@)'), /unknown function: no_such_fn\(\)/);
});
test('variables lists the bindings an expression reads, not its own let names', () => {
    assert.deepEqual([...jp.compile('let $x = $a in [$x, $b, `{"type":"Variable","name":"z"}`]').variables].sort(), ['a', 'b']);
});
test('bindings come from the scope, names without $; an unknown one is an evaluation error naming it', () => {
    const bindings = Bindings.empty.with('tag', ':latest').with('zero', 0);
    assert.equal(run('ends_with(@, $tag)', 'nginx:latest', bindings), true);
    assert.equal(run('$zero', null, bindings), 0);
    assert.throws(() => run('$missing'), (e) => e instanceof EvaluationError && e.message === 'variable not defined: $missing');
});
test('a falsy outer variable is visible inside let (the library throws there)', () => {
    const bindings = Bindings.empty.with('f', false).with('z', 0);
    assert.deepEqual(run('let $y = `1` in [$f, $z, $y]', null, bindings), [false, 0, 1]);
    assert.equal(run('let $x = `0` in let $y = `1` in $x'), 0);
});
test('expression references see the let scope they are used in', () => {
    assert.deepEqual(run('let $n = `10` in map(&add(@, $n), @)', [1, 2]), [11, 12]);
    assert.deepEqual(run("let $p = 'v-' in map(&concat($p, name), @)", [{ name: 'a' }, { name: 'b' }]), ['v-a', 'v-b']);
});
test('$ (the root) is null, as in kyverno-json', () => {
    assert.equal(run('$', { a: 1 }), null);
});
test('arithmetic on a non-number is null (go-jmespath), not an error', () => {
    assert.equal(run('a + b', { a: 'x', b: 1 }), null);
    assert.equal(run('-a', { a: 'x' }), null);
    assert.equal(run('a * b', { a: 3, b: 4 }), 12);
    assert.equal(run('a % b', { a: 7, b: 4 }), 3);
    assert.equal(run('a // b', { a: 7, b: 2 }), 3);
});
test('contains, to_string, to_number and sort behave as in go-jmespath', () => {
    assert.equal(run('contains(@, `1`)', 'abc1'), false);
    assert.equal(run("contains(@, 'b')", 'abc'), true);
    assert.equal(run('contains(@, `{"a":1}`)', [{ a: 1 }]), true);
    assert.equal(run('to_string(@)', { b: 1, a: '<&>' }), '{"a":"\\u003c\\u0026\\u003e","b":1}');
    assert.deepEqual(['', ' 1', '1e3', '0x10', 'abc', 'Inf'].map((s) => run('to_number(@)', s)), [null, null, 1000, null, null, Infinity]);
    assert.deepEqual(run('sort(@)', [10, 9, 1]), [1, 9, 10]);
});
test('field lookups never reach the prototype chain', () => {
    assert.equal(run('constructor', {}), null);
    assert.equal(run('toString', { a: 1 }), null);
    assert.equal(run('"__proto__"', JSON.parse('{"__proto__": 5}')), 5);
});
test('each compiler has its own functions and clock: no global registry', () => {
    const later = createJpCompiler(env(Date.parse('2030-01-01T00:00:00Z')), [
        { jp: 'double', jsonata: 'double', args: [{ name: 'n', types: ['number'] }], impl: ([n]) => n * 2 },
    ]);
    assert.equal(later.compile('time_now()').evaluate(null, { bindings: Bindings.empty }), '2030-01-01T00:00:00Z');
    assert.equal(run('time_now()'), '2024-05-06T07:08:09Z');
    assert.equal(later.compile('double(`21`)').evaluate(null, { bindings: Bindings.empty }), 42);
    assert.throws(() => jp.compile('double(`21`)'), /unknown function/);
});
test('kgate functions are checked against their argument specs', () => {
    const fns = [
        {
            jp: 'greet',
            jsonata: 'greet',
            args: [
                { name: 'who', types: ['string'] },
                { name: 'x', types: ['any'], optional: true },
            ],
            impl: ([who]) => `hi ${String(who)}`,
        },
    ];
    const c = createJpCompiler(env(), fns);
    assert.equal(c.compile("greet('bob')").evaluate(null, { bindings: Bindings.empty }), 'hi bob');
    assert.throws(() => c.compile('greet(`1`)').evaluate(null, { bindings: Bindings.empty }), (e) => e instanceof EvaluationError && /greet\(\) expected argument 1 to be type \(string\)/.test(e.message));
});
test('a promise-returning function suspends the search; results are memoized per evaluation', async () => {
    let calls = 0;
    const slow = {
        jp: 'slow_upper',
        jsonata: 'slowUpper',
        args: [{ name: 's', types: ['string'] }],
        impl: async ([s]) => {
            calls++;
            await new Promise((r) => setTimeout(r, 1));
            return String(s).toUpperCase();
        },
    };
    const c = createJpCompiler(env(), [slow]);
    const expression = c.compile("[slow_upper('a'), slow_upper('a'), slow_upper(name)]");
    const pending = expression.evaluate({ name: 'b' }, { bindings: Bindings.empty });
    assert.ok(pending instanceof Promise);
    assert.deepEqual(await pending, ['A', 'A', 'B']);
    assert.equal(calls, 2);
    await expression.evaluate({ name: 'b' }, { bindings: Bindings.empty });
    assert.equal(calls, 4, 'the memo lives for one evaluation only');
});
test('a failing async function fails the evaluation with its error', async () => {
    const failing = { jp: 'boom', jsonata: 'boom', args: [], impl: () => Promise.reject(new EvaluationError('boom failed')) };
    const c = createJpCompiler(env(), [failing]);
    await assert.rejects(async () => c.compile('boom()').evaluate(null, { bindings: Bindings.empty }), /boom failed/);
});
test('lazy bindings are awaited only when the expression reads them', async () => {
    let computed = 0;
    const bindings = Bindings.empty.withLazy('claims', async () => {
        computed++;
        return { role: 'admin' };
    });
    assert.equal(run('`true` || $claims.role', null, bindings), true);
    assert.equal(computed, 0);
    const pending = run('$claims.role', null, bindings);
    assert.ok(pending instanceof Promise);
    assert.equal(await pending, 'admin');
    assert.equal(run('$claims.role', null, bindings), 'admin', 'settled: synchronous now');
    assert.equal(computed, 1);
});
test('a deadline that passes while suspended stops the replay', async () => {
    const wait = { jp: 'wait', jsonata: 'wait', args: [], impl: () => new Promise((r) => setTimeout(() => r(1), 20)) };
    const c = createJpCompiler(env(), [wait]);
    await assert.rejects(async () => c.compile('wait()').evaluate(null, { bindings: Bindings.empty, deadline: performance.now() + 1 }), {
        name: 'DeadlineExceededError',
    });
});
//# sourceMappingURL=compiler.test.js.map