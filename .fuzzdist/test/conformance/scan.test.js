// kyverno-json's own scan cases (../shared/conformance/kyverno-json-scan),
// run through the real CLI: stdout must match kyverno-json's byte for byte.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { needsShared } from '../support/needs.js';
const CASES = needsShared(join('conformance', 'kyverno-json-scan'));
function cases() {
    return readFileSync(join(CASES, 'CASES.tsv'), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('#'))
        .map((line) => {
        const [name = '', payload = '', policies = '', preProcess = '-', bindings = '-', expected = ''] = line.split('\t');
        const args = ['--payload', payload, ...policies.split(',').flatMap((p) => ['--policy', p])];
        if (preProcess !== '-')
            args.push('--pre-process', preProcess);
        if (bindings !== '-')
            args.push('--bindings', bindings);
        return { name, args, expected: readFileSync(join(CASES, expected), 'utf8') };
    });
}
function scan(args) {
    return spawnSync(process.execPath, [join(process.cwd(), 'bin', 'kgate'), 'scan', ...args], { cwd: CASES, encoding: 'utf8' });
}
const all = cases();
test('the case table is read', () => {
    assert.ok(all.length >= 18, `only ${all.length} cases`);
});
for (const c of all) {
    const usesCel = readFileSync(join(CASES, c.args[c.args.indexOf('--policy') + 1]), 'utf8').includes('compiler: cel');
    if (usesCel) {
        test(`scan ${c.name}: the cel compiler is refused with a clear rule error`, () => {
            const result = scan(c.args);
            assert.equal(result.status, 0, result.stderr);
            assert.match(result.stdout, /^- ERROR: spec\.rules\[0\]\.context\[0\]\.variable: Invalid value: "4": the cel compiler is not supported yet \(POLICY=test, RULE=foo-bar-4\)$/m);
            assert.doesNotMatch(result.stdout, /PASSED/);
        });
        continue;
    }
    test(`scan ${c.name} prints what kyverno-json prints`, () => {
        const result = scan(c.args);
        assert.equal(result.stderr, '');
        assert.equal(result.status, 0);
        assert.equal(result.stdout, c.expected);
    });
}
//# sourceMappingURL=scan.test.js.map