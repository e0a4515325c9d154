// JSONata values mapped onto kyverno-json's found / null / array semantics (docs/jsonata.md).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EvaluationError } from '../../../src/engine/types.js';
import { compilerFor, evaluate, outcome, scopeWith } from './helpers.js';
const jsonata = compilerFor();
const fullOnly = compilerFor({ fastPaths: false });
const order = {
    items: [
        { name: 'a', tags: ['x'] },
        { name: 'b', tags: ['y', 'z'] },
    ],
    single: [{ name: 'solo' }],
    tags: ['only'],
};
async function both(source, value, bindings = {}) {
    const fast = await evaluate(jsonata, source, value, bindings);
    assert.deepEqual(await evaluate(fullOnly, source, value, bindings), fast, `fast and full paths differ for ${source}`);
    return fast;
}
async function failure(source, value = {}) {
    const { value: result, error } = await outcome(() => jsonata.compile(source).evaluate(value, scopeWith()));
    assert.equal(result, undefined, `${source} should fail`);
    assert.ok(error instanceof EvaluationError, `${source}: expected an EvaluationError, got ${error}`);
    return error;
}
test('no match (undefined) is null', async () => {
    assert.equal(await both('missing.path', order), null);
    assert.equal(await both('items[5]', order), null);
    assert.equal(await both('$unbound', order), null);
    assert.equal(await both('items[name = "nobody"]', order), null);
});
test('a sequence of several values is a plain array', async () => {
    const names = await both('items.name', order);
    assert.deepEqual(names, ['a', 'b']);
    assert.ok(Array.isArray(names));
    assert.deepEqual(Object.keys(names), ['0', '1'], 'no JSONata sequence markers');
    assert.deepEqual(await both('items.tags', order), ['x', 'y', 'z'], 'JSONata flattens a mapped path');
});
test('a one-element sequence is its element, unless the expression keeps arrays with []', async () => {
    assert.equal(await both('single.name', order), 'solo');
    assert.deepEqual(await both('single.name[]', order), ['solo']);
    assert.deepEqual(await both('items[name = "a"].name', order), 'a');
});
test('an array from the input stays an array, whatever its length', async () => {
    assert.deepEqual(await both('tags', order), ['only']);
    assert.deepEqual(await both('items[0].tags', order), ['x']);
    assert.deepEqual(await both('$list', {}, { list: ['one'] }), ['one']);
    assert.deepEqual(await both('$split("a", ",")', {}), ['a']);
});
test('sequences inside constructed values are plain arrays too; undefined members are dropped', async () => {
    const built = (await both('{"names": items.name, "none": missing, "tags": [items.tags]}', order));
    assert.deepEqual(built, { names: ['a', 'b'], tags: ['x', 'y', 'z'] });
    assert.deepEqual(Object.keys(built.names), ['0', '1']);
});
test('functions and regular expressions cannot reach a tree', async () => {
    for (const source of ['$uppercase', 'function($x){ $x }', '/ab+/', '{"f": $string}', '[1, $jwtDecode]']) {
        const error = await failure(source);
        assert.match(error.message, /the result holds a function or regular expression/, source);
        assert.ok(error.message.includes(JSON.stringify(source)), `${source}: the message names the expression`);
    }
});
test('JSONata errors keep their code and position and name the expression', async () => {
    const plus = await failure('a + 1', { a: 'x' });
    assert.equal(plus.message, 'jsonata "a + 1": T2001 at position 3: The left side of the "+" operator must evaluate to a number');
    assert.match((await failure('$number("x")')).message, /^jsonata "\$number\(\\"x\\"\)": D3030 at position \d+: Unable to cast value to a number: "x"$/);
    assert.match((await failure('$error("stop here")')).message, /D3137 .*stop here/);
    assert.match((await failure('$cidrContains(5, "10.0.0.1")')).message, /T0410 at position 14: Argument 1 of function "cidrContains" does not match function signature/);
});
test("a kgate function's error names the function; a missing argument reaches it as null", async () => {
    assert.equal((await failure('$cidrContains("10.0.0.0/99", "10.0.0.1")')).message, 'jsonata "$cidrContains(\\"10.0.0.0/99\\", \\"10.0.0.1\\")": $cidrContains: cidr: not an IPv4 or IPv6 network: "10.0.0.0/99"');
    assert.match((await failure('$jwtDecode(request.token, "secret")')).message, /\$jwtDecode: token must be a string, got null$/);
    assert.match((await failure('$jwtDecode("a.b", "secret")')).message, /\$jwtDecode: invalid JWT token: token contains an invalid number of segments$/);
});
//# sourceMappingURL=mapping.test.js.map