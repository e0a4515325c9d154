// `kgate check` with Kyverno Authz policies: the same decider as the server.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
const root = join(import.meta.dirname, '..', '..', '..');
const tutorial = join(root, 'examples', 'kyverno-authz', 'policy.yaml');
const request = (name) => join(root, 'examples', 'books', 'requests', `${name}.json`);
function check(policy, req) {
    const run = spawnSync(process.execPath, [join(root, 'bin', 'kgate'), 'check', '--policy', policy, '--request', req], { encoding: 'utf8', timeout: 20_000 });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
describe('kgate check, Kyverno Authz tutorial policy', () => {
    test('an admin token: allowed with the tutorial headers', () => {
        const r = check(tutorial, request('admin-get'));
        assert.equal(r.code, 0, r.stderr);
        const response = JSON.parse(r.stdout);
        assert.deepEqual(response.okResponse.headers, [{ header: { key: 'x-validated-by', value: 'my-security-checkpoint' } }]);
        assert.deepEqual(response.okResponse.headersToRemove, ['x-force-authorized']);
    });
    test('a guest token: 403', () => {
        const r = check(tutorial, request('guest-get'));
        assert.equal(r.code, 1);
        assert.equal(JSON.parse(r.stdout).deniedResponse.status.code, 'Forbidden');
    });
    test('no token: 401', () => {
        const r = check(tutorial, request('missing-header'));
        assert.equal(r.code, 1);
        assert.equal(JSON.parse(r.stdout).deniedResponse.status.code, 'Unauthorized');
    });
    test('a forged signature: jwt.Decode fails, failurePolicy Fail denies and names the reason', () => {
        const r = check(tutorial, request('bad-signature'));
        assert.equal(r.code, 1);
        assert.match(r.stderr, /error: demo: validation 0: variable token: jwt\.Decode: signature verification failed/);
    });
    test('a policy that does not compile: exit 2, naming the file, the policy, the validation and the position', () => {
        const dir = mkdtempSync(join(tmpdir(), 'kgate-cel-'));
        const file = join(dir, 'broken.yaml');
        writeFileSync(file, 'apiVersion: policies.kyverno.io/v1\nkind: ValidatingPolicy\nmetadata: { name: broken }\nspec:\n  evaluation: { mode: Envoy }\n  validations:\n  - expression: envoy.Allowed(\n');
        const r = check(file, request('admin-get'));
        assert.equal(r.code, 2);
        assert.match(r.stderr, /broken\.yaml: spec\.validations\[0\]\.expression: ValidatingPolicy broken: does not compile: Unexpected token: EOF \(at line 1, column 15\)/);
    });
});
//# sourceMappingURL=check-kyverno-authz.test.js.map