// `kgate test`: the example manifests pass; a broken policy fails with what differed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';

const root = join(import.meta.dirname, '..', '..', '..');
const kgateTest = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'kgate'), 'test', ...args], { encoding: 'utf8', timeout: 30_000 });
// Every example's tests folder: a new example without tests is not missed.
const examples = readdirSync(join(root, 'examples')).filter((e) => existsSync(join(root, 'examples', e, 'tests')));
const manifests = examples.flatMap((e) =>
  readdirSync(join(root, 'examples', e, 'tests'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(root, 'examples', e, 'tests', f)),
);

describe('kgate test', () => {
  for (const manifest of manifests) {
    test(`passes on ${manifest.slice(root.length + 1)}`, () => {
      const r = kgateTest(manifest);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.doesNotMatch(r.stdout, /^FAIL/m);
      assert.match(r.stdout, /^PASS /m);
    });
  }

  test('every example policy file is named by a test manifest', () => {
    const policyKinds = ['AuthorizationPolicy', 'ValidatingPolicy', 'PolicyException'];
    const files = (readdirSync(join(root, 'examples'), { recursive: true, encoding: 'utf8' }) as string[])
      .filter((f) => f.endsWith('.yaml') && !f.includes('tests/'))
      .map((f) => join(root, 'examples', f))
      .filter((f) => parseAllDocuments(readFileSync(f, 'utf8')).some((d) => policyKinds.includes((d.toJS() as { kind?: string } | null)?.kind ?? '')));
    const named = new Set(
      manifests.flatMap((m) =>
        parseAllDocuments(readFileSync(m, 'utf8')).flatMap((d) =>
          ((d.toJS() as { policies?: string[] } | null)?.policies ?? []).map((p) => resolve(dirname(m), p)),
        ),
      ),
    );
    assert.ok(files.length >= 5, files.join());
    assert.deepEqual(
      files.filter((f) => ![...named].some((n) => f === n || f.startsWith(`${n}/`))),
      [],
    );
  });

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

  test('protocol: http decides the cases as plain-HTTP Checks, where HTTP mode policies apply', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kgate-test-'));
    writeFileSync(
      join(dir, 'req.json'),
      JSON.stringify({ attributes: { request: { http: { method: 'GET', path: '/book', headers: { ':path': '/book' } } } } }),
    );
    const manifest = (protocol: string) =>
      `apiVersion: kgate.dev/v1alpha1\nkind: Test\npolicies: [ ${join(root, 'examples', 'kyverno-authz', 'http', 'policy.yaml')} ]\nprotocol: ${protocol}\ncases:\n- { name: no key, request: req.json, expect: { allowed: false, status: 403, body: a valid x-api-key is required } }\n`;
    writeFileSync(join(dir, 'http.yaml'), manifest('http'));
    writeFileSync(join(dir, 'grpc.yaml'), manifest('grpc'));
    writeFileSync(join(dir, 'bad.yaml'), manifest('smtp'));
    assert.equal(kgateTest(join(dir, 'http.yaml')).status, 0);
    const grpc = kgateTest(join(dir, 'grpc.yaml'));
    assert.equal(grpc.status, 1);
    assert.match(grpc.stdout, /allowed: expected false, got true/);
    const bad = kgateTest(join(dir, 'bad.yaml'));
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /bad\.yaml: protocol: expected grpc or http, got "smtp"/);
  });

  test('a file that is not a Test manifest: exit 2 naming it', () => {
    const r = kgateTest(join(root, 'examples', 'kyverno-authz', 'policy.yaml'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /policy\.yaml: expected a kgate\.dev\/v1alpha1 Test manifest/);
  });
});
