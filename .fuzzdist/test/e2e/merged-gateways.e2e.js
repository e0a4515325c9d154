// Two Gateways merged into one Envoy (mergeGateways on the GatewayClass's EnvoyProxy), each
// with its own policy: `eg` the books policy, `shop` a read-only one. Neither policy ever
// decides the other Gateway's requests.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Stack, until } from './support/stack.js';
import { booksPolicy, gateway, otherGateway } from './support/resources.js';
import { send as sendThrough } from './support/client.js';
const readOnly = `apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: read-only, namespace: default }
spec:
  targetRefs: [ { group: gateway.networking.k8s.io, kind: Gateway, name: shop } ]
  rules:
  - name: no-writes
    assert:
      all:
      - message: the shop is read-only
        check:
          request: { http: { method: GET } }
`;
let stack;
before(async () => {
    stack = await Stack.start({
        mergeGateways: true,
        resources: (p) => ({ 'gateway.yaml': gateway(p, ['a']), 'shop.yaml': otherGateway(p, 'shop', 1), 'books.yaml': booksPolicy(), 'read-only.yaml': readOnly }),
    });
    await until('books on eg', async () => (await send(0, 'POST', 'guest')).status === 403 || undefined);
    await until('read-only on shop', async () => (await send(1, 'POST', 'admin')).status === 403 || undefined);
});
after(async () => {
    await stack?.stop();
});
function send(listener, method, token) {
    return sendThrough(stack, method, { listener, ...(token ? { token } : {}) });
}
test('one Envoy serves both Gateways', async () => {
    assert.equal(readdirSync(join(stack.dir, 'home/run')).length, 1, 'EG started one Envoy');
    for (const port of stack.ports.listeners.slice(0, 2)) {
        assert.equal((await stack.httpFilters(port)).flat().filter((h) => h.name === 'kgate.ext_authz').length, 1);
    }
});
test("eg: books decides, the shop's read-only policy does not", async () => {
    assert.equal((await send(0, 'POST', 'admin')).status, 200);
    const guest = await send(0, 'POST', 'guest');
    assert.equal(guest.status, 403);
    assert.match(guest.body, /not allowed to guests users/);
    assert.equal((await send(0, 'GET')).status, 401);
});
test('shop: read-only decides, books does not', async () => {
    assert.equal((await send(1, 'GET')).status, 200, 'no token needed on shop');
    const admin = await send(1, 'POST', 'admin');
    assert.equal(admin.status, 403);
    assert.match(admin.body, /the shop is read-only/);
});
//# sourceMappingURL=merged-gateways.e2e.js.map