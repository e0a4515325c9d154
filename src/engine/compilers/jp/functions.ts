// The function table of kgate's JMESPath: the library's built-ins with
// go-jmespath's behaviour where they differ, kyverno-json's additions, Kyverno's
// set (overriding items, replace, split, sum and trim as Kyverno does), and
// kgate's own functions.
import {
  TYPE_ANY,
  TYPE_ARRAY,
  TYPE_ARRAY_NUMBER,
  TYPE_ARRAY_STRING,
  TYPE_BOOLEAN,
  TYPE_NULL,
  TYPE_NUMBER,
  TYPE_OBJECT,
  TYPE_STRING,
  type InputSignature,
  type JSONValue,
  type TreeInterpreter,
} from '@jmespath-community/jmespath';
import * as arithmetic from '../../functions/kyverno/arithmetic.js';
import * as collections from '../../functions/kyverno/collections.js';
import { goJson, parseJson, parseYamlDocument } from '../../go/json.js';
import { randomString } from '../../functions/kyverno/random.js';
import * as regexp from '../../go/regexp.js';
import { semverCompare } from '../../functions/kyverno/semver.js';
import * as strings from '../../go/strings.js';
import * as time from '../../go/time.js';
import { wildcardMatch } from '../../functions/kyverno/wildcard.js';
import { x509Decode } from '../../functions/kyverno/x509.js';
import { deepEqual } from '../../tree/match.js';
import type { ArgType, FunctionDef, FunctionEnv, MaybePromise } from '../../types.js';
import { isPromise } from '../../async.js';

type Runtime = (typeof TreeInterpreter)['runtime'];

/** What a function may use from the evaluation it runs in. */
export interface CallContext {
  readonly env: FunctionEnv;
  /** env.now(), read once per evaluation so a replayed evaluation sees the same instant. */
  now(): number;
  /** Results of promise-returning calls settled so far in this evaluation; undefined until one has. */
  readonly memo: ReadonlyMap<string, { value: unknown } | { error: unknown }> | undefined;
  /** Records a pending call; the evaluation is replayed once it settles. */
  pending(key: string, promise: Promise<unknown>): never;
}

type Impl = (args: unknown[], call: CallContext) => unknown;
interface Entry {
  readonly name: string;
  readonly signature: InputSignature[];
  readonly impl: Impl;
}

const S = [TYPE_STRING];
const N = [TYPE_NUMBER];
const A = [TYPE_ARRAY];
const O = [TYPE_OBJECT];
const ANY = [TYPE_ANY];
const arg = (types: number[], optional = false): InputSignature => (optional ? { types, optional } : { types });
const sig = (...types: number[][]) => types.map((t) => arg(t));
// The library checks arity and argument types against the signature before
// calling, so an implementation may take its arguments as typed.
const entry = <A extends unknown[]>(name: string, signature: InputSignature[], impl: (args: A, call: CallContext) => unknown): Entry => ({
  name,
  signature,
  impl: impl as unknown as Impl,
});

/** go-jmespath's versions of library built-ins that behave differently. */
const GO_BUILTINS: readonly Entry[] = [
  entry('contains', [arg([TYPE_STRING, TYPE_ARRAY]), arg(ANY)], ([subject, search]: [string | unknown[], unknown]) =>
    typeof subject === 'string' ? typeof search === 'string' && subject.includes(search) : subject.some((item) => deepEqual(item, search)),
  ),
  entry('to_string', sig(ANY), ([value]: [unknown]) => (typeof value === 'string' ? value : goJson(value))),
  entry('to_number', sig(ANY), ([value]: [unknown]) => toNumber(value)),
  entry('sort', [arg([TYPE_ARRAY_STRING, TYPE_ARRAY_NUMBER])], ([values]: [(string | number)[]]) =>
    [...values].sort((a, b) => (typeof a === 'number' ? a - (b as number) : strings.compare(a, b as string))),
  ),
];

const GO_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** strconv.ParseFloat semantics: decimal text, `inf`/`infinity`/`nan`; anything else is null. */
function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return null;
  if (/^[+-]?(inf|infinity)$/i.test(value)) return value.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(value)) return Number.NaN;
  return GO_FLOAT.test(value) ? Number(value) : null;
}

const text = (value: unknown, fn: string, index: number) => collections.scalarText(value, fn, index);

