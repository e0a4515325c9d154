import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorBodyValue, expectedValue, goFloat, goKind, goQuote, goSyntax, goValue } from '../../../src/engine/go/fmt.js';
test('kinds follow what kyverno-json sees after JSON loading', () => {
    assert.deepEqual([null, true, 3, 3.5, 's', [], {}].map(goKind), ['invalid', 'bool', 'int64', 'float64', 'string', 'slice', 'map']);
});
test('%q quotes strings as strconv.Quote does', () => {
    assert.equal(goQuote('a"b\\c\n\t'), '"a\\"b\\\\c\\n\\t"');
    assert.equal(goQuote('\u0001\u007f'), '"\\x01\\x7f"');
    assert.equal(goQuote('héllo ✓'), '"héllo ✓"');
    assert.equal(goQuote('\u00a0\u00ad'), '"\\u00a0\\u00ad"');
});
test('floats print as %v does: shortest digits, exponent from 1e6 and below 1e-4', () => {
    assert.deepEqual([1.5, 0.0001, 0.00001, 123456.5, 1234567.5, 1e21, -2.25].map(goFloat), [
        '1.5',
        '0.0001',
        '1e-05',
        '123456.5',
        '1.2345675e+06',
        '1e+21',
        '-2.25',
    ]);
});
test('%v and %#v of maps sort keys and nest', () => {
    const value = { b: [1, 'x', null], a: { c: true } };
    assert.equal(goValue(value), 'map[a:map[c:true] b:[1 x <nil>]]');
    assert.equal(goSyntax(value), 'map[string]interface {}{"a":map[string]interface {}{"c":true}, "b":[]interface {}{1, "x", interface {}(nil)}}');
});
test('field error values and expected values render like k8s and kyverno-json', () => {
    assert.equal(errorBodyValue(null), '"null"');
    assert.equal(errorBodyValue('guest'), '"guest"');
    assert.equal(errorBodyValue(false), 'false');
    assert.equal(errorBodyValue({ Team: 'A' }), 'map[string]interface {}{"Team":"A"}');
    assert.equal(expectedValue(null), '<nil>');
    assert.equal(expectedValue('admin'), '"admin"');
    assert.equal(expectedValue(4), '4');
    assert.equal(expectedValue([1]), '[]interface {}{1}');
});
//# sourceMappingURL=gofmt.test.js.map