// Policies that read what the request carries, through a real Envoy Gateway and Envoy:
// the body (the injected filter buffers it) on listener a, and an RS256 token verified
// against a JWKS the test serves on loopback on listener b.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { after, before, describe, test } from 'node:test';
import { Stack, until } from './support/stack.js';
import { gateway } from './support/resources.js';
const policy = (name, section, rules) => `apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: ${name}, namespace: default }
spec:
  targetRefs: [ { group: gateway.networking.k8s.io, kind: Gateway, name: eg, sectionName: ${section} } ]
  failurePolicy: Fail
  rules:
${rules}`;
const bodyPolicy = policy('orders', 'a', `  - name: paperbacks-only
    match: { any: [ { request: { http: { method: POST } } } ] }
    assert:
      all:
      - message: only paperbacks can be ordered
        check:
          ($body.format): paperback
`);
const issuer = 'https://issuer.kgate-e2e';
const jwksPolicy = (port) => policy('readers', 'b', `  - name: readers
    assert:
      all:
      - message: the reader role is required
        check:
          ($claims.role): reader
`).replace('  rules:\n', `  context:
  - name: claims
    variable: >-
      ($jwtVerify($split(request.http.headers.authorization, ' ')[1], {'jwksUri': 'http://127.0.0.1:${port}/jwks.json', 'issuer': '${issuer}', 'audience': 'books'}))
  rules:\n`);
let stack;
let jwks;
let jwksFetches = 0;
let signingKey;
let otherKey;
before(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const body = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'e2e', alg: 'RS256', use: 'sig' }] });
    jwks = createServer((req, res) => {
        jwksFetches++;
        if (req.url !== '/jwks.json') {
            res.statusCode = 404;
            res.end();
            return;
        }
        res.setHeader('content-type', 'application/json');
        res.end(body);
    });
    await new Promise((ok) => jwks.listen(0, '127.0.0.1', ok));
    const jwksPort = jwks.address().port;
    stack = await Stack.start({
        resources: (p) => ({ 'gateway.yaml': gateway(p, ['a', 'b']), 'orders.yaml': bodyPolicy, 'readers.yaml': jwksPolicy(jwksPort) }),
    });
    await until('the kgate filter on listener a', async () => (await post(0, { format: 'hardcover' })).status === 403 || undefined);
    await until('the kgate filter on listener b', async () => (await get(1)).status === 403 || undefined);
});
after(async () => {
    await stack?.stop();
    await new Promise((r) => jwks?.close(r));
});
function token(claims, key = signingKey, audience = 'books') {
    return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'e2e' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(key);
}
async function get(listener, bearer) {
    const res = await fetch(stack.url(listener, '/book'), bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {});
    return { status: res.status, headers: res.headers, body: await res.text() };
}
async function post(listener, json, headers = {}) {
    const res = await fetch(stack.url(listener, '/order'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(json),
    });
    return { status: res.status, headers: res.headers, body: await res.text() };
}
describe('a policy that reads the request body', () => {
    test('the injected filter buffers the body', async () => {
        const kgate = (await stack.httpFilters(stack.ports.listeners[0])).flat().filter((h) => h.name === 'kgate.ext_authz');
        assert.equal(kgate.length, 1);
        assert.deepEqual(kgate[0].typed_config.with_request_body, { max_request_bytes: 8192, allow_partial_message: true });
    });
    test('a JSON field with the allowed value reaches the backend, body intact', async () => {
        const r = await post(0, { format: 'paperback', title: 'x' });
        assert.equal(r.status, 200);
        const e = JSON.parse(r.body);
        assert.deepEqual(JSON.parse(e.body), { format: 'paperback', title: 'x' });
    });
    test('another value is denied with the rule message', async () => {
        const r = await post(0, { format: 'hardcover', title: 'x' });
        assert.equal(r.status, 403);
        assert.equal(r.headers.get('x-echo'), null);
        assert.match(r.body, /only paperbacks can be ordered/);
    });
    test('a body beyond the 8192 buffered bytes reaches kgate cut short: it does not parse, so denied', async () => {
        const r = await post(0, { format: 'paperback', title: 't'.repeat(10_000) });
        assert.equal(r.status, 403);
        assert.match(r.body, /only paperbacks can be ordered/);
    });
    test('a GET without a body is not asked about the body', async () => {
        const r = await fetch(stack.url(0, '/order'));
        assert.equal(r.status, 200);
    });
});
describe('an RS256 token verified against a JWKS on loopback', () => {
    test('a reader token signed by the published key reaches the backend', async () => {
        const r = await get(1, await token({ role: 'reader' }));
        assert.equal(r.status, 200);
        assert.equal(r.headers.get('x-echo'), 'kgate-e2e');
        assert.ok(jwksFetches >= 1, 'kgate fetched the JWKS from its URL');
    });
    test('another role is denied with the rule message', async () => {
        const r = await get(1, await token({ role: 'writer' }));
        assert.equal(r.status, 403);
        assert.match(r.body, /the reader role is required/);
    });
    test('a token signed by another key, the wrong audience, or no token: an evaluation error, denied', async () => {
        for (const bearer of [await token({ role: 'reader' }, otherKey), await token({ role: 'reader' }, signingKey, 'other'), undefined]) {
            const r = await get(1, bearer);
            assert.equal(r.status, 403);
            assert.equal(r.headers.get('x-echo'), null);
            assert.doesNotMatch(r.body, /reader role/);
        }
    });
    test('the key set is cached: many requests, few fetches', async () => {
        const seen = jwksFetches;
        const t = await token({ role: 'reader' });
        for (let i = 0; i < 20; i++)
            assert.equal((await get(1, t)).status, 200);
        assert.ok(jwksFetches - seen <= 1, `${jwksFetches - seen} fetches for 20 requests`);
    });
    test('listener a is not decided by the token policy, nor b by the body policy', async () => {
        assert.equal((await get(0)).status, 200);
        assert.equal((await post(1, { format: 'hardcover' }, { authorization: `Bearer ${await token({ role: 'reader' })}` })).status, 200);
    });
});
//# sourceMappingURL=request-content.e2e.js.map