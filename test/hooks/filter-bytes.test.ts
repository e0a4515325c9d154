// The hook's fast encodings against their references: the kgate filter spliced
// from cached bytes against protobuf-es encoding it whole, and the wire scanner
// against protobuf-es's BinaryReader, over every fixture listener.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { hookConfigFrom } from '../../src/cli/hook-flags.js';
import { kgateFilters } from '../../src/hooks/filter.js';
import { scanFields } from '../../src/hooks/wire.js';
import { fixtureListeners, fixtureNames } from './support/envoy.js';

function referenceScan(bytes: Uint8Array): [number, number, number][] {
  const reader = new BinaryReader(bytes);
  const out: [number, number, number][] = [];
  while (reader.pos < reader.len) {
    const start = reader.pos;
    const [no, wireType] = reader.tag();
    reader.skip(wireType, no);
    out.push([no, start, reader.pos]);
  }
  return out;
}

function deepScan(bytes: Uint8Array, depth = 0): [number, number, number][] {
  const fields = scanFields(bytes, 'x');
  const own = fields.map((f): [number, number, number] => [f.no, f.start, f.end]);
  assert.deepEqual(own, referenceScan(bytes));
  if (depth > 3) return own;
  for (const f of fields) {
    if (f.wireType !== WireType.LengthDelimited) continue;
    try {
      referenceScan(f.payload);
    } catch {
      assert.throws(() => scanFields(f.payload, 'x'), /cannot decode/, 'what the reference cannot read is refused');
      continue;
    }
    deepScan(f.payload, depth + 1);
  }
  return own;
}

describe('hook fast encodings', () => {
  it('the spliced kgate filter is byte for byte what protobuf-es encodes, for every variant', () => {
    for (const flags of [{}, { 'ext-authz-timeout': '250ms' }]) {
      const filters = kgateFilters(hookConfigFrom(flags));
      for (const failureModeAllow of [false, true]) {
        for (const withBody of [false, true]) {
          for (const sections of [[], ['default/eg/http'], ['default/eg/a', `team-ü/gw/${'x'.repeat(300)}`]]) {
            // Route scopes: the filter disabled in the HCM; spec.body limits.
            const variants = [{}, { disabled: true }, ...(withBody ? [{ maxBodyBytes: 1024, allowPartialBody: false }] : [])];
            for (const variant of variants) {
              const plan = { sections, policies: ['default/p'], failureModeAllow, withBody, ...variant };
              for (const listener of ['default/eg/http', 'l'.repeat(200)])
                assert.deepEqual(Buffer.from(filters.bytes(listener, plan)), Buffer.from(filters.referenceBytes(listener, plan)));
            }
          }
        }
      }
    }
  });

  it('the wire scanner finds the fields BinaryReader finds, in every fixture listener', () => {
    let listeners = 0;
    for (const file of fixtureNames()) {
      for (const listener of fixtureListeners(file)) {
        deepScan(listener);
        listeners++;
      }
    }
    assert.ok(listeners > 100);
    assert.throws(() => scanFields(new Uint8Array([0x0a, 0x05, 0x01]), 'short'), /short: cannot decode: premature EOF/);
    assert.throws(() => scanFields(new Uint8Array([0x00]), 'zero'), /zero: cannot decode/);
    assert.throws(() => scanFields(new Uint8Array([0x0b, 0x08, 0x01]), 'group'), /group: cannot decode/);
  });
});
