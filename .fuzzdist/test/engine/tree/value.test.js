import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Bindings } from '../../../src/engine/bindings.js';
import { TreeCompileError } from '../../../src/engine/tree/compile.js';
import { compileValueTree } from '../../../src/engine/tree/value.js';
import { EvaluationError } from '../../../src/engine/types.js';
import { asyncLookup, lookup, scope } from './helpers.js';
const node = { user: { name: 'alice', roles: ['a', 'b'] } };
test('a constant value is returned as written, not copied', () => {
    const value = { a: [1, { b: 'x' }] };
    assert.equal(compileValueTree(value, 'v', lookup)(node, scope()), value);
});
test('(expr) strings and keys are evaluated against the node; escapes are literal', () => {
    const run = compileValueTree({ '(user.name)': '(user.roles[0])', fixed: '\\(literal)\\', list: ['(length(user.roles))', 2] }, 'v', lookup);
    assert.deepEqual(run(node, scope()), { alice: 'a', fixed: '(literal)', list: [2, 2] });
});
test('bindings are visible; missing values are null', () => {
    assert.equal(compileValueTree('($claims.sub)', 'v', lookup)(node, scope(Bindings.empty.with('claims', { sub: 'bob' }))), 'bob');
    assert.equal(compileValueTree('(nothing.here)', 'v', lookup)(node, scope()), null);
});
test('asynchronous expressions give a promise of the same value', async () => {
    const result = compileValueTree({ who: '(user.name)' }, 'v', asyncLookup)(node, scope());
    assert.ok(result instanceof Promise);
    assert.deepEqual(await result, { who: 'alice' });
});
test('errors name the value path', () => {
    assert.throws(() => compileValueTree({ '~.x': 1 }, 'spec.allow.body', lookup), (e) => e instanceof TreeCompileError && e.field.path === 'spec.allow.body.~.x');
    assert.throws(() => compileValueTree({ '(user.roles)': 1 }, 'h', lookup)(node, scope()), (e) => e instanceof EvaluationError && /^h\.\(user\.roles\): a computed key must be a string/.test(e.message));
    assert.throws(() => compileValueTree('($undefined)', 'h.x', lookup)(node, scope()), (e) => e instanceof EvaluationError && e.message === 'h.x: variable not defined: $undefined');
});
//# sourceMappingURL=value.test.js.map