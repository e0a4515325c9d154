import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Bindings } from '../../src/engine/bindings.js';
import { EvaluationError } from '../../src/engine/types.js';
test('inner bindings shadow outer ones and names are listed once', () => {
    const b = Bindings.empty.with('a', 1).with('b', 2).with('a', 3);
    assert.equal(b.get('a'), 3);
    assert.equal(b.get('b'), 2);
    assert.deepEqual(b.names().sort(), ['a', 'b']);
    assert.equal(Bindings.empty.with('a', 1).has('b'), false);
});
test('an unknown name is an evaluation error naming the variable', () => {
    assert.throws(() => Bindings.empty.get('missing'), (e) => e instanceof EvaluationError && /\$missing/.test(e.message));
});
test('a lazy binding runs once, on first use', () => {
    let runs = 0;
    const b = Bindings.empty.withLazy('x', () => ++runs);
    assert.equal(runs, 0);
    assert.equal(b.get('x'), 1);
    assert.equal(b.get('x'), 1);
    assert.equal(runs, 1);
});
test('a failing lazy binding fails the same way for every reader', () => {
    let runs = 0;
    const b = Bindings.empty.withLazy('x', () => {
        runs++;
        throw new Error('boom');
    });
    assert.throws(() => b.get('x'), /boom/);
    assert.throws(() => b.get('x'), /boom/);
    assert.equal(runs, 1);
});
test('an async lazy binding is shared and settles to its value', async () => {
    let runs = 0;
    const b = Bindings.empty.withLazy('x', async () => {
        runs++;
        return 'v';
    });
    const [first, second] = await Promise.all([b.get('x'), b.get('x')]);
    assert.equal(first, 'v');
    assert.equal(second, 'v');
    assert.equal(runs, 1);
    assert.equal(b.get('x'), 'v');
});
//# sourceMappingURL=bindings.test.js.map