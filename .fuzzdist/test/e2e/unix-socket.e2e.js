// kgate on a Unix socket: Envoy Gateway calls the hooks over it (extensionManager
// `service.unix`) and Envoy sends its Checks over it (`--ext-authz-address unix:///...`).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Stack, until } from './support/stack.js';
import { booksPolicy, gateway } from './support/resources.js';
import { send as sendThrough } from './support/client.js';
let stack;
before(async () => {
    stack = await Stack.start({ unixSocket: true, resources: (p) => ({ 'gateway.yaml': gateway(p, ['a']), 'books.yaml': booksPolicy() }) });
    await until('the kgate filter', async () => (await send('POST', 'guest')).status === 403 || undefined);
});
after(async () => {
    await stack?.stop();
});
function send(method, token) {
    return sendThrough(stack, method, { token });
}
test('the injected cluster reaches kgate at its socket path', async () => {
    const dump = JSON.stringify(await stack.configDump());
    assert.ok(dump.includes(`"path":"${stack.grpcAddress().slice('unix://'.length)}"`), "a pipe address to kgate's socket in Envoy's config");
});
test('books decides over the socket: admin POST allowed, guest POST denied, guest GET allowed', async () => {
    const admin = await send('POST', 'admin');
    assert.equal(admin.status, 200);
    assert.equal(JSON.parse(admin.body).headers['x-books-role'], 'admin');
    const guest = await send('POST', 'guest');
    assert.equal(guest.status, 403);
    assert.match(guest.body, /not allowed to guests users/);
    assert.equal((await send('GET', 'guest')).status, 200);
});
//# sourceMappingURL=unix-socket.e2e.js.map