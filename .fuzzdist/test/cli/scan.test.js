// kgate scan's flags and failure modes beyond kyverno-json's recorded cases.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
const dir = mkdtempSync(join(tmpdir(), 'kgate-scan-'));
const file = (name, text) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
};
const policyText = (name, labels, expected) => `apiVersion: json.kyverno.io/v1alpha1
kind: ValidatingPolicy
metadata:
  name: ${name}
  labels: {${labels}}
spec:
  rules:
  - name: check
    identifier: name
    assert:
      all:
      - message: "{{ name }} has the wrong kind"
        check: {kind: ${expected}}
`;
mkdirSync(join(dir, 'policies', 'nested'), { recursive: true });
const a = file('policies/a.yaml', policyText('a', 'team: x, tier: gold', 'Pod'));
file('policies/nested/b.yml', policyText('b', 'team: y', 'Pod'));
file('policies/ignored.json', '{"not": "a policy file for scan"}');
const payload = file('payload.yaml', 'name: one\nkind: Pod\n---\nname: two\nkind: Job\n');
function scan(...args) {
    return spawnSync(process.execPath, [join(process.cwd(), 'bin', 'kgate'), 'scan', ...args], { encoding: 'utf8' });
}
test('folders are walked for .yaml/.yml in lexical order; a multi-document payload is a list', () => {
    const result = scan('--payload', payload, '--policy', join(dir, 'policies'));
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, [
        'Loading policies ...',
        'Loading payload ...',
        'Pre processing ...',
        'Running ( evaluating 2 resources against 2 policies ) ...',
        '- PASSED (POLICY=a, RULE=check, ID=one)',
        '- PASSED (POLICY=b, RULE=check, ID=one)',
        '- FAILED (POLICY=a, RULE=check, ID=two)',
        ' -> two has the wrong kind (CHECK=spec.rules[0].assert.all[0])',
        '  -> Invalid value: "Job": Expected value: "Pod" (PATH=kind)',
        '- FAILED (POLICY=b, RULE=check, ID=two)',
        ' -> two has the wrong kind (CHECK=spec.rules[0].assert.all[0])',
        '  -> Invalid value: "Job": Expected value: "Pod" (PATH=kind)',
        'Done',
        '',
    ].join('\n'));
});
test('--labels selects policies; --policy and --pre-process take comma-separated values', () => {
    const only = scan('--payload', payload, '--policy', `${a},${join(dir, 'policies', 'nested')}`, '--labels', 'team in (x,z)', '--labels', 'tier=gold');
    assert.equal(only.status, 0, only.stderr);
    assert.match(only.stdout, /against 1 policy \)/);
    assert.doesNotMatch(only.stdout, /POLICY=b/);
    const none = scan('--payload', payload, '--policy', a, '--labels', '!team');
    assert.match(none.stdout, /against 0 policies \)/);
    const wrapped = file('wrapped.json', '{"outer": {"items": [{"name": "w", "kind": "Pod"}]}}');
    const pre = scan('--payload', wrapped, '--policy', a, '--pre-process', 'outer,items');
    assert.match(pre.stdout, /evaluating 1 resource against 1 policy/);
    assert.match(pre.stdout, /- PASSED \(POLICY=a, RULE=check, ID=w\)/);
});
test('--bindings prints each binding and makes it visible', () => {
    const bindings = file('bindings.yaml', 'want: Pod\nlimits: {cpu: 2}\n');
    const policy = file('uses-binding.yaml', policyText('c', '', '($want)'));
    const result = scan('--payload', payload, '--policy', policy, '--bindings', bindings);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Loading bindings \.\.\.\n- want -> Pod\n- limits -> map\[cpu:2\]\n/m);
    assert.match(result.stdout, /- PASSED \(POLICY=c, RULE=check, ID=one\)/);
});
test("--output json prints only kyverno-json's report", () => {
    const result = scan('--payload', payload, '--policy', a, '--output', 'json');
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.length, 2);
    assert.deepEqual(report[0]?.results[0]?.policy.metadata, { name: 'a', creationTimestamp: null, labels: { team: 'x', tier: 'gold' } });
    assert.equal(report[0]?.results[0]?.rules[0]?.violations, undefined);
    assert.deepEqual(report[1]?.results[0]?.rules[0]?.violations, [
        {
            message: 'two has the wrong kind (CHECK=spec.rules[0].assert.all[0])',
            errors: [{ type: 'FieldValueInvalid', field: 'kind', value: 'Job', detail: 'Expected value: "Pod"' }],
        },
    ]);
    assert.doesNotMatch(result.stdout, /Loading/);
});
test('load failures print Error: and exit 1; bad flags exit 2', () => {
    const cases = [
        [['--payload', join(dir, 'missing.json'), '--policy', a], /^Error: open .*missing\.json: no such file or directory\n$/],
        [['--payload', file('p.txt', 'x'), '--policy', a], /^Error: unrecognized payload format, must be yaml or json \(.*p\.txt\)\n$/],
        [['--payload', file('null.json', 'null'), '--policy', a], /^Error: payload is `null`\n$/],
        [['--payload', payload, '--policy', a, '--pre-process', 'nothing'], /^Error: prepocessor resulted in `null` payload \(nothing\)\n$/],
        [['--payload', payload, '--policy', a, '--bindings', file('list.json', '[1]')], /^Error: bindings are not a map\[string\]any object\n$/],
        [['--payload', payload, '--policy', file('bad.yaml', 'kind: [')], /^Error: .*bad\.yaml: invalid YAML at line/],
        [
            ['--payload', payload, '--policy', file('typo.yaml', policyText('t', '', 'Pod').replace('assert:', 'asserts:'))],
            /^Error: .*typo\.yaml: spec\.rules\[0\]\.asserts: unknown field/,
        ],
    ];
    for (const [args, stderr] of cases) {
        const result = scan(...args);
        assert.equal(result.status, 1, args.join(' '));
        assert.match(result.stderr, stderr);
    }
    const usage = scan('--nope');
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^kgate scan: .*--nope/);
});
//# sourceMappingURL=scan.test.js.map