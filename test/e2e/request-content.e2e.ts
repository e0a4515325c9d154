// Policies that read what the request carries, through a real Envoy Gateway and Envoy:
// the body (the injected filter buffers it) on listener a.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Stack, until } from './support/stack.js';
import { gateway } from './support/resources.js';
import type { Echoed } from './support/echo.js';

const policy = (name: string, section: string, rules: string) => `apiVersion: kgate.dev/v1alpha1
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

let stack: Stack;

before(async () => {
  stack = await Stack.start({ resources: (p) => ({ 'gateway.yaml': gateway(p, ['a']), 'orders.yaml': bodyPolicy }) });
  await until('the kgate filter on listener a', async () => ((await post(0, { format: 'hardcover' })).status === 403) || undefined);
});
after(async () => { await stack?.stop(); });

async function post(listener: number, json: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(stack.url(listener, '/order'), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(json) });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

describe('a policy that reads the request body', () => {
  test('the injected filter buffers the body', async () => {
    const kgate = (await stack.httpFilters(stack.ports.listeners[0]!)).flat().filter((h) => h.name === 'kgate.ext_authz');
    assert.equal(kgate.length, 1);
    assert.deepEqual(kgate[0]!.typed_config.with_request_body, { max_request_bytes: 8192, allow_partial_message: true });
  });
  test('a JSON field with the allowed value reaches the backend, body intact', async () => {
    const r = await post(0, { format: 'paperback', title: 'x' });
    assert.equal(r.status, 200);
    const e = JSON.parse(r.body) as Echoed;
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
