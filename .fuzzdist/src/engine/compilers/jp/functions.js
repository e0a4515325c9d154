// The function table of kgate's JMESPath: the library's built-ins with
// go-jmespath's behaviour where they differ, kyverno-json's additions, Kyverno's
// set (overriding items, replace, split, sum and trim as Kyverno does), and
// kgate's own functions.
import { TYPE_ANY, TYPE_ARRAY, TYPE_ARRAY_NUMBER, TYPE_ARRAY_STRING, TYPE_BOOLEAN, TYPE_NULL, TYPE_NUMBER, TYPE_OBJECT, TYPE_STRING, } from '@jmespath-community/jmespath';
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
import { isPromise } from '../../async.js';
const S = [TYPE_STRING];
const N = [TYPE_NUMBER];
const A = [TYPE_ARRAY];
const O = [TYPE_OBJECT];
const ANY = [TYPE_ANY];
const arg = (types, optional = false) => (optional ? { types, optional } : { types });
const sig = (...types) => types.map((t) => arg(t));
// The library checks arity and argument types against the signature before
// calling, so an implementation may take its arguments as typed.
const entry = (name, signature, impl) => ({
    name,
    signature,
    impl: impl,
});
/** go-jmespath's versions of library built-ins that behave differently. */
const GO_BUILTINS = [
    entry('contains', [arg([TYPE_STRING, TYPE_ARRAY]), arg(ANY)], ([subject, search]) => typeof subject === 'string' ? typeof search === 'string' && subject.includes(search) : subject.some((item) => deepEqual(item, search))),
    entry('to_string', sig(ANY), ([value]) => (typeof value === 'string' ? value : goJson(value))),
    entry('to_number', sig(ANY), ([value]) => toNumber(value)),
    entry('sort', [arg([TYPE_ARRAY_STRING, TYPE_ARRAY_NUMBER])], ([values]) => [...values].sort((a, b) => (typeof a === 'number' ? a - b : strings.compare(a, b)))),
];
const GO_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** strconv.ParseFloat semantics: decimal text, `inf`/`infinity`/`nan`; anything else is null. */
function toNumber(value) {
    if (typeof value === 'number')
        return value;
    if (typeof value !== 'string')
        return null;
    if (/^[+-]?(inf|infinity)$/i.test(value))
        return value.startsWith('-') ? -Infinity : Infinity;
    if (/^nan$/i.test(value))
        return Number.NaN;
    return GO_FLOAT.test(value) ? Number(value) : null;
}
const text = (value, fn, index) => collections.scalarText(value, fn, index);
/** kyverno-json's own functions. */
const KYVERNO_JSON = [
    entry('at', sig(A, N), ([array, index]) => collections.at(array, index)),
    entry('concat', sig(S, S), ([a, b]) => collections.concat(a, b)),
    entry('json_parse', sig(S), ([s]) => parseJson(s)),
    entry('wildcard', sig(S, S), ([pattern, name]) => wildcardMatch(pattern, name)),
];
/** Kyverno's function set (pkg/jp/kyverno at kyverno-json bd9932a). */
const KYVERNO = [
    entry('compare', sig(S, S), ([a, b]) => strings.compare(a, b)),
    entry('equal_fold', sig(S, S), ([a, b]) => strings.equalFold(a, b)),
    entry('replace', sig(S, S, S, N), ([s, o, n, c]) => strings.replace(s, o, n, c)),
    entry('replace_all', sig(S, S, S), ([s, o, n]) => strings.replaceAll(s, o, n)),
    entry('to_upper', sig(S), ([s]) => strings.toUpper(s)),
    entry('to_lower', sig(S), ([s]) => strings.toLower(s)),
    entry('trim', sig(S, S), ([s, cutset]) => strings.trim(s, cutset)),
    entry('trim_prefix', sig(S, S), ([s, prefix]) => strings.trimPrefix(s, prefix)),
    entry('split', sig(S, S), ([s, sep]) => strings.split(s, sep)),
    entry('regex_replace_all', sig(S, [TYPE_STRING, TYPE_NUMBER], [TYPE_STRING, TYPE_NUMBER]), ([re, src, repl]) => regexp.regexReplaceAll(re, text(src, 'regex_replace_all', 2), text(repl, 'regex_replace_all', 3))),
    entry('regex_replace_all_literal', sig(S, [TYPE_STRING, TYPE_NUMBER], [TYPE_STRING, TYPE_NUMBER]), ([re, src, repl]) => regexp.regexReplaceAllLiteral(re, text(src, 'regex_replace_all_literal', 2), text(repl, 'regex_replace_all_literal', 3))),
    entry('regex_match', sig(S, [TYPE_STRING, TYPE_NUMBER]), ([re, src]) => regexp.regexMatch(re, text(src, 'regex_match', 2))),
    entry('pattern_match', sig(S, [TYPE_STRING, TYPE_NUMBER]), ([pattern, src]) => wildcardMatch(pattern, text(src, 'regex_match', 2))),
    entry('label_match', sig(O, O), ([labels, candidate]) => collections.labelMatch(labels, candidate)),
    entry('to_boolean', sig(S), ([s]) => strings.toBoolean(s)),
    entry('add', sig(ANY, ANY), ([a, b]) => arithmetic.add(a, b)),
    entry('sum', sig(A), ([values]) => arithmetic.sum(values)),
    entry('subtract', sig(ANY, ANY), ([a, b]) => arithmetic.subtract(a, b)),
    entry('multiply', sig(ANY, ANY), ([a, b]) => arithmetic.multiply(a, b)),
    entry('divide', sig(ANY, ANY), ([a, b]) => arithmetic.divide(a, b)),
    entry('modulo', sig(ANY, ANY), ([a, b]) => arithmetic.modulo(a, b)),
    entry('round', sig(N, N), ([n, places]) => arithmetic.round(n, places)),
    entry('base64_decode', sig(S), ([s]) => strings.base64Decode(s)),
    entry('base64_encode', sig(S), ([s]) => strings.base64Encode(s)),
    entry('time_since', sig(S, S, S), ([layout, start, end], call) => time.timeSince(layout, start, end, call.now())),
    entry('time_now', [], (_args, call) => time.timeNow(call.now())),
    entry('time_now_utc', [], (_args, call) => time.timeNow(call.now())),
    entry('path_canonicalize', sig(S), ([p]) => strings.pathCanonicalize(p)),
    entry('truncate', sig(S, N), ([s, n]) => strings.truncate(s, n)),
    entry('semver_compare', sig(S, S), ([version, range]) => semverCompare(version, range)),
    entry('parse_json', sig(S), ([s]) => parseJson(s)),
    entry('parse_yaml', sig(S), ([s]) => parseYamlDocument(s)),
    entry('lookup', sig([TYPE_OBJECT, TYPE_ARRAY], [TYPE_STRING, TYPE_NUMBER]), ([c, key]) => collections.lookup(c, key)),
    entry('items', sig([TYPE_OBJECT, TYPE_ARRAY], S, S), ([c, k, v]) => collections.items(c, k, v)),
    entry('object_from_lists', sig(A, A), ([keys, values]) => collections.objectFromLists(keys, values)),
    entry('random', sig(S), ([pattern]) => randomString(pattern)),
    entry('x509_decode', sig(S), ([pem]) => x509Decode(pem)),
    entry('time_to_cron', sig(S), ([t]) => time.timeToCron(t)),
    entry('time_add', sig(S, S), ([t, d]) => time.timeAdd(t, d)),
    entry('time_parse', sig(S, S), ([layout, t]) => time.timeParse(layout, t)),
    entry('time_utc', sig(S), ([t]) => time.timeUtc(t)),
    entry('time_diff', sig(S, S), ([a, b]) => time.timeDiff(a, b)),
    entry('time_before', sig(S, S), ([a, b]) => time.timeBefore(a, b)),
    entry('time_after', sig(S, S), ([a, b]) => time.timeAfter(a, b)),
    entry('time_between', sig(S, S, S), ([t, a, b]) => time.timeBetween(t, a, b)),
    entry('time_truncate', sig(S, S), ([t, d]) => time.timeTruncate(t, d)),
];
/** Names of the functions kgate adds to the library's built-ins (for docs and tests). */
export const KYVERNO_FUNCTION_NAMES = [...KYVERNO_JSON, ...KYVERNO].map((e) => e.name);
const ARG_TYPES = {
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
function fromDef(def) {
    const signature = def.args.map((a) => arg(a.types.map((t) => ARG_TYPES[t]), a.optional === true));
    const keyOf = (args) => `${def.jp}\u0000${JSON.stringify(args)}`;
    return entry(def.jp, signature, (args, call) => {
        // Keys are only built once this evaluation has waited for something: a
        // synchronous call costs nothing extra.
        const done = call.memo?.get(keyOf(args));
        if (done) {
            if ('error' in done)
                throw done.error;
            return done.value;
        }
        const result = def.impl(args, call.env);
        if (isPromise(result))
            call.pending(keyOf(args), result);
        return result;
    });
}
/** Installs the whole table on a runtime (each jp compiler owns its runtime: no global registry). */
export function installFunctions(runtime, extra, call) {
    for (const { name, signature, impl } of [...GO_BUILTINS, ...KYVERNO_JSON, ...KYVERNO, ...extra.map(fromDef)]) {
        const fn = (args) => (impl(args, call()) ?? null);
        runtime.registerFunction(name, fn, signature, { override: true });
    }
}
//# sourceMappingURL=functions.js.map