// The proof a fast program needs: the same expression through the fast paths
// and through JSONata alone, compared value for value (Object.is: -0 and NaN
// count) and error for error (class and message, JSONata's code and position
// included).
import assert from 'node:assert/strict';
import { compilerFor, outcome, scopeWith } from './helpers.js';
const fast = compilerFor();
const full = compilerFor({ fastPaths: false });
/** Every kind of JSON value a policy meets, under a name. */
export const DOC = {
    s: 'hello world',
    empty: '',
    uni: 'héllo 😀 wörld',
    num: 42,
    frac: 0.1,
    third: 1 / 3,
    neg: -7.5,
    zero: 0,
    negz: -0,
    big: 1e21,
    tiny: 1e-7,
    t: true,
    f: false,
    nul: null,
    numstr: '12.5',
    arr: [1, 'two', true, null],
    one: ['only'],
    none: [],
    strs: ['a', 'b', 'c'],
    nums: [1, 2, 3],
    nested: [[1, 2], [3]],
    obj: { a: 1, b: { c: 'deep' } },
    same: { b: { c: 'deep' }, a: 1 },
    emptyObj: {},
    objs: [{ a: 1 }, { a: 2 }],
    marked: { _jsonata_function: true, a: 1 },
};
/** Bindings beside the document: values JSON cannot hold too. */
export const BINDINGS = { v: DOC, inf: Infinity, nan: Number.NaN, word: 'admin', list: ['admin', 'guest'] };
/** Operands of every kind: data, literals, constructors, variables, and a sequence (which JSONata must answer). */
export const OPERANDS = [
    's',
    'empty',
    'uni',
    'num',
    'frac',
    'neg',
    'negz',
    'big',
    't',
    'f',
    'nul',
    'missing',
    'numstr',
    'arr',
    'one',
    'none',
    'strs',
    'obj',
    'same',
    'emptyObj',
    'marked',
    'objs.a',
    "'lit'",
    '3',
    'true',
    'null',
    '[1, 2]',
    '{"a": 1}',
    '$v.s',
    '$inf',
    '$nan',
    '$undef',
    '$',
];
/** A smaller set for functions of two or three arguments. */
export const ARGUMENTS = ['s', 'uni', 'empty', 'num', 'frac', 'neg', 't', 'nul', 'missing', 'strs', 'one', 'obj', "' '", "'o'", '2', '-2', '$inf', '$nan'];
const compiled = new Map();
function compileBoth(source) {
    let pair = compiled.get(source);
    if (!pair)
        compiled.set(source, (pair = [fast.compile(source), full.compile(source)]));
    return pair;
}
async function settle(answer) {
    const { value: result, error } = await outcome(answer);
    return error ? { error: `${error.name}: ${error.message}` } : { result };
}
/** Asserts the fast paths answer what JSONata answers; returns whether they answered synchronously. */
export async function assertSame(source, value = DOC, bindings = BINDINGS) {
    const [fastExpression, fullExpression] = compileBoth(source);
    const expected = await settle(() => fullExpression.evaluate(value, scopeWith(bindings)));
    let synchronous = false;
    const actual = await settle(() => {
        const answer = fastExpression.evaluate(value, scopeWith(bindings));
        synchronous = !(answer instanceof Promise);
        return answer;
    });
    assert.deepEqual(actual, expected, `${source} on ${JSON.stringify(value)?.slice(0, 60)}`);
    return synchronous;
}
/** Asserts each source is evaluated synchronously (on the document, with the bindings) and agrees with JSONata. */
export async function assertFast(sources, value = DOC, bindings = BINDINGS) {
    for (const source of sources)
        assert.ok(await assertSame(source, value, bindings), `${source} should have a fast answer`);
}
/** Asserts each source needs JSONata at run time (or has no fast program) and agrees with it. */
export async function assertFallsBack(sources, value = DOC, bindings = BINDINGS) {
    for (const source of sources)
        assert.ok(!(await assertSame(source, value, bindings)), `${source} should be left to JSONata`);
}
/** Runs every source through assertSame; returns how many answered synchronously. */
export async function assertAllSame(sources, value = DOC, bindings = BINDINGS) {
    let synchronous = 0;
    for (const source of sources)
        if (await assertSame(source, value, bindings))
            synchronous++;
    return synchronous;
}
export function* pairs(left, right = left) {
    for (const l of left)
        for (const r of right)
            yield [l, r];
}
//# sourceMappingURL=equivalence.js.map