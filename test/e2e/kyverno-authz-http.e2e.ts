// A Kyverno Authz HTTP mode policy through a real Envoy Gateway and Envoy: EG's
// extAuth.http (Envoy's plain-HTTP ext_authz protocol) asks kgate's HTTP port
// on listener b; extAuth.grpc asks its gRPC port on listener a, where HTTP
// mode policies do not apply (as on Kyverno Authz's gRPC server).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tempDir } from '../authz/support/server.js';
import { send } from './support/client.js';
import { extAuthPolicy, gateway, kgateBackend } from './support/resources.js';
import { Stack, until } from './support/stack.js';

// The reason names what the policy saw, so the test reads the http.CheckRequest Envoy's request became.
const POLICY = `apiVersion: policies.kyverno.io/v1
kind: ValidatingPolicy
metadata: { name: http-books }
spec:
  evaluation: { mode: HTTP }
  validations:
  - expression: >
      object.attributes.Header("authorization").exists(v, v.startsWith("Bearer ")) && object.attributes.method == "GET"
        ? http.Allowed().Response()
        : http.Denied(object.attributes.method + " " + object.attributes.path + " q=" + object.attributes.QueryParam("q").join(",")
            + " auth=" + string(size(object.attributes.Header("Authorization")))).Response()
`;

let stack: Stack;
before(async () => {
  const dir = tempDir('e2e-http-mode');
  const policy = join(dir, 'policy.yaml');
  writeFileSync(policy, POLICY);
  stack = await Stack.start({
    resources: (p) => ({
      'gateway.yaml': gateway(p, ['a', 'b']),
      'kgate.yaml': `${kgateBackend('kgate-grpc', { port: p.grpc })}---\n${kgateBackend('kgate-http', { port: p.http })}`,
      'ext-auth.yaml': `${extAuthPolicy('echo-a', 'grpc', 'kgate-grpc')}---\n${extAuthPolicy('echo-b', 'http', 'kgate-http')}`,
    }),
    kgateArgs: () => ['--policy', policy],
  });
  await until("EG's ext_authz on route echo-b", async () => (await send(stack, 'POST', { listener: 1, token: 'guest' })).status === 403 || undefined);
});
after(async () => {
  await stack?.stop();
});

describe('HTTP mode through Envoy', () => {
  test('a GET with a bearer token reaches the backend', async () => {
    const r = await send(stack, 'GET', { listener: 1, token: 'admin' });
    assert.equal(r.status, 200, r.body);
    assert.equal(r.headers.get('x-echo'), 'kgate-e2e');
  });

  test('a denial is 403 with the reason: method, decoded path without the query, query list, the header in any case', async () => {
    const r = await send(stack, 'POST', { listener: 1, token: 'guest', path: '/a%20b?q=1&q=2' });
    assert.equal(r.status, 403);
    assert.equal(r.body, 'POST /a b q=1,2 auth=1');
    assert.equal(r.headers.get('x-echo'), null);
  });

  test('no token: denied', async () => {
    const r = await send(stack, 'GET', { listener: 1 });
    assert.equal(r.status, 403);
    assert.equal(r.body, 'GET /book q= auth=0');
  });

  test('over gRPC the HTTP mode policy does not apply', async () => {
    const r = await send(stack, 'POST', { listener: 0 });
    assert.equal(r.status, 200, r.body);
  });
});
