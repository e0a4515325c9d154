// The CEL features Kyverno Authz policies rely on, held to the official
// cel-spec conformance cases (@bufbuild/cel-spec's copy), run through kgate's
// CEL environment. Cases needing protobuf messages, type environments or
// bindings are out of scope; the cases kgate's engine is known to get wrong
// are listed by name (docs/cel.md, "Conformance") and must keep failing the
// same way, so a fix or a regression shows up here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tests } from '@bufbuild/cel-spec/testdata/conformance.js';
import { createCelEnvironment } from '../../../src/engine/cel/environment.js';

type Value = Record<string, any>;
interface Case {
  name: string;
  expr: string;
  value?: Value;
  evalError?: unknown;
  typeEnv?: unknown;
  bindings?: unknown;
  container?: string;
  checkOnly?: boolean;
  disableCheck?: boolean;
  typedResult?: unknown;
}
interface Suite {
  name: string;
  suites?: Suite[];
  tests?: { original: Case }[];
}

/** Sections (suite/sub-suite) the Kyverno Authz policies use. */
const SECTIONS = [
  'basic/self_eval_zeroish',
  'basic/self_eval_nonzeroish',
  'basic/functions',
  'bindings_ext/bind',
  'encoders_ext/encode',
  'encoders_ext/decode',
  'encoders_ext/round_trip',
  'comparisons/eq_literal',
  'comparisons/ne_literal',
  'comparisons/lt_literal',
  'comparisons/gt_literal',
  'comparisons/in_list_literal',
  'comparisons/in_map_literal',
  'fields/map_fields',
  'fields/map_has',
  'fields/in',
  'lists/concatenation',
  'lists/index',
  'lists/in',
  'lists/size',
  'logic/conditional',
  'logic/AND',
  'logic/OR',
  'logic/NOT',
  'macros/exists',
  'macros/all',
  'macros/exists_one',
  'macros/map',
  'macros/filter',
  'math_ext/greatest_int_result',
  'math_ext/least_int_result',
  'math_ext/greatest_double_result',
  'math_ext/least_double_result',
  'math_ext/abs',
  'math_ext/ceil',
  'math_ext/floor',
  'optionals/optionals',
  'string/size',
  'string/starts_with',
  'string/ends_with',
  'string/matches',
  'string/concatenation',
  'string/contains',
  'string_ext/char_at',
  'string_ext/index_of',
  'string_ext/ascii_casing',
  'string_ext/replace',
  'string_ext/split',
  'string_ext/substring',
  'string_ext/trim',
  'string_ext/join',
];

/** Known gaps of cel-js 8.0.0 with kgate's extensions, as `section/case`: see docs/cel.md. */
const KNOWN_GAPS = new Set<string>([
  'basic/functions/unbound_is_runtime_error',
  'basic/self_eval_nonzeroish/self_eval_bytes_escape',
  'comparisons/eq_literal/eq_bytes',
  'comparisons/eq_literal/eq_dyn_json_null',
  'comparisons/eq_literal/eq_list_elem_mixed_types',
  'comparisons/eq_literal/eq_list_mixed_type_numbers',
  'comparisons/eq_literal/eq_map_mixed_type_numbers',
  'comparisons/eq_literal/eq_mixed_types',
  'comparisons/eq_literal/not_eq_list_length',
  'comparisons/gt_literal/gt_bytes_one',
  'comparisons/gt_literal/gt_bytes_one_to_empty',
  'comparisons/gt_literal/not_gt_bytes_sorting',
  'comparisons/gt_literal/not_gt_double',
  'comparisons/gt_literal/not_gt_dyn_big_double_int',
  'comparisons/lt_literal/lt_bytes',
  'comparisons/lt_literal/not_lt_bytes_same',
  'comparisons/lt_literal/not_lt_bytes_width',
  'comparisons/lt_literal/not_lt_dyn_int_big_lossy_double',
  'comparisons/ne_literal/ne_mixed_types',
  'comparisons/ne_literal/not_ne_bytes',
  'fields/map_has/has',
  'fields/map_has/has_empty',
  'fields/map_has/has_not',
  'lists/in/double_in_uints',
  'lists/in/int_in_uints',
  'lists/in/uint_in_doubles',
  'lists/in/uint_in_ints',
  'lists/index/zero_based_uint',
  'logic/AND/short_circuit_type_left',
  'logic/AND/short_circuit_type_right',
  'logic/OR/short_circuit_type_left',
  'logic/OR/short_circuit_type_right',
  'logic/conditional/mixed_type',
  'macros/all/list_empty',
  'macros/exists_one/map_one',
  'math_ext/abs/int_overflow',
  'math_ext/abs/uint',
  'optionals/optionals/empty_map_optFlatMap_hasValue',
  'optionals/optionals/has_map_optindex',
  'optionals/optionals/has_map_optindex_field',
  'optionals/optionals/map_empty_submap_optFlatMap_hasValue',
  'optionals/optionals/map_null_entry_no_such_key',
  'optionals/optionals/map_optindex_optFlatMap_optional_ofNonZeroValue_hasValue',
  'optionals/optionals/map_optional_entry_has',
  'optionals/optionals/map_optional_has',
  'optionals/optionals/map_optional_select_has',
  'optionals/optionals/map_present_key_invalid_field',
  'optionals/optionals/map_submap_optFlatMap_value',
  'optionals/optionals/map_submap_subkey_optFlatMap_value',
  'optionals/optionals/map_undefined_entry_hasValue',
  'optionals/optionals/none_optMap_hasValue',
  'optionals/optionals/null_non_zero_value',
  'optionals/optionals/optional_chaining_1',
  'optionals/optionals/optional_chaining_12',
  'optionals/optionals/optional_chaining_13',
  'optionals/optionals/optional_chaining_14',
  'optionals/optionals/optional_chaining_15',
  'optionals/optionals/optional_chaining_16',
  'optionals/optionals/optional_chaining_5',
  'optionals/optionals/optional_chaining_9',
  'optionals/optionals/optional_eq_int_int',
  'optionals/optionals/optional_eq_int_none',
  'optionals/optionals/optional_eq_none_int',
  'optionals/optionals/optional_eq_none_none',
  'optionals/optionals/optional_ne_int_int',
  'optionals/optionals/optional_ne_int_none',
  'optionals/optionals/optional_ne_none_int',
  'optionals/optionals/optional_ne_none_none',
  'optionals/optionals/optional_none_optindex_hasValue',
  'optionals/optionals/optional_none_optselect_hasValue',
  'optionals/optionals/optional_ofNonZeroValue_or_optional_value',
  'optionals/optionals/optional_of_optMap_value',
  'optionals/optionals/ternary_optional_hasValue',
  'optionals/optionals/type',
]);

