import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocuments } from '../../../src/engine/policy/documents.js';
import { DOCUMENT_LIMITS } from '../../../src/engine/policy/limits.js';
test('a 5 MB literal loads; a longer string than the limit is refused with its field path', { timeout: 20_000 }, () => {
    const literal = 'x'.repeat(5 * 1024 * 1024);
    const [doc] = parseDocuments(`spec:\n  value: ${literal} -> y\n`, 'big.yaml');
    assert.equal((doc?.value).spec.value.length, literal.length + 5);
    const limits = { ...DOCUMENT_LIMITS, maxStringLength: 1024 };
    assert.throws(() => parseDocuments(`spec:\n  rules:\n    - name: ${'x'.repeat(2000)}\n`, 'p.yaml', limits), {
        message: 'p.yaml: spec.rules[0].name: a string of 2000 characters, more than the limit of 1024',
    });
});
test('depth, node count and bytes are limited, and the error names the file', () => {
    const deep = `${'['.repeat(150)}${']'.repeat(150)}`;
    assert.throws(() => parseDocuments(deep, 'deep.json'), /^Error: deep\.json: (\[0\])+: nested more than 100 deep$|deep\.json: .*nested/);
    assert.throws(() => parseDocuments('['.repeat(20_000), 'deeper.json'), /deeper\.json: invalid JSON/);
    assert.throws(() => parseDocuments('a: [1, 2, 3, 4]', 'n.yaml', { ...DOCUMENT_LIMITS, maxNodes: 3 }), /n\.yaml: a\[1\]: more than 3 nodes/);
    assert.throws(() => parseDocuments('a: 1', 'b.yaml', { ...DOCUMENT_LIMITS, maxBytes: 2 }), /b\.yaml: 4 bytes, more than the limit of 2/);
});
test('an alias bomb is refused naming the file', () => {
    const bomb = [
        'a: &a [x, x, x, x, x, x, x, x, x]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ];
    assert.throws(() => parseDocuments(bomb.join('\n'), 'bomb.yaml'), /^PolicyError: bomb\.yaml: invalid YAML: Excessive alias count/);
});
//# sourceMappingURL=limits.test.js.map