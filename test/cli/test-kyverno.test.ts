// `kgate test` on Kyverno CLI Test manifests (cli.kyverno.io/v1alpha1), read
// as `kyverno test` reads them: every policy alone on every payload, results
// pass (allowed) / fail (denied) / skip (no answer) / error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const root = join(import.meta.dirname, '..', '..', '..');
const requests = join(root, 'examples', 'books', 'requests');
const kgateTest = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'kgate'), 'test', ...args], { encoding: 'utf8', timeout: 30_000 });

/** A folder with the tutorial policy, the books requests and `manifest` as kyverno-test.yaml. */
function fixture(manifest: string, policy?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kgate-kyverno-test-'));
  cpSync(join(root, 'examples', 'kyverno-authz', 'policy.yaml'), join(dir, 'policy.yaml'));
  if (policy !== undefined) writeFileSync(join(dir, 'policy.yaml'), policy);
  cpSync(requests, join(dir, 'requests'), { recursive: true });
  writeFileSync(join(dir, 'kyverno-test.yaml'), manifest);
  return dir;
}

const test1 = (results: string, payloads = '[ requests/admin-get.json, requests/guest-get.json ]') => `apiVersion: cli.kyverno.io/v1alpha1
kind: Test
metadata: { name: t }
policies: [ ./policy.yaml ]
envoyPayloads: ${payloads}
results:
${results}
`;