/** kyverno-json's own functions. */
const KYVERNO_JSON: readonly Entry[] = [
  entry('at', sig(A, N), ([array, index]: [unknown[], number]) => collections.at(array, index)),
  entry('concat', sig(S, S), ([a, b]: [string, string]) => collections.concat(a, b)),
  entry('json_parse', sig(S), ([s]: [string]) => parseJson(s)),
  entry('wildcard', sig(S, S), ([pattern, name]: [string, string]) => wildcardMatch(pattern, name)),
];

/** Kyverno's function set (pkg/jp/kyverno at kyverno-json bd9932a). */
const KYVERNO: readonly Entry[] = [
  entry('compare', sig(S, S), ([a, b]: [string, string]) => strings.compare(a, b)),
  entry('equal_fold', sig(S, S), ([a, b]: [string, string]) => strings.equalFold(a, b)),
  entry('replace', sig(S, S, S, N), ([s, o, n, c]: [string, string, string, number]) => strings.replace(s, o, n, c)),
  entry('replace_all', sig(S, S, S), ([s, o, n]: [string, string, string]) => strings.replaceAll(s, o, n)),
  entry('to_upper', sig(S), ([s]: [string]) => strings.toUpper(s)),
  entry('to_lower', sig(S), ([s]: [string]) => strings.toLower(s)),
  entry('trim', sig(S, S), ([s, cutset]: [string, string]) => strings.trim(s, cutset)),
  entry('trim_prefix', sig(S, S), ([s, prefix]: [string, string]) => strings.trimPrefix(s, prefix)),
  entry('split', sig(S, S), ([s, sep]: [string, string]) => strings.split(s, sep)),
  entry('regex_replace_all', sig(S, [TYPE_STRING, TYPE_NUMBER], [TYPE_STRING, TYPE_NUMBER]), ([re, src, repl]: [string, unknown, unknown]) =>
    regexp.regexReplaceAll(re, text(src, 'regex_replace_all', 2), text(repl, 'regex_replace_all', 3)),
  ),
  entry('regex_replace_all_literal', sig(S, [TYPE_STRING, TYPE_NUMBER], [TYPE_STRING, TYPE_NUMBER]), ([re, src, repl]: [string, unknown, unknown]) =>
    regexp.regexReplaceAllLiteral(re, text(src, 'regex_replace_all_literal', 2), text(repl, 'regex_replace_all_literal', 3)),
  ),
  entry('regex_match', sig(S, [TYPE_STRING, TYPE_NUMBER]), ([re, src]: [string, unknown]) => regexp.regexMatch(re, text(src, 'regex_match', 2))),
  entry('pattern_match', sig(S, [TYPE_STRING, TYPE_NUMBER]), ([pattern, src]: [string, unknown]) => wildcardMatch(pattern, text(src, 'regex_match', 2))),
  entry('label_match', sig(O, O), ([labels, candidate]: [Record<string, unknown>, Record<string, unknown>]) => collections.labelMatch(labels, candidate)),
  entry('to_boolean', sig(S), ([s]: [string]) => strings.toBoolean(s)),
  entry('add', sig(ANY, ANY), ([a, b]: [unknown, unknown]) => arithmetic.add(a, b)),
  entry('sum', sig(A), ([values]: [unknown[]]) => arithmetic.sum(values)),
  entry('subtract', sig(ANY, ANY), ([a, b]: [unknown, unknown]) => arithmetic.subtract(a, b)),
  entry('multiply', sig(ANY, ANY), ([a, b]: [unknown, unknown]) => arithmetic.multiply(a, b)),
  entry('divide', sig(ANY, ANY), ([a, b]: [unknown, unknown]) => arithmetic.divide(a, b)),
  entry('modulo', sig(ANY, ANY), ([a, b]: [unknown, unknown]) => arithmetic.modulo(a, b)),
  entry('round', sig(N, N), ([n, places]: [number, number]) => arithmetic.round(n, places)),
  entry('base64_decode', sig(S), ([s]: [string]) => strings.base64Decode(s)),
  entry('base64_encode', sig(S), ([s]: [string]) => strings.base64Encode(s)),
  entry('time_since', sig(S, S, S), ([layout, start, end]: [string, string, string], call) => time.timeSince(layout, start, end, call.now())),
  entry('time_now', [], (_args, call) => time.timeNow(call.now())),
  entry('time_now_utc', [], (_args, call) => time.timeNow(call.now())),
  entry('path_canonicalize', sig(S), ([p]: [string]) => strings.pathCanonicalize(p)),
  entry('truncate', sig(S, N), ([s, n]: [string, number]) => strings.truncate(s, n)),
  entry('semver_compare', sig(S, S), ([version, range]: [string, string]) => semverCompare(version, range)),
  entry('parse_json', sig(S), ([s]: [string]) => parseJson(s)),
  entry('parse_yaml', sig(S), ([s]: [string]) => parseYamlDocument(s)),
  entry('lookup', sig([TYPE_OBJECT, TYPE_ARRAY], [TYPE_STRING, TYPE_NUMBER]), ([c, key]: [Record<string, unknown> | unknown[], string | number]) =>
    collections.lookup(c, key),
  ),
  entry('items', sig([TYPE_OBJECT, TYPE_ARRAY], S, S), ([c, k, v]: [Record<string, unknown> | unknown[], string, string]) => collections.items(c, k, v)),
  entry('object_from_lists', sig(A, A), ([keys, values]: [unknown[], unknown[]]) => collections.objectFromLists(keys, values)),
  entry('random', sig(S), ([pattern]: [string]) => randomString(pattern)),
  entry('x509_decode', sig(S), ([pem]: [string]) => x509Decode(pem)),
  entry('time_to_cron', sig(S), ([t]: [string]) => time.timeToCron(t)),
  entry('time_add', sig(S, S), ([t, d]: [string, string]) => time.timeAdd(t, d)),
  entry('time_parse', sig(S, S), ([layout, t]: [string, string]) => time.timeParse(layout, t)),
  entry('time_utc', sig(S), ([t]: [string]) => time.timeUtc(t)),
  entry('time_diff', sig(S, S), ([a, b]: [string, string]) => time.timeDiff(a, b)),
  entry('time_before', sig(S, S), ([a, b]: [string, string]) => time.timeBefore(a, b)),
  entry('time_after', sig(S, S), ([a, b]: [string, string]) => time.timeAfter(a, b)),
  entry('time_between', sig(S, S, S), ([t, a, b]: [string, string, string]) => time.timeBetween(t, a, b)),
  entry('time_truncate', sig(S, S), ([t, d]: [string, string]) => time.timeTruncate(t, d)),
];

