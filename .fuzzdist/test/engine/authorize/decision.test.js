import assert from 'node:assert/strict';
import { test } from 'node:test';
import { violationDetails } from '../../../src/engine/authorize.js';
import { decide, past, policies, request } from './helpers.js';
const writes = (extra = '') => `
apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: writes, namespace: shop }
spec:
  ${extra}
  rules:
  - name: no-delete
    match:
      any:
      - request: { http: { method: DELETE } }
    assert:
      all:
      - message: deletes are not allowed
        check:
          request: { http: { method: GET } }
      - message: deletes are not allowed
        check:
          (request.http.path): /never
`;
test('an enforcing violation denies with 403, PERMISSION_DENIED and the messages, each once', async () => {
    const d = await decide(policies(writes()), request('DELETE', '/items/1'));
    assert.equal(d.allowed, false);
    assert.equal(d.httpStatus, 403);
    assert.equal(d.grpcCode, 7);
    assert.equal(d.denial?.body, 'deletes are not allowed\n');
    assert.deepEqual(d.denial?.headers, [{ name: 'content-type', value: 'text/plain; charset=utf-8' }]);
    assert.deepEqual(d.reasons.map((r) => [r.kind, r.policy, r.rule]), [['violation', 'shop/writes', 'no-delete']]);
    assert.ok(violationDetails(d.reasons[0]).some((line) => line.includes('request.http.method: Invalid value: "DELETE": Expected value: "GET"')));
});
test('a rule that does not match neither allows nor denies on its own', async () => {
    const d = await decide(policies(writes()), request('GET', '/items/1'));
    assert.equal(d.allowed, true);
    assert.equal(d.httpStatus, 200);
    assert.equal(d.grpcCode, 0);
    assert.deepEqual(d.reasons, []);
    assert.deepEqual(d.policies, ['shop/writes']);
});
test('an Audit policy reports its violations and allows', async () => {
    const d = await decide(policies(writes('mode: Audit')), request('DELETE', '/items/1'));
    assert.equal(d.allowed, true);
    assert.deepEqual(d.reasons.map((r) => r.kind), ['audit']);
});
test('a rule shapes its denial: status, gRPC code, headers and a computed body', async () => {
    const [policy] = policies(`
apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: auth }
spec:
  rules:
  - name: needs-token
    assert:
      all:
      - message: token required
        check:
          request: { http: { headers: { authorization: ($exists($)) } } }
    deny:
      status: 401
      code: UNAUTHENTICATED
      headers:
        www-authenticate: Bearer
        x-path: (request.http.path)
      body: ("no token for " & request.http.path)
`);
    const d = await decide([policy], request('GET', '/a'));
    assert.equal(d.allowed, false);
    assert.equal(d.httpStatus, 401);
    assert.equal(d.grpcCode, 16);
    assert.equal(d.denial?.body, 'no token for /a');
    assert.deepEqual(d.denial?.headers, [
        { name: 'content-type', value: 'text/plain; charset=utf-8' },
        { name: 'www-authenticate', value: 'Bearer' },
        { name: 'x-path', value: '/a' },
    ]);
});
test('the first violated rule with a deny shape decides the denial, in policy then rule order', async () => {
    const compiled = policies(`
apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: b-second }
spec:
  rules:
  - name: teapot
    assert: { all: [ { message: second, check: { (false): true } } ] }
    deny: { status: 418 }
---
apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: a-first }
spec:
  rules:
  - name: plain
    assert: { all: [ { message: first, check: { (false): true } } ] }
  - name: gone
    assert: { all: [ { message: also first, check: { (false): true } } ] }
    deny: { status: 410 }
`).sort((a, b) => a.id.localeCompare(b.id));
    const d = await decide(compiled, request('GET', '/'));
    assert.equal(d.httpStatus, 410);
    assert.equal(d.denial?.body, 'first\nalso first\nsecond\n');
});
const failing = (failurePolicy, mode = 'Enforce') => `
apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: broken }
spec:
  failurePolicy: ${failurePolicy}
  mode: ${mode}
  rules:
  - name: throws
    assert:
      all:
      - check:
          ($error('kaboom')): true
`;
test('failurePolicy Fail: an evaluation error denies with a body that does not say why', async () => {
    const d = await decide(policies(failing('Fail')), request('GET', '/'));
    assert.equal(d.allowed, false);
    assert.equal(d.httpStatus, 403);
    assert.equal(d.denial?.body, 'access denied\n');
    assert.equal(d.reasons[0]?.kind, 'error');
    assert.match(d.reasons[0]?.message ?? '', /kaboom/);
});
test('failurePolicy Ignore, or Audit mode: an evaluation error is logged, not enforced', async () => {
    for (const yaml of [failing('Ignore'), failing('Fail', 'Audit')]) {
        const d = await decide(policies(yaml), request('GET', '/'));
        assert.equal(d.allowed, true);
        assert.deepEqual(d.reasons.map((r) => r.kind), ['error']);
    }
});
test('a decision past its deadline is an evaluation error of the policies left', async () => {
    const d = await decide(policies(writes()), request('DELETE', '/'), { deadline: past() });
    assert.equal(d.allowed, false);
    assert.equal(d.denial?.body, 'access denied\n');
    assert.match(d.reasons[0]?.message ?? '', /deadline/);
});
const shaping = `
apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: shape }
spec:
  context:
  - name: user
    variable: ($split(request.http.headers.\`x-user\`, ':')[0])
  rules:
  - name: any
    assert: { all: [ { check: { request: {} } } ] }
  allow:
    request:
      headers:
        set: { x-user-id: ($user), x-count: (3), x-missing: (request.http.nothing), x-static: yes }
        append:
          x-tags: ("a," & $user)
        remove: [authorization]
      query:
        set: { user: ($user) }
        remove: [debug]
    response:
      headers:
        set: { x-served-for: ($user) }
        append: { set-cookie: seen=1 }
    metadata:
      user: { id: ($user), roles: [reader, ($user)] }
`;
test('an allowed request gets the computed upstream headers, query, response headers and metadata', async () => {
    const d = await decide(policies(shaping), request('GET', '/', { 'x-user': 'ann:admin' }));
    assert.equal(d.allowed, true);
    assert.deepEqual(d.upstream.set, [
        { name: 'x-user-id', value: 'ann' },
        { name: 'x-count', value: '3' },
        { name: 'x-static', value: 'yes' },
    ]);
    assert.deepEqual(d.upstream.append, [{ name: 'x-tags', value: 'a,ann' }]);
    assert.deepEqual(d.upstream.remove, ['authorization']);
    assert.deepEqual(d.upstream.setQuery, [{ name: 'user', value: 'ann' }]);
    assert.deepEqual(d.upstream.removeQuery, ['debug']);
    assert.deepEqual(d.responseHeaders, [
        { name: 'x-served-for', value: 'ann', append: false },
        { name: 'set-cookie', value: 'seen=1', append: true },
    ]);
    assert.deepEqual(d.metadata, { user: { id: 'ann', roles: ['reader', 'ann'] } });
});
test('an error while shaping an allowed request is decided by failurePolicy', async () => {
    const broken = shaping.replace('x-static: yes', "x-static: ($error('no'))");
    const denied = await decide(policies(broken), request('GET', '/', { 'x-user': 'ann' }));
    assert.equal(denied.allowed, false);
    assert.equal(denied.denial?.body, 'access denied\n');
    const ignored = await decide(policies(broken.replace('spec:\n', 'spec:\n  failurePolicy: Ignore\n')), request('GET', '/', { 'x-user': 'ann' }));
    assert.equal(ignored.allowed, true);
    assert.deepEqual(ignored.upstream.set, []);
    assert.match(ignored.reasons[0]?.message ?? '', /allow shaping failed/);
});
test('a kyverno-json ValidatingPolicy runs unchanged, JMESPath by default', async () => {
    const compiled = policies(`
apiVersion: json.kyverno.io/v1alpha1
kind: ValidatingPolicy
metadata: { name: kj }
spec:
  rules:
  - name: get-only
    assert:
      all:
      - message: only GET
        check:
          request: { http: { (to_upper(method)): GET } }
`);
    assert.equal(compiled[0]?.failurePolicy, 'Fail');
    assert.deepEqual(compiled[0]?.targetRefs, []);
    assert.equal((await decide(compiled, request('get', '/'))).allowed, true);
    assert.equal((await decide(compiled, request('POST', '/'))).denial?.body, 'only GET\n');
});
//# sourceMappingURL=decision.test.js.map