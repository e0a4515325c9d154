// Kyverno's and kyverno-json's JMESPath functions, through the jp compiler
// (signatures included). Expected values are Kyverno's (Go) results.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Bindings } from '../../../../src/engine/bindings.js';
import { createJpCompiler } from '../../../../src/engine/compilers/jp/compiler.js';
import { KYVERNO_FUNCTION_NAMES } from '../../../../src/engine/compilers/jp/functions.js';
import { formatDuration, parseDuration } from '../../../../src/engine/go/duration.js';
import { formatQuantity, parseQuantity } from '../../../../src/engine/go/quantity.js';
import { EvaluationError } from '../../../../src/engine/types.js';
const NOW = Date.parse('2024-05-06T07:08:09Z');
const jp = createJpCompiler({ now: () => NOW, keys: { jwks: () => Promise.reject(new Error('none')), file: () => Promise.reject(new Error('none')) } }, []);
const call = (source, value = null) => jp.compile(source).evaluate(value, { bindings: Bindings.empty });
const fixture = (name) => readFileSync(join('test', 'engine', 'compilers', 'jp', 'fixtures', name), 'utf8');
function table(cases) {
    for (const [source, expected] of cases)
        assert.deepEqual(call(source), expected, source);
}
test('the whole Kyverno and kyverno-json set is registered (46 + 4)', () => {
    assert.equal(KYVERNO_FUNCTION_NAMES.length, 50);
    for (const name of KYVERNO_FUNCTION_NAMES)
        assert.doesNotThrow(() => jp.compile(`${name}`), name);
});
test('string functions follow Go strings.*', () => {
    table([
        ["compare('a', 'b')", -1],
        ["compare('b', 'b')", 0],
        ["equal_fold('Go', 'GO')", true],
        ["replace('aaaa', 'a', 'b', `2`)", 'bbaa'],
        ["replace('aaaa', 'a', 'b', `-1`)", 'bbbb'],
        ["replace_all('a.b.c', '.', '/')", 'a/b/c'],
        ["to_upper('abc')", 'ABC'],
        ["to_lower('ÀB')", 'àb'],
        ["trim('--a-b--', '-')", 'a-b'],
        ["trim_prefix('prefix-x', 'prefix-')", 'x'],
        ["split('a,b,,c', ',')", ['a', 'b', '', 'c']],
        ["split('abc', '')", ['a', 'b', 'c']],
        ["truncate('Lorem ipsum', `5`)", 'Lorem'],
        ["truncate('short', `-1`)", ''],
        ["path_canonicalize('/a//b/../c/')", '/a/c'],
        ["to_boolean('TRUE')", true],
        ["base64_decode('aGVsbG8=')", 'hello'],
        ["base64_encode('hello')", 'aGVsbG8='],
    ]);
    assert.throws(() => call("to_boolean('yes')"), /lowercase argument must be 'true' or 'false' \(provided: 'yes'\)/);
    assert.throws(() => call("base64_decode('aGVsbG8')"), /illegal base64 data at input byte 7/);
    assert.throws(() => call("base64_decode('a$==')"), /illegal base64 data at input byte 1/);
});
test('regex and wildcard functions take Go syntax', () => {
    table([
        ["regex_match('^[0-9]+$', `123`)", true],
        ["regex_match('(?i)^abc$', 'ABC')", true],
        ["regex_match('^a\\\\z', 'a')", true],
        ["regex_replace_all('([a-z]+)-([0-9]+)', 'abc-123 de-4', '${2}_$1')", '123_abc 4_de'],
        ["regex_replace_all('(?P<word>b+)', 'abba', '<$word>')", 'a<bb>a'],
        ["regex_replace_all_literal('b+', 'abba', '$1')", 'a$1a'],
        ["pattern_match('*.example', 'foo.example')", true],
        ["pattern_match('?', '')", false],
        ["wildcard('bypass-*', 'bypass-me')", true],
        ["wildcard('a*b*c', 'axxbyyc')", true],
        ["wildcard('a*b*c', 'axxbyy')", false],
        ["wildcard('', '')", true],
    ]);
    assert.equal(call("regex_replace_all('(?U)a+', 'aaa', 'b')"), 'bbb');
    assert.throws(() => call("regex_match('(a)\\\\1', 'aa')"), /error parsing regexp: invalid escape sequence/);
    assert.throws(() => call("regex_match('(?=a)', 'a')"), /error parsing regexp/);
});
test('regex_match runs in linear time: a nested quantifier on a long header finishes', { timeout: 10_000 }, () => {
    const header = `${'a'.repeat(4096)}!`;
    assert.equal(call(`regex_match('^(a+)+$', '${header}')`), false);
    assert.equal(call(`regex_match('^(a|a)*$', '${header.slice(0, -1)}')`), true);
});
test('quantities add, scale and print in canonical form', () => {
    table([
        ["add('12Mi', '13Mi')", '25Mi'],
        ["add('1', '0.5')", '1500m'],
        ["add('1k', '1')", '1001'],
        ["subtract('12Mi', '13Mi')", '-1Mi'],
        ["multiply('12Mi', `3`)", '36Mi'],
        ["multiply(`2.5`, '100m')", '250m'],
        ["divide('12Mi', '3Mi')", 4],
        ["divide('12Mi', `3`)", '4Mi'],
        ["divide('10', `3`)", '3'],
        ["divide('100m', `3`)", '33m'],
        ["modulo('13Mi', '12Mi')", '1Mi'],
        ["sum(['1Gi', '1Mi'])", '1025Mi'],
        ['sum(`[1, 2.5]`)', 3.5],
    ]);
    assert.throws(() => call("add('1Gi', '1h')"), (e) => e instanceof EvaluationError && e.message === "JMESPath function 'add': Types mismatch");
    assert.throws(() => call("divide('1Gi', `0`)"), /JMESPath function 'divide': Zero divisor passed/);
    assert.throws(() => call('sum(`[]`)'), /at least one element in the array is required/);
    assert.throws(() => call("add('1Gi', `true`)"), /JMESPath function 'add': invalid operand/);
});
test('quantity parsing and printing match resource.Quantity', () => {
    const canonical = (s) => formatQuantity(parseQuantity(s));
    assert.deepEqual(['1.5Gi', '1024', '0.1', '1000', '0.0000000001', '2e3', '1E-3', '-0.5', '0'].map(canonical), [
        '1536Mi',
        '1024',
        '100m',
        '1k',
        '1n',
        '2e3',
        '1e-3',
        '-500m',
        '0',
    ]);
    assert.throws(() => parseQuantity('12x'), /quantities must match the regular expression/);
    assert.throws(() => parseQuantity('1Zi'), /quantities must match|suffix/);
});
test('durations add, scale, divide and print as Go does', () => {
    table([
        ["add('1h', '30m0s')", '1h30m0s'],
        ["subtract('1s', '1500ms')", '-500ms'],
        ["multiply('1h', `0.5`)", '30m0s'],
        ["divide('1h', '30m0s')", 2],
        ["divide('90s', `4`)", '22.5s'],
        ["modulo('70s', '1m0s')", '10s'],
    ]);
    // `30m` is a quantity (30 milli) before it is a duration, as in Kyverno.
    assert.throws(() => call("add('1h', '30m')"), /Types mismatch/);
    assert.deepEqual(['1.5h', '300ms', '-1m30s', '1µs', '0', '2562047h'].map((s) => formatDuration(parseDuration(s))), ['1h30m0s', '300ms', '-1m30s', '1µs', '0s', '2562047h0m0s']);
    assert.throws(() => parseDuration('1d'), /time: unknown unit "d" in duration "1d"/);
    assert.throws(() => parseDuration('10'), /time: missing unit in duration "10"/);
});
test('numbers: round (half away from zero) and modulo of integers', () => {
    table([
        ['round(`3.456`, `2`)', 3.46],
        ['round(`-2.5`, `0`)', -3],
        ['modulo(`7`, `-3`)', 1],
    ]);
    assert.throws(() => call('round(`1.5`, `0.5`)'), /Non-integer argument\(s\) passed for round off/);
    assert.throws(() => call('modulo(`7.5`, `2`)'), /Non-integer argument\(s\) passed for modulo/);
});
test('time functions parse RFC 3339 and Go layouts and keep the offset', () => {
    table([
        ["time_add('2021-01-02T15:04:05Z', '3h')", '2021-01-02T18:04:05Z'],
        ["time_add('2023-01-01T00:00:00+02:00', '1h30m')", '2023-01-01T01:30:00+02:00'],
        ["time_diff('2021-01-01T00:00:00Z', '2021-01-01T01:00:00.5Z')", '1h0m0.5s'],
        ["time_to_cron('2023-02-02T15:04:05Z')", '4 15 2 2 4'],
        ["time_parse('Mon Jan 02 2006 15:04:05 -0700', 'Sat Jan 25 2020 04:14:22 +0100')", '2020-01-25T04:14:22+01:00'],
        ["time_parse('2006-01-02', '2020-02-29')", '2020-02-29T00:00:00Z'],
        ["time_parse('02/01/06 3:04PM', '25/12/23 9:30PM')", '2023-12-25T21:30:00Z'],
        ["time_truncate('2023-02-02T15:04:05Z', '1h')", '2023-02-02T15:00:00Z'],
        ["time_utc('2021-01-02T18:04:05+05:30')", '2021-01-02T12:34:05Z'],
        ["time_before('2021-01-02T15:04:05Z', '2021-01-02T15:04:06Z')", true],
        ["time_after('2021-01-02T15:04:05Z', '2021-01-02T15:04:06Z')", false],
        ["time_between('2021-01-02T15:04:05Z', '2021-01-01T00:00:00Z', '2021-01-03T00:00:00Z')", true],
        ["time_since('', '2024-05-06T06:08:09Z', '')", '1h0m0s'],
        ["time_since('2006-01-02', '2024-05-01', '2024-05-03')", '48h0m0s'],
        ['time_now()', '2024-05-06T07:08:09Z'],
        ['time_now_utc()', '2024-05-06T07:08:09Z'],
    ]);
    assert.throws(() => call("time_parse('2006-01-02', '2021-02-30')"), /day out of range/);
    assert.throws(() => call("time_add('yesterday', '1h')"), /parsing time "yesterday"/);
});
test('semver_compare uses blang/semver ranges', () => {
    table([
        ["semver_compare('1.2.3', '>=1.0.0 <2.0.0')", true],
        ["semver_compare('2.0.0', '>=1.0.0 <2.0.0')", false],
        ["semver_compare('4.1.3', '>=4.1.x')", true],
        ["semver_compare('1.5.0', '1.x || >=3.0.0')", true],
        ["semver_compare('2.5.0', '1.x || >=3.0.0')", false],
        ["semver_compare('1.0.0-rc.1', '<1.0.0')", true],
        ["semver_compare('not-a-version', '0.0.0')", true],
    ]);
    assert.throws(() => call("semver_compare('1.0.0', '>>1.0.0')"), /Could not parse comparator/);
});
test('collection functions', () => {
    table([
        ['lookup(`{"a":1}`, \'a\')', 1],
        ['lookup(`[1,2]`, `5`)', null],
        [
            'items(`{"b":1,"a":2}`, \'k\', \'v\')',
            [
                { k: 'a', v: 2 },
                { k: 'b', v: 1 },
            ],
        ],
        ["items(`[\"x\"]`, 'i', 'v')", [{ i: 0, v: 'x' }]],
        ['object_from_lists(`["a","b"]`, `[1]`)', { a: 1, b: null }],
        ['label_match(`{"app":"x"}`, `{"app":"x","t":"1"}`)', true],
        ['label_match(`{"app":"y"}`, `{"app":"x"}`)', false],
        ['at(`[1,2,3]`, `1`)', 2],
        ["concat('a', 'b')", 'ab'],
        ['json_parse(\'{"a":[1]}\')', { a: [1] }],
        ["parse_json('[true]')", [true]],
        ["parse_yaml('a: yes\nb: [1]')", { a: true, b: [1] }],
    ]);
    assert.throws(() => call('at(`[1]`, `3`)'), /index out of range \[3\] with length 1/);
    assert.throws(() => call('lookup(`[1]`, `1.5`)'), /expected an integer number but got: 1.5/);
    assert.throws(() => call("parse_json('{')"), /invalid JSON/);
});
test('x509_decode gives Go x509.Certificate fields for RSA certificates and requests', () => {
    const cert = call('x509_decode(@)', fixture('rsa-cert.pem'));
    assert.equal(cert.Subject.CommonName, 'kgate.example');
    assert.deepEqual(cert.Subject.Organization, ['Kgate Test']);
    assert.deepEqual(cert.Issuer.Names[0], { Type: [2, 5, 4, 6], Value: 'US' });
    assert.equal(cert.SerialNumber, 4660);
    assert.equal(cert.Version, 3);
    assert.equal(cert.SignatureAlgorithm, 4);
    assert.equal(cert.PublicKey.E, 65537);
    assert.match(cert.PublicKey.N, /^14178766674097728691\d+$/);
    assert.equal(cert.NotBefore, '2026-11-23T03:59:49Z');
    assert.deepEqual(cert.DNSNames, ['kgate.example', 'www.kgate.example']);
    assert.deepEqual(cert.IPAddresses, ['10.0.0.1']);
    assert.deepEqual(cert.EmailAddresses, ['ops@kgate.example']);
    assert.equal(cert.IsCA, true);
    assert.equal(cert.MaxPathLenZero, true);
    assert.equal(cert.KeyUsage, 33);
    assert.deepEqual(cert.ExtKeyUsage, [1, 2]);
    const csr = call('x509_decode(@)', fixture('rsa-csr.pem'));
    assert.equal(csr.Subject.CommonName, 'csr.kgate.example');
    assert.deepEqual(csr.DNSNames, ['csr.kgate.example']);
    assert.throws(() => call('x509_decode(@)', fixture('ec-cert.pem')), /certificate should use rsa algorithm/);
    assert.throws(() => call("x509_decode('nothing')"), /failed to decode PEM block/);
});
test('random generates strings matching the pattern', () => {
    for (let i = 0; i < 20; i++)
        assert.match(call("random('[a-z]{5}-\\\\d{3}(x|y)?')"), /^[a-z]{5}-\d{3}(x|y)?$/);
    assert.throws(() => call("random('')"), /no pattern provided/);
});
//# sourceMappingURL=functions.test.js.map