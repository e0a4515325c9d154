// kgate functions inside JSONata: registration, signatures, argument mapping, clock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createJsonataCompiler } from '../../../src/engine/compilers/jsonata/compiler.js';
import { compilerFor, evaluate, outcome, scopeWith, testEnv } from './helpers.js';
const seen = [];
const probe = {
    jp: 'probe',
    jsonata: 'probe',
    args: [
        { name: 'first', types: ['any'] },
        { name: 'count', types: ['number'], optional: true },
    ],
    impl: (args) => {
        seen.push(args);
        return { args };
    },
};
const later = {
    jp: 'later',
    jsonata: 'later',
    args: [{ name: 'value', types: ['string'] }],
    impl: ([value]) => new Promise((resolve) => setImmediate(() => resolve(`later ${value}`))),
};
test('a missing argument arrives as null and a sequence as a plain array; an optional one left out arrives as null too', async () => {
    const compiler = compilerFor({}, testEnv(), [probe]);
    seen.length = 0;
    await evaluate(compiler, '$probe(missing)', {});
    await evaluate(compiler, '$probe(items.name, 2)', { items: [{ name: 'a' }, { name: 'b' }] });
    await evaluate(compiler, '$probe("x")', {});
    assert.deepEqual(seen, [
        [null, null],
        [['a', 'b'], 2],
        ['x', null],
    ]);
    assert.ok(!('sequence' in seen[1][0]));
});
test('the signature derived from the argument specs is enforced by JSONata (T0410)', async () => {
    const compiler = compilerFor({}, testEnv(), [probe]);
    const { error } = await outcome(() => evaluate(compiler, '$probe("x", "two")', {}));
    assert.match(error?.message ?? '', /T0410 at position \d+: Argument 2 of function "probe" does not match function signature/);
});
test('a promise-returning function is awaited', async () => {
    const compiler = compilerFor({}, testEnv(), [later]);
    assert.equal(await evaluate(compiler, '$later("today") & "!"', {}), 'later today!');
    assert.equal(await evaluate(compiler, '$later(name)', { name: 'x' }), 'later x');
});
test("functions reach $eval'd text too", async () => {
    assert.equal(await evaluate(compilerFor(), '$eval("$cidrContains(\'10.0.0.0/8\', ip)")', { ip: '10.9.9.9' }), true);
});
test('a function may not shadow a JSONata built-in, nor be defined twice', () => {
    const named = (jsonata) => ({ ...probe, jsonata });
    assert.throws(() => createJsonataCompiler(testEnv(), [named('base64decode')]), /\$base64decode would shadow JSONata's built-in/);
    assert.throws(() => createJsonataCompiler(testEnv(), [named('twice'), named('twice')]), /\$twice is defined twice/);
});
test('$now() and $millis() read the FunctionEnv clock, once per evaluation', async () => {
    const env = testEnv(Date.UTC(2030, 4, 6, 7, 8, 9, 10));
    const compiler = compilerFor({}, env);
    assert.equal(await evaluate(compiler, '$millis()', {}), Date.UTC(2030, 4, 6, 7, 8, 9, 10));
    assert.equal(await evaluate(compiler, '$now()', {}), '2030-05-06T07:08:09.010Z');
    assert.equal(await evaluate(compiler, "$now('[Y0001]-[M01]-[D01]')", {}), '2030-05-06');
    assert.equal(await evaluate(compiler, '$millis() = $millis()', {}), true);
    env.time += 1000;
    assert.equal(await compiler.compile('$millis()').evaluate({}, scopeWith()), Date.UTC(2030, 4, 6, 7, 8, 10, 10));
});
test("Kyverno's wildcard answers under its JSONata name", async () => {
    assert.equal(await evaluate(compilerFor(), '$wildcard("api.*.example.com", host)', { host: 'api.eu.example.com' }), true);
    assert.equal(await evaluate(compilerFor(), '$wildcard("api.*.example.com", host)', { host: 'www.example.com' }), false);
});
//# sourceMappingURL=functions.test.js.map