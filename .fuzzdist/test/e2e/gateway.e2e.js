// The books example through a real Envoy Gateway and a real Envoy: what a client sees,
// which listeners carry kgate's filter, live policy changes and a kgate restart.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Stack, until } from './support/stack.js';
import { booksPolicy, gateway } from './support/resources.js';
import { send as sendThrough } from './support/client.js';
let stack;
before(async () => {
    stack = await Stack.start({ resources: (p) => ({ 'gateway.yaml': gateway(p, ['a', 'b']), 'policy.yaml': booksPolicy('a') }) });
    await until('the kgate filter on listener a', async () => (await send(0, 'POST', 'guest')).status === 403 || undefined);
    await until('listener b', async () => (await send(1, 'GET', 'guest')).status === 200 || undefined);
});
after(async () => {
    await stack?.stop();
});
function send(listener, method, token, path = '/book') {
    return sendThrough(stack, method, { listener, path, ...(token ? { token } : {}) });
}
function echoed(body) {
    return JSON.parse(body);
}
/** The HTTP filter names of the HCMs of the Envoy listener bound to a port. */
async function filtersOn(port) {
    return (await stack.httpFilters(port)).map((chain) => chain.map((h) => h.name));
}
describe('books through Envoy Gateway', () => {
    test('admin POST reaches the backend with the allow-shaped headers', async () => {
        const r = await send(0, 'POST', 'admin');
        assert.equal(r.status, 200);
        assert.equal(r.headers.get('x-echo'), 'kgate-e2e');
        const e = echoed(r.body);
        assert.equal(e.method, 'POST');
        assert.equal(e.body, '{"title":"x"}');
        assert.equal(e.headers['x-books-role'], 'admin');
        assert.equal(e.headers.authorization, undefined, 'the policy removes the token upstream');
    });
    test("guest POST gets the rule's denial", async () => {
        const r = await send(0, 'POST', 'guest');
        assert.equal(r.status, 403);
        assert.equal(r.headers.get('x-echo'), null);
        assert.match(r.body, /POST method calls at path \/book are not allowed to guests users/);
    });
    test('guest GET passes', async () => {
        const r = await send(0, 'GET', 'guest');
        assert.equal(r.status, 200);
        assert.equal(echoed(r.body).headers['x-books-role'], 'guest');
    });
    test('a missing token gets the 401 the rule shapes', async () => {
        const r = await send(0, 'GET');
        assert.equal(r.status, 401);
        assert.equal(r.headers.get('www-authenticate'), 'Bearer realm="books"');
        assert.equal(r.body, 'a bearer token is required\n');
    });
    test('a forged token is denied (evaluation error, failurePolicy Fail)', async () => {
        const r = await send(0, 'GET', 'forged');
        assert.equal(r.status, 403);
        assert.equal(r.body, 'access denied\n');
    });
});
describe('scope in Envoy', () => {
    test('a sectionName policy changes only its listener', async () => {
        assert.equal((await send(1, 'POST', 'guest')).status, 200);
        assert.deepEqual((await filtersOn(stack.ports.listeners[1])).flat().filter((n) => n.startsWith('kgate')), []);
        assert.equal((await filtersOn(stack.ports.listeners[0])).flat().filter((n) => n === 'kgate.ext_authz').length, 1);
    });
    test('the readiness listener never has the filter', async () => {
        const ready = (await filtersOn('ready')).flat();
        assert.ok(ready.length > 0, 'the readiness listener has an HCM');
        assert.ok(!ready.some((n) => n.startsWith('kgate')), `readiness filters: ${ready.join(', ')}`);
    });
});
describe('live changes', () => {
    test('a Gateway-wide policy reaches every listener, and no request fails during the swap', async () => {
        let stop = false;
        const failures = [];
        let sent = 0;
        const load = (async () => {
            while (!stop) {
                const s = (await send(0, 'GET', 'admin')).status;
                sent++;
                if (s !== 200)
                    failures.push(s);
            }
        })();
        stack.writeResource('policy.yaml', booksPolicy());
        await until('listener b to enforce', async () => (await send(1, 'POST', 'guest')).status === 403 || undefined, 20_000);
        stop = true;
        await load;
        assert.deepEqual(failures, [], `${failures.length} of ${sent} requests failed during the swap`);
        assert.equal((await filtersOn(stack.ports.listeners[1])).flat().filter((n) => n === 'kgate.ext_authz').length, 1);
    });
    test('a broken policy is logged with its name and field path; the last good one keeps deciding', async () => {
        const broken = booksPolicy().replace('($token.payload.role): admin', '($token.payload.role ~> ): admin');
        assert.notEqual(broken, booksPolicy());
        stack.writeResource('policy.yaml', broken);
        const line = await until("the refusal in kgate's log", async () => stack
            .kgateLog()
            .split('\n')
            .find((l) => l.includes('default/books') && /"path":"[^"]*rules/.test(l)), 20_000);
        assert.match(line, /"level":(40|50)/);
        assert.equal((await send(0, 'POST', 'guest')).status, 403);
        assert.equal((await send(1, 'POST', 'guest')).status, 403);
        assert.equal((await send(0, 'POST', 'admin')).status, 200);
        stack.writeResource('policy.yaml', booksPolicy());
    });
});
describe('kgate restarted while Envoy Gateway and Envoy run', () => {
    test('the outage follows the failure mode; enforcement resumes from the hook state file', async () => {
        // EG's last word before the restart is a broken version: the state file must keep the good one.
        const refusals = () => stack
            .kgateLog()
            .split('\n')
            .filter((l) => l.includes('"msg":"policy refused"'));
        const seen = refusals().length;
        stack.writeResource('policy.yaml', booksPolicy().replace('($token.payload.role): admin', '($token.payload.role +): admin'));
        assert.match(await until('the refusal', async () => refusals().slice(seen).at(0), 20_000), /"lastValidInForce":true/);
        await stack.stopKgate();
        const down = await send(0, 'GET', 'admin');
        assert.equal(down.status, 403, 'failure_mode_allow is false and status_on_error 403: closed');
        const hookCalls = () => stack
            .kgateLog()
            .split('\n')
            .filter((l) => l.includes('"msg":"PostHTTPListenerModify"')).length;
        const before = hookCalls();
        await stack.startKgate();
        await until('enforcement after the restart', async () => (await send(0, 'GET', 'admin')).status === 200 || undefined, 15_000);
        assert.equal((await send(0, 'POST', 'guest')).status, 403);
        assert.equal((await send(1, 'POST', 'guest')).status, 403);
        assert.equal(hookCalls(), before, 'EG did not call the hook again');
    });
});
describe('policy deleted', () => {
    test('the filter and the policy are gone', async () => {
        stack.removeResource('policy.yaml');
        await until('listener a to stop enforcing', async () => (await send(0, 'POST', 'guest')).status === 200 || undefined, 20_000);
        assert.equal((await send(1, 'POST', 'guest')).status, 200);
        await until('the filter to leave Envoy', async () => ((await filtersOn(stack.ports.listeners[0])).flat().some((n) => n.startsWith('kgate')) ? undefined : true), 20_000);
    });
});
//# sourceMappingURL=gateway.e2e.js.map