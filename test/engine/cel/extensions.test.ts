// The cel-go extensions kgate adds to cel-js (src/engine/cel/extensions.ts)
// that cel-spec's conformance cases do not cover: sets, the lists library,
// and the strings functions beyond string_ext. Expected values are cel-go's
// (ext/sets.go, ext/lists.go, ext/strings.go), evaluated in the environment
// policies get (homogeneous literals).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCelEnvironment } from '../../../src/engine/cel/environment.js';

const env = createCelEnvironment({ now: Date.now, keys: { jwks: () => Promise.reject(new Error('offline')), file: () => '' } });
const evaluate = (expr: string) => env.evaluate(expr, {});

describe('CEL extensions', () => {
  test('sets compare with heterogeneous number equality and ignore duplicates', () => {
    const cases: [string, boolean][] = [
      ['sets.contains([1, 2, 3], [2.0, 3.0])', true],
      ['sets.contains([1, 2], [1u, 3u])', false],
      ['sets.contains([], [])', true],
      ['sets.contains(["a"], [])', true],
      ['sets.equivalent([1, 2, 1], [2.0, 1.0])', true],
      ['sets.equivalent([1, 2], [1, 2, 3])', false],
      ['sets.intersects(["a", "b"], ["c", "b"])', true],
      ['sets.intersects([1], [])', false],
    ];
    for (const [expr, want] of cases) assert.equal(evaluate(expr), want, expr);
  });

  test('lists: slice, flatten one level, distinct, sort', () => {
    assert.deepEqual(evaluate('[1, 2, 3, 4].slice(1, 3)'), [2n, 3n]);
    assert.deepEqual(evaluate('[[1], [2, 3]].flatten()'), [1n, 2n, 3n]);
    assert.deepEqual(evaluate('[1, 2, 2, 1, 3].distinct()'), [1n, 2n, 3n]);
    assert.deepEqual(evaluate('["b", "c", "a"].sort()'), ['a', 'b', 'c']);
    assert.throws(() => evaluate('[1, 2].slice(1, 3)'), /slice: invalid range \[1, 3\) of a list of 2/);
  });

  test('strings: replace with a count, reverse, charAt at the end, quote', () => {
    assert.equal(evaluate('"aaa".replace("a", "b", 2)'), 'bba');
    assert.equal(evaluate('"aaa".replace("a", "b", -1)'), 'bbb');
    assert.equal(evaluate('"aaa".replace("a", "b")'), 'bbb');
    assert.equal(evaluate('"héllo".reverse()'), 'olléh');
    assert.equal(evaluate('"abc".charAt(1)'), 'b');
    assert.equal(evaluate('"abc".charAt(3)'), '');
    assert.throws(() => evaluate('"abc".charAt(4)'), /charAt: index 4 out of range/);
    assert.equal(evaluate('strings.quote("a\\"b")'), '"a\\"b"');
  });

  test('math.greatest and math.least over arguments or a list', () => {
    assert.equal(evaluate('math.greatest(1, 5, 3)'), 5n);
    assert.equal(evaluate('math.least([4, 2, 8])'), 2n);
    assert.throws(() => evaluate('math.greatest([])'), /math\.greatest: no arguments/);
  });
});