function normalize(v: unknown): unknown {
  if (typeof v === 'bigint') return { int: v.toString() };
  if (typeof v === 'number') return { double: Number.isNaN(v) ? 'NaN' : v };
  if (v instanceof Uint8Array) return { bytes: Buffer.from(v).toString('base64') };
  if (v === null || typeof v !== 'object') return v;
  if (v.constructor?.name === 'UnsignedInt') return { uint: String(v.valueOf()) };
  if (Array.isArray(v) || v instanceof Set) return [...v].map(normalize);
  const entries = v instanceof Map ? [...v] : Object.entries(v);
  return Object.fromEntries(
    entries.map(([k, x]) => [typeof k === 'bigint' ? k.toString() : String(k), normalize(x)]).sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)),
  );
}

function expected(v: Value): unknown {
  if ('int64Value' in v) return { int: String(v.int64Value) };
  if ('uint64Value' in v) return { uint: String(v.uint64Value) };
  if ('doubleValue' in v) return { double: typeof v.doubleValue === 'string' ? Number(v.doubleValue) : v.doubleValue };
  if ('stringValue' in v) return v.stringValue;
  if ('boolValue' in v) return v.boolValue;
  if ('bytesValue' in v) return { bytes: v.bytesValue };
  if ('nullValue' in v) return null;
  if ('listValue' in v) return (v.listValue.values ?? []).map(expected);
  if ('mapValue' in v) {
    const entries = (v.mapValue.entries ?? []).map((e: Value) => [String(keyOf(e.key)), expected(e.value)] as const);
    return Object.fromEntries(entries.sort(([a]: readonly [string, unknown], [b]: readonly [string, unknown]) => (a < b ? -1 : 1)));
  }
  return { unsupported: Object.keys(v) };
}

function keyOf(k: Value): unknown {
  return k.stringValue ?? k.int64Value ?? k.uint64Value ?? k.boolValue;
}

function* cases(suite: Suite, path: string[] = []): Generator<[string, Case]> {
  for (const t of suite.tests ?? []) yield [path.join('/'), t.original];
  for (const s of suite.suites ?? []) yield* cases(s, [...path, s.name]);
}

function runs(c: Case): boolean {
  return (
    !c.typeEnv &&
    !c.bindings &&
    !c.container &&
    !c.checkOnly &&
    !c.typedResult &&
    (c.value !== undefined || c.evalError !== undefined) &&
    !(c.value && JSON.stringify(expected(c.value)).includes('"unsupported"'))
  );
}

// cel-spec's cases assume cel-go's default, heterogeneous literals; policies get homogeneous ones (environment.ts).
const env = createCelEnvironment(
  { now: Date.now, keys: { jwks: () => Promise.reject(new Error('offline')), file: () => '' } },
  { homogeneousAggregateLiterals: false },
);

function outcome(c: Case): 'pass' | string {
  try {
    const value = env.evaluate(c.expr, {});
    if (c.evalError !== undefined) return `expected an error, got ${JSON.stringify(normalize(value))}`;
    const [got, want] = [normalize(value), expected(c.value!)];
    return JSON.stringify(got) === JSON.stringify(want) ? 'pass' : `got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`;
  } catch (error) {
    return c.evalError !== undefined ? 'pass' : `error ${(error as Error).message.split('\n')[0]}`;
  }
}

describe('cel-spec conformance, the sections kgate relies on', () => {
  const selected = [...cases(tests as unknown as Suite)].filter(([path, c]) => SECTIONS.includes(path) && runs(c));
  test('the selection is substantial', () => assert.ok(selected.length > 250, `${selected.length} cases`));
  for (const section of SECTIONS) {
    test(section, () => {
      const failures = selected
        .filter(([p]) => p === section)
        .flatMap(([, c]) => {
          const result = outcome(c);
          return (result === 'pass') === KNOWN_GAPS.has(`${section}/${c.name}`)
            ? [`${c.name}: ${result === 'pass' ? 'passes now: remove it from KNOWN_GAPS' : `${c.expr} → ${result}`}`]
            : [];
        });
      assert.deepEqual(failures, []);
    });
  }
});
