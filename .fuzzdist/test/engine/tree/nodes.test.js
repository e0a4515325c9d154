import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Bindings } from '../../../src/engine/bindings.js';
import { compileTree, TreeCompileError } from '../../../src/engine/tree/compile.js';
import { TreeError } from '../../../src/engine/tree/errors.js';
import { DeadlineExceededError } from '../../../src/engine/types.js';
import { asyncLookup, lookup, scope } from './helpers.js';
/** Rendered as scan prints field errors. */
async function check(tree, value, bindings = Bindings.empty) {
    const errors = (await compileTree(tree, '', lookup).assert(value, undefined, scope(bindings)));
    return errors.map((e) => `${e.detail} (PATH=${e.path})`);
}
async function abort(tree, value, bindings = Bindings.empty) {
    try {
        await compileTree(tree, '', lookup).assert(value, undefined, scope(bindings));
    }
    catch (error) {
        assert.ok(error instanceof TreeError, `expected a TreeError, got ${String(error)}`);
        return error.message;
    }
    assert.fail('expected the assertion to abort');
}
test('a map node is a subset check: extra payload keys are fine', async () => {
    assert.deepEqual(await check({ a: 1 }, { a: 1, b: 2 }), []);
    assert.deepEqual(await check({ a: 'admin' }, { a: 'guest' }), ['Invalid value: "guest": Expected value: "admin" (PATH=a)']);
});
test('a missing key, or any key on null, is Required', async () => {
    assert.deepEqual(await check({ a: { b: 1 } }, { x: 1 }), ['Required value: field not found in the input object (PATH=a)']);
    assert.deepEqual(await check({ a: { b: 1 } }, { a: null }), ['Required value: field not found in the input object (PATH=a.b)']);
});
test('an empty map only requires a non-null value', async () => {
    assert.deepEqual(await check({ a: {} }, { a: 0 }), []);
    assert.deepEqual(await check({ a: {} }, { a: null }), ['Invalid value: "null": invalid value, must not be null (PATH=a)']);
});
test('a plain key on a non-map aborts the rule: projection not recognized', async () => {
    assert.equal(await abort({ a: { b: 1 } }, { a: [1] }), 'a.b: Internal error: projection not recognized');
    assert.equal(await abort({ a: { b: 1 } }, { a: 'text' }), 'a.b: Internal error: projection not recognized');
});
test('expression keys always count as found, even when null', async () => {
    assert.deepEqual(await check({ '(missing)': null }, {}), []);
    assert.deepEqual(await check({ '(missing)': 1 }, {}), ['Invalid value: "null": Expected value: 1 (PATH=(missing))']);
});
test('numbers compare across int and float; other kinds must agree', async () => {
    assert.deepEqual(await check({ n: 3 }, { n: 3.0 }), []);
    assert.deepEqual(await check({ n: 3 }, { n: 3.5 }), ['Invalid value: 3.5: Expected value: 3 (PATH=n)']);
    assert.equal(await abort({ n: '3' }, { n: 3 }), 'n: Internal error: types are not comparable, string - int64');
    assert.equal(await abort({ b: true }, { b: 'true' }), 'b: Internal error: types are not comparable, bool - string');
});
test('null leaves render as kyverno-json does', async () => {
    assert.deepEqual(await check({ a: null }, { a: 'x' }), ['Invalid value: "x": Expected value: <nil> (PATH=a)']);
    assert.deepEqual(await check({ a: 'x' }, { a: null }), ['Invalid value: "null": Expected value: "x" (PATH=a)']);
});
test('an evaluated map on the expected side is a subset match rendered with %#v', async () => {
    const bindings = Bindings.empty.with('tags', { Team: 'Kyverno' });
    assert.deepEqual(await check({ tags: '($tags)' }, { tags: { Name: 'b', Env: 'dev' } }, bindings), [
        'Invalid value: map[string]interface {}{"Env":"dev", "Name":"b"}: Expected value: map[string]interface {}{"Team":"Kyverno"} (PATH=tags)',
    ]);
    assert.deepEqual(await check({ tags: '($tags)' }, { tags: { Team: 'Kyverno', Name: 'b' } }, bindings), []);
    assert.equal(await abort({ tags: '($tags)' }, { tags: [1] }, bindings), 'tags: Internal error: invalid actual value, must be a map, found slice');
});
test('arrays compare by length, then element by element', async () => {
    assert.deepEqual(await check({ a: [1, 2] }, { a: [1, 2] }), []);
    assert.deepEqual(await check({ a: [1, 2] }, { a: [1] }), ["Invalid value: []interface {}{1}: lengths of slices don't match (PATH=a)"]);
    assert.deepEqual(await check({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] }), ['Invalid value: 3: Expected value: 2 (PATH=a[1].b)']);
    assert.deepEqual(await check({ a: [1] }, { a: null }), ['Invalid value: "null": value is null (PATH=a)']);
    assert.equal(await abort({ a: [1] }, { a: 'x' }), 'a: Invalid value: "x": expected a slice');
});
test('foreach walks arrays (index binding) and maps (key binding)', async () => {
    const payload = { items: [{ v: 1 }, { v: 2 }], labels: { a: 'x', b: 'y' } };
    assert.deepEqual(await check({ '~i.items': { '($i)': 0 } }, payload), ['Invalid value: 1: Expected value: 0 (PATH=~i.items[1].($i))']);
    assert.deepEqual(await check({ '~.items': { v: 1 } }, payload), ['Invalid value: 2: Expected value: 1 (PATH=~.items[1].v)']);
    assert.deepEqual(await check({ '~k.labels': { '($k)': 'a' } }, payload), ['Invalid value: "b": Expected value: "a" (PATH=~k.labels[b].($k))']);
    assert.equal(await abort({ '~.items': 1 }, { items: 3 }), '~.items: Invalid value: 3: expected a slice or a map');
});
test('->name binds the projected value, visible below and to later siblings', async () => {
    const tree = { 'spec->s': { '($s.a)': 1 }, '($s.b)': 2 };
    assert.deepEqual(await check(tree, { spec: { a: 1, b: 2 } }), []);
    assert.deepEqual(await check(tree, { spec: { a: 1, b: 3 } }), ['Invalid value: 3: Expected value: 2 (PATH=($s.b))']);
});
test('escaped keys are literal', async () => {
    assert.deepEqual(await check({ '\\(bar)\\': 4 }, { '(bar)': 4 }), []);
    assert.deepEqual(await check({ '\\~foos\\': [1] }, { '~foos': [1] }), []);
});
test('a foreach or binding in a leaf does not compile; the error names the field path', () => {
    assert.throws(() => compileTree({ a: { b: '~.(x)' } }, 'spec.rules[0].assert.all[0].check', lookup), (e) => e instanceof TreeCompileError &&
        e.message === 'spec.rules[0].assert.all[0].check.a.b: Invalid value: "~.(x)": foreach is not supported in scalar projections');
    assert.throws(() => compileTree({ a: 'x->y' }, 'check', lookup), /check\.a: Invalid value: "x->y": binding is not supported in scalar projections/);
    assert.throws(() => compileTree({ '(foo(@)': 1 }, 'check', lookup), (e) => e instanceof TreeCompileError && e.field.path === 'check.(foo(@)' && /^check\.\(foo\(@\): Invalid value: "foo\(@": jp expression/.test(e.message));
});
test('an unknown compiler prefix leaves a literal key', async () => {
    assert.deepEqual(await check({ '(foo;bar)': 1 }, { bar: 1 }), []);
});
test('a synchronous tree evaluates without a promise; an asynchronous one gives the same errors', async () => {
    const tree = { a: '(b)', '~.list': { '(@ > `1`)': true } };
    const value = { a: 1, b: 2, list: [1, 2] };
    const sync = compileTree(tree, '', lookup).assert(value, undefined, scope());
    assert.ok(!(sync instanceof Promise));
    const asyncResult = compileTree(tree, '', asyncLookup).assert(value, undefined, scope());
    assert.ok(asyncResult instanceof Promise);
    const render = (errs) => errs.map((e) => `${e.detail} (PATH=${e.path})`);
    assert.deepEqual(render((await asyncResult)), render(sync));
    assert.equal(render(sync).length, 2);
});
test('a past deadline stops evaluation with DeadlineExceededError', () => {
    const node = compileTree({ a: 1 }, '', lookup);
    assert.throws(() => node.assert({ a: 1 }, undefined, scope(Bindings.empty, performance.now() - 1)), DeadlineExceededError);
});
//# sourceMappingURL=nodes.test.js.map