import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExpressionSyntaxError } from '../../../src/engine/types.js';
import { compilerFor, evaluate } from './helpers.js';
test('JSONata regexes run on RE2: same answers as V8 on ordinary patterns', async () => {
    const compiler = compilerFor();
    assert.deepEqual(await evaluate(compiler, '$match("ab12cd34", /[0-9]+/).match', {}), ['12', '34']);
    assert.equal(await evaluate(compiler, '$replace("abba", /b+/, "X")', {}), 'aXa');
    assert.deepEqual(await evaluate(compiler, '$split("a1b22c", /[0-9]+/)', {}), ['a', 'b', 'c']);
    assert.equal(await evaluate(compiler, '$contains("Hello", /L+/i)', {}), true);
});
test('a nested quantifier on a long value finishes (linear time)', { timeout: 10_000 }, async () => {
    const compiler = compilerFor();
    assert.equal(await evaluate(compiler, '$contains(v, /^(a+)+$/)', { v: `${'a'.repeat(4096)}!` }), false);
});
test('backreferences and lookaround are refused at compile time', () => {
    const compiler = compilerFor();
    assert.throws(() => compiler.compile('$match(x, /(a)\\1/)'), ExpressionSyntaxError);
    assert.throws(() => compiler.compile('$contains(x, /a(?=b)/)'), /error parsing regexp/);
});
//# sourceMappingURL=regex.test.js.map