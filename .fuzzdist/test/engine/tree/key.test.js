import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseKey, splitBinding } from '../../../src/engine/tree/key.js';
// kyverno-json's binding pattern, the reference the scan must agree with (quadratic in V8: short inputs only).
const REFERENCE = /(.*)[\t\n\f\r ]*->[\t\n\f\r ]*(\w+)$/;
function reference(text) {
    const m = REFERENCE.exec(text);
    return m ? [m[1], m[2]] : undefined;
}
test('the binding scan agrees with the regular expression', () => {
    const piece = fc.constantFrom('-', '>', '->', ' ', '\n', '\r', '\t', 'a', 'b_1', '.', '(', ')', '\u2028', 'é');
    fc.assert(fc.property(fc.array(piece, { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        assert.deepEqual(splitBinding(text), reference(text));
    }), { numRuns: 20_000 });
    assert.deepEqual(splitBinding('(a.b) -> name'), ['(a.b) ', 'name']);
    assert.deepEqual(splitBinding('first\nsecond ->  x'), ['second ', 'x']);
});
test('a 5 MB key parses in one pass', { timeout: 10_000 }, () => {
    const long = `(${'x'.repeat(5 * 1024 * 1024)})`;
    assert.equal(parseKey(long).statement.length, long.length - 2);
    assert.equal(parseKey(`${long} -> y`).binding, 'y');
    assert.equal(parseKey(`${'-'.repeat(5 * 1024 * 1024)}>`).binding, '');
});
//# sourceMappingURL=key.test.js.map