describe('kgate test: Kyverno CLI manifests', () => {
  test('a folder runs every kyverno-test.yaml below it; each result is checked on every payload', () => {
    const dir = fixture(
      test1(
        '- { kind: "", policy: demo, result: pass, resources: [ requests/admin-get.json ] }\n- { policy: demo, result: fail, resources: [ requests/guest-get.json ] }',
      ),
    );
    mkdirSync(join(dir, 'nested'));
    writeFileSync(
      join(dir, 'nested', 'kyverno-test.yaml'),
      test1('- { policy: demo, result: fail }', '[ ../requests/missing-header.json ]').replace('./policy.yaml', '../policy.yaml'),
    );
    const r = kgateTest(dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.deepEqual(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => l.replace(dir, 'DIR')),
      [
        'PASS DIR/kyverno-test.yaml: t: demo on requests/admin-get.json: pass',
        'PASS DIR/kyverno-test.yaml: t: demo on requests/guest-get.json: fail',
        'PASS DIR/nested/kyverno-test.yaml: t: demo on ../requests/missing-header.json: fail',
      ],
    );
  });

  test('a wrong expectation fails with exit 1 and says what the policy answered', () => {
    const dir = fixture(test1('- { policy: demo, result: pass }'));
    const r = kgateTest(join(dir, 'kyverno-test.yaml'));
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^PASS .*: t: demo on requests\/admin-get\.json: pass$/m);
    assert.match(
      r.stdout,
      /^FAIL .*: t: demo on requests\/guest-get\.json: pass\n {5}result: expected pass, got fail \(request denied with status code 403\)$/m,
    );
  });

  test('no answer is skip, an evaluation error is error (a forged signature under failurePolicy Fail)', () => {
    const quiet = `apiVersion: policies.kyverno.io/v1
kind: ValidatingPolicy
metadata: { name: quiet }
spec:
  evaluation: { mode: Envoy }
  validations:
  - expression: 'object.attributes.request.http.method == "DELETE" ? envoy.Denied(403).Response() : null'
`;
    const dir = fixture(
      `${test1('- { policy: demo, result: error }\n- { policy: quiet, result: skip }', '[ requests/bad-signature.json ]').replace('[ ./policy.yaml ]', '[ ./policy.yaml, ./quiet.yaml ]')}`,
    );
    writeFileSync(join(dir, 'quiet.yaml'), quiet);
    const r = kgateTest(dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^PASS .*: t: demo on requests\/bad-signature\.json: error$/m);
    assert.match(r.stdout, /^PASS .*: t: quiet on requests\/bad-signature\.json: skip$/m);
  });

  test('httpPayloads go to HTTP mode policies, envoyPayloads to Envoy mode ones', () => {
    const dir = fixture(
      test1(
        '- { policy: demo, result: pass, resources: [ requests/admin-get.json ] }\n- { policy: keyed, result: fail, resources: [ nokey.json ] }\n- { policy: keyed, result: pass, resources: [ key.json ] }',
        '[ requests/admin-get.json ]',
      )
        .replace('[ ./policy.yaml ]', '[ ./policy.yaml, ./keyed.yaml ]')
        .replace('results:', 'httpPayloads: [ key.json, nokey.json ]\nresults:'),
    );
    writeFileSync(
      join(dir, 'keyed.yaml'),
      'apiVersion: policies.kyverno.io/v1\nkind: ValidatingPolicy\nmetadata: { name: keyed }\nspec:\n  evaluation: { mode: HTTP }\n  validations:\n  - expression: \'object.attributes.Header("x-key") == ["k"] && object.attributes.body == b"hi" ? http.Allowed().Response() : http.Denied("no key").Response()\'\n',
    );
    writeFileSync(
      join(dir, 'key.json'),
      JSON.stringify({ attributes: { method: 'POST', path: '/', header: { 'X-Key': ['k'] }, body: Buffer.from('hi').toString('base64') } }),
    );
    writeFileSync(join(dir, 'nokey.json'), JSON.stringify({ attributes: { method: 'GET', path: '/' } }));
    const r = kgateTest(dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^PASS .*: t: keyed on nokey\.json: fail$/m);
    assert.match(r.stdout, /^PASS .*: t: keyed on key\.json: pass$/m);
    writeFileSync(
      join(dir, 'kyverno-test.yaml'),
      readFileSync(join(dir, 'kyverno-test.yaml'), 'utf8').replace('{ policy: keyed, result: fail', '{ policy: keyed, result: pass'),
    );
    const wrong = kgateTest(dir);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stdout, /^FAIL .*: t: keyed on nokey\.json: pass\n {5}result: expected pass, got fail \(request denied, reason: no key\)$/m);
  });

  test('a result naming a policy that is not loaded fails as not found', () => {
    const dir = fixture(test1('- { policy: nope, result: pass }', '[ requests/admin-get.json ]'));
    const r = kgateTest(dir);
    assert.equal(r.status, 1);
    assert.match(
      r.stdout,
      /^FAIL .*: t: nope on requests\/admin-get\.json: pass\n {5}not found: no Envoy mode ValidatingPolicy nope is loaded from policies$/m,
    );
  });

  test('unreadable input exits 2 naming the file and field', () => {
    const cases: [string, RegExp][] = [
      [test1('- { policy: demo, result: maybe }'), /kyverno-test\.yaml: results\[0\]\.result: expected one of pass, fail, skip, error, warn/],
      [test1('- { policy: demo, result: pass }', '[ requests/none.json ]'), /envoyPayloads: requests\/none\.json is not a readable CheckRequest/],
      [`${test1('- { policy: demo, result: pass }')}---\nkind: Pod\n`, /document 2: expected a kgate\.dev\/v1alpha1 Test manifest or a Kyverno CLI/],
      [
        test1('- { policy: demo, result: pass }').replace('envoyPayloads:', 'resources: [ pod.yaml ]\nenvoyPayloads:'),
        /kyverno-test\.yaml: resources: kgate tests authorization requests only/,
      ],
    ];
    for (const [manifest, error] of cases) {
      const r = kgateTest(fixture(manifest));
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.match(r.stderr, error);
    }
  });

  test('a policy that does not compile exits 2 naming the file, the field and the policy', () => {
    const dir = fixture(
      test1('- { policy: demo, result: pass }'),
      'apiVersion: policies.kyverno.io/v1\nkind: ValidatingPolicy\nmetadata: { name: demo }\nspec:\n  evaluation: { mode: Envoy }\n  validations:\n  - expression: "envoy.Allowed("\n',
    );
    const r = kgateTest(dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /policy\.yaml: spec\.validations\[0\]\.expression: ValidatingPolicy demo: does not compile: .*\(at line 1, column \d+\)/);
  });
});