/** Names of the functions kgate adds to the library's built-ins (for docs and tests). */
export const KYVERNO_FUNCTION_NAMES: readonly string[] = [...KYVERNO_JSON, ...KYVERNO].map((e) => e.name);

const ARG_TYPES: Readonly<Record<ArgType, number>> = {
  string: TYPE_STRING,
  number: TYPE_NUMBER,
  boolean: TYPE_BOOLEAN,
  array: TYPE_ARRAY,
  object: TYPE_OBJECT,
  null: TYPE_NULL,
  any: TYPE_ANY,
};

/**
 * A kgate FunctionDef as a table entry. A promise-returning implementation
 * suspends the (synchronous) search; the settled result is memoized by
 * function and arguments for the rest of the evaluation, which is replayed.
 */
function fromDef(def: FunctionDef): Entry {
  const signature = def.args.map((a) =>
    arg(
      a.types.map((t) => ARG_TYPES[t]),
      a.optional === true,
    ),
  );
  const keyOf = (args: unknown[]) => `${def.jp}\u0000${JSON.stringify(args)}`;
  return entry(def.jp, signature, (args: unknown[], call) => {
    // Keys are only built once this evaluation has waited for something: a
    // synchronous call costs nothing extra.
    const done = call.memo?.get(keyOf(args));
    if (done) {
      if ('error' in done) throw done.error;
      return done.value;
    }
    const result: MaybePromise<unknown> = def.impl(args, call.env);
    if (isPromise(result)) call.pending(keyOf(args), result);
    return result;
  });
}

/** Installs the whole table on a runtime (each jp compiler owns its runtime: no global registry). */
export function installFunctions(runtime: Runtime, extra: readonly FunctionDef[], call: () => CallContext): void {
  for (const { name, signature, impl } of [...GO_BUILTINS, ...KYVERNO_JSON, ...KYVERNO, ...extra.map(fromDef)]) {
    const fn = (args: unknown[]) => (impl(args, call()) ?? null) as JSONValue;
    runtime.registerFunction(name, fn, signature, { override: true });
  }
}
