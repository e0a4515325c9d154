import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const root = join(import.meta.dirname, '..', '..', '..');
const books = join(root, 'examples', 'books');

function check(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'kgate'), 'check', ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, response: run.status !== 2 ? JSON.parse(run.stdout) : undefined };
}

const request = (name: string) => join(books, 'requests', `${name}.json`);

for (const form of ['kyverno-envoy-plugin', 'kgate']) {
  describe(`the books policy, ${form} form`, () => {
    const policy = join(books, form);

    test('admin POST /book is allowed', () => {
      const r = check('--policy', policy, '--request', request('admin-post'));
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.response.deniedResponse, undefined);
      assert.equal(r.response.status.code ?? 0, 0);
    });

    test('guest POST /book is denied with the rule message', () => {
      const r = check('--policy', policy, '--request', request('guest-post'));
      assert.equal(r.code, 1);
      assert.equal(r.response.status.code, 7);
      assert.equal(r.response.deniedResponse.status.code, 'Forbidden');
      assert.match(r.response.deniedResponse.body, /^POST method calls at path \/book are not allowed to guests users$/m);
      assert.match(r.stderr, /violation: .*deny-guest-request-at-post/);
    });

    test('GET /book is allowed for guest and admin', () => {
      for (const who of ['guest-get', 'admin-get']) assert.equal(check('--policy', policy, '--request', request(who)).code, 0, who);
    });

    test('a token with a bad signature is denied without saying why to the client', () => {
      const r = check('--policy', policy, '--request', request('bad-signature'));
      assert.equal(r.code, 1);
      assert.equal(r.response.deniedResponse.body, 'access denied\n');
      assert.match(r.stderr, /signature is invalid/);
    });

    test('a request without an Authorization header is denied', () => {
      const r = check('--policy', policy, '--request', request('missing-header'));
      assert.equal(r.code, 1);
      assert.ok(r.response.deniedResponse);
    });
  });
}

test('the kgate form answers a missing token with its own 401 and passes the role upstream', () => {
  const missing = check('--policy', join(books, 'kgate'), '--request', request('missing-header'));
  assert.equal(missing.response.deniedResponse.status.code, 'Unauthorized');
  assert.equal(missing.response.deniedResponse.body, 'a bearer token is required\n');
  assert.deepEqual(
    missing.response.deniedResponse.headers.map((h: { header: { key: string; value: string } }) => [h.header.key, h.header.value]),
    [
      ['content-type', 'text/plain; charset=utf-8'],
      ['www-authenticate', 'Bearer realm="books"'],
    ],
  );
  const admin = check('--policy', join(books, 'kgate'), '--request', request('admin-get'));
  assert.deepEqual(admin.response.okResponse, {
    headers: [{ header: { key: 'x-books-role', value: 'admin' }, append: false }],
    headersToRemove: ['authorization'],
  });
});

describe('bad input exits 2 with a clear message and no stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kgate-check-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const cases: [string, string[], RegExp][] = [
    ['a request that is not JSON or YAML', ['--policy', join(books, 'kgate'), '--request', file('garbage.json', '{"attributes": [1, 2')], /not JSON or YAML/],
    [
      'a request that is not a CheckRequest',
      ['--policy', join(books, 'kgate'), '--request', file('wrong.json', '{"attributes": {"request": {"http": {"method": 5}}}}')],
      /not a valid envoy\.service\.auth\.v3\.CheckRequest/,
    ],
    ['a request without attributes', ['--policy', join(books, 'kgate'), '--request', file('empty.json', '{}')], /no attributes/],
    ['a missing request file', ['--policy', join(books, 'kgate'), '--request', join(dir, 'nope.json')], /ENOENT|no such file/],
    ['malformed policy YAML', ['--policy', file('bad.yaml', 'spec: [unclosed'), '--request', request('admin-get')], /bad\.yaml/],
    [
      'a policy with an unknown field',
      [
        '--policy',
        file('unknown.yaml', 'apiVersion: kgate.dev/v1alpha1\nkind: AuthorizationPolicy\nmetadata: {name: x}\nspec:\n  rulez: []\n'),
        '--request',
        request('admin-get'),
      ],
      /unknown\.yaml: spec\.rulez: unknown field/,
    ],
    ['a missing policy path', ['--policy', join(dir, 'none'), '--request', request('admin-get')], /no such file or folder/],
    ['a bad --gateway', ['--policy', join(books, 'kgate'), '--request', request('admin-get'), '--gateway', 'just-a-name'], /--gateway/],
    ['an unknown flag', ['--policy', join(books, 'kgate'), '--request', request('admin-get'), '--verbose'], /verbose/],
  ];
  for (const [name, args, message] of cases) {
    test(name, () => {
      const r = check(...args);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });
  }
});

test('--gateway selects the policies targeting that Gateway and listener', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kgate-check-gw-'));
  const policy = (name: string, target: string) => `apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: ${name}, namespace: prod }
spec:
  targetRefs: [ { group: gateway.networking.k8s.io, kind: Gateway, ${target} } ]
  rules:
  - name: deny
    assert: { all: [ { message: denied by ${name}, check: { (false): true } } ] }
---
`;
  writeFileSync(join(dir, 'p.yaml'), policy('gateway-wide', 'name: eg') + policy('https-only', 'name: eg, sectionName: https'));
  const args = ['--policy', dir, '--request', request('admin-get')];
  assert.equal(check(...args).code, 2, 'no --gateway: targeted policies do not apply, and check says so');
  assert.match(check(...args, '--gateway', 'prod/eg').response.deniedResponse.body, /^denied by gateway-wide\n$/);
  assert.match(check(...args, '--gateway', 'prod/eg/https').response.deniedResponse.body, /^denied by gateway-wide\ndenied by https-only\n$/);
  assert.match(
    check(...args, '--gateway', 'staging/eg').stderr,
    /no policy applies to the scope --gateway staging\/eg:\n {2}policy prod\/gateway-wide targets Gateway prod\/eg\n {2}policy prod\/https-only targets Gateway prod\/eg listener https\npass --gateway prod\/eg /,
  );
});

test("the README's example (targetRefs) without --gateway: exit 2 naming the scope, the policy's target and the flag to pass", () => {
  const example = /```yaml\n([\s\S]*?)```/.exec(readFileSync(join(root, 'README.md'), 'utf8'))![1]!;
  const file = join(mkdtempSync(join(tmpdir(), 'kgate-readme-')), 'policy.yaml');
  writeFileSync(file, example);
  const r = spawnSync(process.execPath, [join(root, 'bin', 'kgate'), 'check', '--policy', file, '--request', request('guest-post')], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /no policy applies to an untagged request \(no --gateway or --route: only policies without targetRefs apply\)/);
  assert.match(r.stderr, /policy default\/books targets Gateway default\/eg/);
  assert.match(r.stderr, /pass --gateway default\/eg/);
  assert.equal(check('--policy', file, '--request', request('guest-post'), '--gateway', 'default/eg').code, 1);
  const elsewhere = spawnSync(
    process.execPath,
    [join(root, 'bin', 'kgate'), 'check', '--policy', file, '--request', request('guest-post'), '--gateway', 'default/other'],
    { encoding: 'utf8' },
  );
  assert.equal(elsewhere.status, 2);
  assert.match(elsewhere.stderr, /no policy applies to the scope --gateway default\/other/);
});
