// `kgate test`: the example manifests pass; a broken policy fails with what differed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
const root = join(import.meta.dirname, '..', '..', '..');
const kgateTest = (...args) => spawnSync(process.execPath, [join(root, 'bin', 'kgate'), 'test', ...args], { encoding: 'utf8', timeout: 30_000 });
const manifests = ['books', 'kyverno-authz'].flatMap((e) => readdirSync(join(root, 'examples', e, 'tests')).map((f) => join(root, 'examples', e, 'tests', f)));
describe('kgate test', () => {
    for (const manifest of manifests) {
        test(`passes on ${manifest.slice(root.length + 1)}`, () => {
            const r = kgateTest(manifest);
            assert.equal(r.status, 0, r.stdout + r.stderr);
            assert.doesNotMatch(r.stdout, /^FAIL/m);
            assert.match(r.stdout, /^PASS /m);
        });
    }
    test('a broken policy fails with exit 1 and a readable diff', () => {
        const dir = mkdtempSync(join(tmpdir(), 'kgate-test-'));
        const broken = readFileSync(join(root, 'examples', 'kyverno-authz', 'policy.yaml'), 'utf8').replace('envoy.Denied(403)', 'envoy.Denied(404)');
        writeFileSync(join(dir, 'policy.yaml'), broken);
        const manifest = readFileSync(join(root, 'examples', 'kyverno-authz', 'tests', 'tutorial.yaml'), 'utf8')
            .replace('[ ../policy.yaml ]', '[ policy.yaml ]')
            .replaceAll('../../books/requests/', `${join(root, 'examples', 'books', 'requests')}/`);
        writeFileSync(join(dir, 'test.yaml'), manifest);
        const r = kgateTest(join(dir, 'test.yaml'));
        assert.equal(r.status, 1, r.stderr);
        assert.match(r.stdout, /^FAIL .*test\.yaml: guest token, 403\n {5}status: expected 403, got 404$/m);
        assert.match(r.stdout, /^PASS .*: no token, 401$/m);
    });
    test('a file that is not a Test manifest: exit 2 naming it', () => {
        const r = kgateTest(join(root, 'examples', 'kyverno-authz', 'policy.yaml'));
        assert.equal(r.status, 2);
        assert.match(r.stderr, /policy\.yaml: expected a kgate\.dev\/v1alpha1 Test manifest/);
    });
});
//# sourceMappingURL=test-command.test.js.map