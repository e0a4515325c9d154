// The parse worker hands documents over in chunks (src/policies/transfer.ts):
// whatever the cut, the main thread rebuilds the same value.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Assembler, chunks } from '../../src/policies/transfer.js';

function roundTrip(value: unknown, budget: number): { value: unknown; messages: number } {
  const assembler = new Assembler();
  let messages = 0;
  for (const ops of chunks(value, budget)) {
    // Each message crosses a structured clone, as postMessage makes it.
    assembler.apply(structuredClone(ops));
    messages++;
  }
  return { value: assembler.value, messages };
}

describe('policy transfer from the parse worker', () => {
  it('rebuilds nested maps and lists exactly, in key order, whatever the chunk size', () => {
    const shared = { s: 'shared' };
    const value = [
      {
        index: 0,
        value: {
          spec: { rules: Array.from({ length: 50 }, (_, i) => ({ name: `r${i}`, check: { a: [i, null, true, 'x'.repeat(i)] }, shared })) },
          empty: {},
          list: [],
        },
      },
      { index: 2, value: 'scalar' },
    ];
    for (const budget of [1, 3, 17, 2000]) {
      const { value: rebuilt, messages } = roundTrip(value, budget);
      assert.deepStrictEqual(rebuilt, value, `budget ${budget}`);
      assert.deepEqual(Object.keys((rebuilt as { value: Record<string, unknown> }[])[0]!.value), ['spec', 'empty', 'list']);
      if (budget < 2000) assert.ok(messages > 1, `budget ${budget}: ${messages} messages`);
    }
  });

  it('keeps a __proto__ key as data, never as the prototype', () => {
    const value = JSON.parse('{"a":{"__proto__":{"polluted":true},"b":1}}') as Record<string, unknown>;
    const { value: rebuilt } = roundTrip(value, 1);
    const a = (rebuilt as { a: Record<string, unknown> }).a;
    assert.equal(Object.getPrototypeOf(a), Object.prototype);
    assert.deepEqual(Object.keys(a), ['__proto__', 'b']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
