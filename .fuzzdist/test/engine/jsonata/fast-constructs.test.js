// Conditions, blocks, array and object constructors: fast programs answer
// what JSONata answers for every operand and context; a failure JSONata
// would report differently (re-tagged by `and` / `or`, or raced in a
// constructor) is left to JSONata, others come straight from the fast path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EvaluationError } from '../../../src/engine/types.js';
import { assertAllSame, assertFallsBack, assertFast, assertSame, BINDINGS, DOC, OPERANDS } from './equivalence.js';
import { compilerFor, outcome, scopeWith, testEnv } from './helpers.js';
const CONTEXTS = [
    ['the document', DOC],
    ['an array context', [DOC, { s: 'second' }]],
    ['a one-item array context', [DOC]],
    ['a string context', 'text'],
    ['a null context', null],
    ['no context', undefined],
];
const templates = (x) => [
    `${x} ? 'yes' : 'no'`,
    `${x} ? 'yes'`,
    `s ? ${x} : 'no'`,
    `missing ? 'yes' : ${x}`,
    `(${x})`,
    `(${x})[0]`,
    `(${x})[-1]`,
    `(${x}).a`,
    `[${x}]`,
    `[${x}, 'end']`,
    `[[${x}], ${x}]`,
    `[${x}][0]`,
    `[${x}, ${x}][1]`,
    `{"k": ${x}}`,
    `{"k": ${x}, "j": [${x}]}`,
    `{"k": ${x}}.k`,
];
for (const [name, context] of CONTEXTS) {
    test(`conditions, blocks and constructors agree with JSONata on every operand, on ${name}`, async () => {
        await assertAllSame(OPERANDS.flatMap(templates), context);
    });
}
test('conditions, blocks and constructors of plain values answer synchronously', async () => {
    await assertFast([
        "s ? 'yes' : 'no'",
        "missing ? 'yes' : 'no'",
        "empty ? 'yes'",
        'none ? 1 : 2',
        'one ? 1 : 2',
        '(num)',
        '(strs)[1]',
        '((s))',
        '[s, num, missing, nul]',
        '[strs, one]',
        '[[strs], one]',
        '[none, emptyObj]',
        '[]',
        '[s][0]',
        '[strs][-1]',
        '{"k": s, "n": num, "gone": missing}',
        '{"k": {"nested": [s, strs]}}',
        '{"k": s}.k',
        '[{"k": s}, {"k": num}]',
        "{'with space': s}",
        "request ? request.method : 'none'",
    ]);
});
test('an object constructor over an array context is left to JSONata, which groups the array', async () => {
    await assertFallsBack(['{"k": s}', '{"k": $}', '[{"k": 1, "j": s}]'], [DOC, { s: 'second' }]);
    // Constant members do not depend on the context: one constant, whatever it is.
    await assertFast(['{"k": 1, "j": [true, null]}'], [DOC, { s: 'second' }]);
});
test('keys JSONata refuses or treats specially are left to it', async () => {
    await assertFallsBack(['{"k": s, "k": num}', '{"k": 1, "k": 2}', '{"__proto__": s}', '{"__proto__": 1}', '{"_jsonata_function": s}', '{s: num}']);
});
test('a block of several expressions, or one that binds a variable, is left to JSONata', async () => {
    await assertFallsBack(['(s; num)', '($x := num; $x + 1)', '($x := 1)']);
});
test('JSONata flattens arrays into an array constructor unless they are written as one', async () => {
    assert.ok(await assertSame('[strs, one, [1, 2], nested]'));
    assert.ok(await assertSame('[[strs], [[1]], nested[0]]'));
});
// Fails synchronously for "now", asynchronously otherwise, and counts its calls.
let calls = 0;
const failing = {
    jp: 'failing',
    jsonata: 'failing',
    args: [{ name: 'when', types: ['string'] }],
    impl: ([when]) => {
        calls++;
        if (when === 'now')
            throw new EvaluationError('failed at once');
        return Promise.reject(new EvaluationError('failed later'));
    },
};
const withFailing = compilerFor({}, testEnv(), [failing]);
const jsonataOnly = compilerFor({ fastPaths: false }, testEnv(), [failing]);
/** The failure of `source` through the fast paths, checked against JSONata's, and how often the function ran for it. */
async function failure(source) {
    const expected = await outcome(() => jsonataOnly.compile(source).evaluate(DOC, scopeWith()));
    calls = 0;
    const actual = await outcome(() => withFailing.compile(source).evaluate(DOC, scopeWith()));
    assert.ok(expected.error && actual.error, `${source} should fail`);
    assert.equal(`${actual.error.name}: ${actual.error.message}`, `${expected.error.name}: ${expected.error.message}`, source);
    return calls;
}
test('a kgate function failing where JSONata reports the failure as it is fails straight from the fast path', async () => {
    for (const when of ["'now'", "'later'"]) {
        const failed = `$failing(${when})`;
        for (const source of [
            `s ? ${failed} : 1`,
            `${failed} = 1`,
            `1 = ${failed}`,
            `${failed} and true`,
            `[${failed}]`,
            `{"k": ${failed}}`,
            `(${failed})`,
            `$exists(${failed})`,
        ]) {
            assert.equal(await failure(source), 1, `${source}: one call, from the fast path`);
        }
    }
});
test('a kgate function failing on the right of `and` / `or`, or in a constructor with other parts, is left to JSONata', async () => {
    for (const when of ["'now'", "'later'"]) {
        const failed = `$failing(${when})`;
        const sources = [
            `t and ${failed}`,
            `f or ${failed}`,
            `[1, ${failed}]`,
            `{"a": s, "b": ${failed}}`,
            `[$failing('later'), ${failed}]`,
            `{"a": $failing('later'), "b": ${failed}}`,
        ];
        for (const source of sources) {
            assert.ok((await failure(source)) > 1, `${source}: JSONata runs it again and reports the failure its way`);
        }
    }
});
const later = {
    jp: 'later',
    jsonata: 'later',
    args: [{ name: 'value', types: ['string', 'number', 'null'] }],
    impl: ([value]) => new Promise((resolve) => setImmediate(() => resolve(value === 'missing' ? undefined : value))),
};
test('asynchronous kgate function results flow through every construct as through JSONata', async () => {
    const fast = compilerFor({}, testEnv(), [later]);
    const full = compilerFor({ fastPaths: false }, testEnv(), [later]);
    const sources = [
        "$later('a') = 'a'",
        "$later('a') & $later(2)",
        '$later(3) + $later(4)',
        "$later('b') in ['a', 'b']",
        "$later('a') < 'b'",
        "$later('a') ? $later('yes') : 'no'",
        "$later('missing') ? 'yes' : $later('no')",
        "t and $later('')",
        "f or $later('x')",
        "[$later('a'), $later('missing'), $later('c')]",
        "{'k': $later('a'), 'j': $later(1)}",
        "$uppercase($later('a'))",
        "$split($later('a b'), ' ')[1]",
        '-$later(5)',
        "($later('a'))",
        '$later(nul)',
        "$later('a') + 1",
    ];
    for (const source of sources) {
        const expected = await outcome(() => full.compile(source).evaluate(DOC, scopeWith()));
        const answer = fast.compile(source).evaluate(DOC, scopeWith());
        assert.ok(answer instanceof Promise, `${source} waits for the function`);
        assert.deepEqual(await outcome(() => answer), expected, source);
    }
});
test("the books policy's expressions answer synchronously once the token is verified", async () => {
    const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjIyNDEwODE1MzksIm5iZiI6MTUxNDg1MTEzOSwicm9sZSI6ImFkbWluIiwic3ViIjoiWVd4cFkyVT0ifQ.veMeVDYlulTdieeX-jxFZ_tCmqQ_K8rwx2OktUHv5Z0';
    const request = { request: { http: { method: 'POST', path: '/book', headers: { authorization: `Bearer ${token}` } } } };
    const context = "request.http.headers.authorization ? $jwtDecode($split(request.http.headers.authorization, ' ')[1], 'secret') : null";
    await assertSame(context, request);
    await assertFast([context], request);
    await assertFast(['$token != null', '$token.payload.role', "$token.payload.role in ['admin', 'guest']"], request, { token: { payload: { role: 'admin' } } });
    await assertFast(["method in ['GET', 'POST']"], request.request.http, BINDINGS);
});
//# sourceMappingURL=fast-constructs.test.js.map