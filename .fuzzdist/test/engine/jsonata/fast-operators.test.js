// The operators' fast programs answer exactly what JSONata answers, for every
// pair of operands of every kind (errors included), and do answer
// synchronously where the operands are plain values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAllSame, assertFallsBack, assertFast, OPERANDS, pairs } from './equivalence.js';
const OPERATORS = ['=', '!=', '<', '<=', '>', '>=', 'in', 'and', 'or', '&', '+', '-', '*', '/', '%'];
for (const operator of OPERATORS) {
    test(`\`${operator}\` agrees with JSONata on every pair of operands`, async () => {
        const sources = [...pairs(OPERANDS)].map(([left, right]) => `${left} ${operator} ${right}`);
        const synchronous = await assertAllSame(sources);
        // Most pairs are plain values: if none were answered fast, the comparison proved nothing.
        assert.ok(synchronous > 0, `no fast answer for ${operator}`);
    });
}
test('unary minus agrees with JSONata on every operand', async () => {
    await assertAllSame(OPERANDS.map((operand) => `-(${operand})`));
    await assertAllSame(OPERANDS.map((operand) => `-${operand}`));
});
test('operators answer synchronously on the values they are defined for', async () => {
    await assertFast([
        "s = 'hello world'",
        'num != 3',
        'obj = same',
        'arr = [1, "two", true, null]',
        'nested = [[1, 2], [3]]',
        'none = []',
        'emptyObj = {}',
        'missing = missing',
        'missing != 1',
        'nul = null',
        'negz = 0',
        '$nan = $nan',
        '$inf = $inf',
        'obj = {"a": 1, "b": {"c": "deep"}}',
        "s < 'z'",
        'uni > s',
        'num >= 42',
        'frac < third',
        'missing < 1',
        "'' <= empty",
        "'b' in strs",
        "word in ['admin', 'guest']",
        'word in $list',
        "'x' in 'x'",
        'missing in strs',
        'nul in arr',
        'obj in objs',
        '$nan in [$nan]',
        's & num',
        "frac & ''",
        "big & ''",
        "negz & ''",
        "tiny & ''",
        "third & ''",
        'missing & s',
        't & nul',
        '(0.1 + 0.2) & ""',
        'num + 1',
        'num - frac',
        'num * neg',
        'num / 8',
        'num % 5',
        'neg % 2',
        'missing + 1',
        '-num',
        '-negz',
        '-missing',
        '-(num + 1)',
        't and f',
        'missing or t',
        's and num',
        'empty or zero',
        'arr and obj',
        'none or emptyObj',
        'marked or f',
        'strs and one',
    ]);
});
test('operands JSONata rejects, infinite numbers and mapped paths are left to JSONata', async () => {
    await assertFallsBack([
        's + 1',
        'num - t',
        'nul * 2',
        'arr + 1',
        '$inf + 1',
        '$nan + 1',
        '1e308 * 10',
        'num / 0',
        '0 / 0',
        '-s',
        '-$inf',
        'num < s',
        'obj < 1',
        'nul >= 1',
        'arr > 1',
        "1 > obj and 'a' < missing",
        's & obj',
        's & arr',
        '$inf & ""',
        '$nan & ""',
        'one & ""',
        '$inf and true',
        'f or $inf',
        '[1, $inf] and t',
        'objs.a = 1',
        'objs.a in [1, 2]',
        'objs.a & ""',
    ]);
});
test('`and` and `or` evaluate their right side only when it decides', async () => {
    // The right side would be an error (T2001) if it were evaluated.
    await assertFast(["f and ('x' + 1)", "t or ('x' + 1)", "missing and ('x' + 1)"]);
    await assertFallsBack(["t and ('x' + 1)", "f or ('x' + 1)"]);
});
//# sourceMappingURL=fast-operators.test.js.map