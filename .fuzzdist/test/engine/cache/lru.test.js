import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lru } from '../../../src/engine/cache/lru.js';
test('holds at most its capacity, forgetting the oldest first', () => {
    const lru = new Lru(3);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries())
        lru.set(key, i);
    assert.equal(lru.size, 3);
    assert.equal(lru.get('a'), undefined);
    assert.deepEqual(['b', 'c', 'd'].map((k) => lru.get(k)), [1, 2, 3]);
});
test('an entry used after drifting into the older half survives newer unused ones', () => {
    const lru = new Lru(4);
    lru.set('hot', 0);
    for (const key of ['x1', 'x2', 'x3'])
        lru.set(key, 1);
    assert.equal(lru.get('hot'), 0); // three insertions later: older half, moved to the young end
    lru.set('x4', 1);
    lru.set('x5', 1);
    assert.equal(lru.get('hot'), 0);
    assert.equal(lru.get('x1'), undefined);
    assert.equal(lru.get('x2'), undefined);
});
test('set replaces a value, delete forgets it, capacity must be positive', () => {
    const lru = new Lru(2);
    lru.set('a', 1);
    lru.set('a', 2);
    assert.equal(lru.get('a'), 2);
    assert.equal(lru.size, 1);
    lru.delete('a');
    assert.equal(lru.get('a'), undefined);
    assert.throws(() => new Lru(0), /at least 1/);
});
//# sourceMappingURL=lru.test.js.map