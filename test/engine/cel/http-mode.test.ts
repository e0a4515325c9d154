// Kyverno Authz HTTP mode (`spec.evaluation.mode: HTTP`) through kgate's real
// plain-HTTP ext_authz port: the `http` library, the http.CheckRequest object
// (canonical header keys, decoded path, query lists), the default answers
// (200; 403 with the reason as body), and gRPC Checks ignoring HTTP policies.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { canonicalHeaderKey, parseGoQuery } from '../../../src/engine/cel/http.js';
import { envoyCheck, grpcCheck, httpRequest, type Started, startInProcess, tempDir, writeFiles } from '../../authz/support/server.js';

const HTTP_POLICY = `apiVersion: policies.kyverno.io/v1alpha1
kind: ValidatingPolicy
metadata: { name: http-rules }
spec:
  evaluation: { mode: HTTP }
  variables:
  - name: key
    expression: 'object.attributes.Header("x-api-key")'
  validations:
  - expression: >
      object.attributes.path == "/admin/a b" && object.attributes.method == "DELETE"
        ? http.Denied("no deletes under " + object.attributes.path).Response()
        : null
  - expression: >
      size(variables.key) == 1 && variables.key[0] == "k1"
        && object.attributes.header["X-Api-Key"] == ["k1"]
        && object.attributes.QueryParam("tag") == ["a", "b c"]
        && object.attributes.host == "books.example.com"
        && object.attributes.protocol == "HTTP/1.1"
        && object.attributes.contentLength == 0
        ? http.Allowed().Response()
        : http.Denied("key " + variables.key.join(",")).Response()
`;

const HTTP_EXCEPTION = `apiVersion: policies.kyverno.io/v1
kind: PolicyException
metadata: { name: trusted }
spec:
  evaluationMode: HTTP
  policyRefs: [ { name: http-rules, kind: ValidatingPolicy } ]
  matchConditions:
  - name: trusted
    expression: 'object.attributes.Header("x-trusted") == ["yes"]'
`;

let kgate: Started;
before(async () => {
  const dir = tempDir('http-mode');
  writeFiles(dir, { 'p.yaml': HTTP_POLICY, 'e.yaml': HTTP_EXCEPTION });
  kgate = await startInProcess({ policyPaths: [dir], decisionTimeoutMs: 5000 });
});
after(async () => {
  await kgate?.server.close();
});

const ask = (method: string, path: string, headers: Record<string, string> = {}) =>
  httpRequest(kgate.addresses.http!, { method, path, headers: { host: 'books.example.com', ...headers } });

describe('HTTP mode policies on the plain-HTTP port', () => {
  test('allowed: header (any case), header map with canonical keys, query lists, host, protocol', async () => {
    const reply = await ask('GET', '/books?tag=a&tag=b+c', { 'X-API-KEY': 'k1' });
    assert.equal(reply.status, 200, reply.body);
  });

  test('denied: 403 with the reason as the body', async () => {
    const reply = await ask('GET', '/books?tag=a', { 'x-api-key': 'k2' });
    assert.equal(reply.status, 403);
    assert.equal(reply.body, 'key k2');
  });

  test('the path is percent-decoded and without its query, as Go reads it', async () => {
    const reply = await ask('DELETE', '/admin/a%20b?x=1', { 'x-api-key': 'k1' });
    assert.equal(reply.status, 403);
    assert.equal(reply.body, 'no deletes under /admin/a b');
  });

  test('a PolicyException with evaluationMode HTTP skips the HTTP policy when its conditions hold', async () => {
    assert.equal((await ask('DELETE', '/admin/a%20b', { 'x-trusted': 'yes' })).status, 200);
    assert.equal((await ask('DELETE', '/admin/a%20b', { 'x-trusted': 'no' })).status, 403);
  });

  test('gRPC Checks are decided by Envoy mode policies only', async () => {
    const response = await grpcCheck(kgate.addresses.grpc!, envoyCheck('DELETE', '/admin/a%20b'));
    assert.equal(response.status?.code ?? 0, 0);
  });

  test('HTTP mode expressions are checked against http.CheckRequest: a misspelt field is refused at load', async () => {
    const dir = tempDir('http-mode-typo');
    writeFiles(dir, { 'p.yaml': HTTP_POLICY.replace('object.attributes.host ==', 'object.attributes.hostname ==') });
    await assert.rejects(
      startInProcess({ policyPaths: [dir] }),
      /spec\.validations\[1\]\.expression: ValidatingPolicy http-rules: does not compile: No such key: hostname/,
    );
  });

  test("Go's canonical header keys and query parsing", () => {
    assert.equal(canonicalHeaderKey('x-forwarded-FOR'), 'X-Forwarded-For');
    assert.equal(canonicalHeaderKey('content-type'), 'Content-Type');
    assert.equal(canonicalHeaderKey('bad key'), 'bad key');
    assert.deepEqual(parseGoQuery('a=1&a=2&b&c=%20x+y&bad=%zz'), { a: ['1', '2'], b: [''], c: [' x y'] });
  });
});
