// The Kyverno Envoy plugin's books policy, verbatim, through a real Envoy Gateway and Envoy:
// kgate serves it from a `--policy` file, and EG's own ext_authz (a SecurityPolicy
// `extAuth.grpc` to a Backend at kgate's gRPC port on listener a, `extAuth.http` to its
// plain-HTTP port on listener b) asks for each decision.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Stack, until } from './support/stack.js';
import { extAuthPolicy, gateway, kgateBackend, tokens } from './support/resources.js';
import { send as sendThrough } from './support/client.js';
const policy = resolve(import.meta.dirname, '../../../examples/books/kyverno-envoy-plugin/policy.yaml');
let stack;
before(async () => {
    stack = await Stack.start({
        resources: (p) => ({
            'gateway.yaml': gateway(p, ['a', 'b']),
            'kgate.yaml': `${kgateBackend('kgate-grpc', { port: p.grpc })}---\n${kgateBackend('kgate-http', { port: p.http })}`,
            'ext-auth.yaml': `${extAuthPolicy('echo-a', 'grpc', 'kgate-grpc')}---\n${extAuthPolicy('echo-b', 'http', 'kgate-http')}`,
        }),
        kgateArgs: () => ['--policy', policy],
    });
    await until("EG's ext_authz on route echo-a", async () => (await send(0, 'POST', 'guest')).status === 403 || undefined);
    await until("EG's ext_authz on route echo-b", async () => (await send(1, 'POST', 'guest')).status === 403 || undefined);
});
after(async () => {
    await stack?.stop();
});
function send(listener, method, token) {
    return sendThrough(stack, method, { listener, ...(token ? { token } : {}) });
}
for (const [listener, protocol] of [
    [0, 'grpc'],
    [1, 'http'],
])
    describe(`the verbatim kyverno-json books policy through a SecurityPolicy extAuth.${protocol}`, () => {
        test('admin POST reaches the backend', async () => {
            const r = await send(listener, 'POST', 'admin');
            assert.equal(r.status, 200);
            assert.equal(r.headers.get('x-echo'), 'kgate-e2e');
            const e = JSON.parse(r.body);
            assert.equal(e.method, 'POST');
            assert.equal(e.body, '{"title":"x"}');
            assert.equal(e.headers.authorization, `Bearer ${tokens.admin}`, 'the kyverno-json policy shapes nothing upstream');
        });
        test("guest POST gets the rule's denial", async () => {
            const r = await send(listener, 'POST', 'guest');
            assert.equal(r.status, 403);
            assert.equal(r.headers.get('x-echo'), null);
            assert.match(r.body, /POST method calls at path \/book are not allowed to guests users/);
        });
        test('guest GET passes', async () => {
            const r = await send(listener, 'GET', 'guest');
            assert.equal(r.status, 200);
            assert.equal(JSON.parse(r.body).method, 'GET');
        });
        test('a missing token is denied', async () => {
            const r = await send(listener, 'GET');
            assert.equal(r.status, 403);
            assert.equal(r.headers.get('x-echo'), null);
        });
        test(`kgate decided them over ${protocol}`, () => {
            const decisions = stack
                .kgateLog()
                .split('\n')
                .filter((l) => l.includes('"msg":"decision"') && l.includes(`"protocol":"${protocol}"`));
            assert.ok(decisions.length >= 4, `${decisions.length} ${protocol} decisions in kgate's log`);
        });
        test('a forged token is denied', async () => {
            const r = await send(listener, 'GET', 'forged');
            assert.equal(r.status, 403);
            assert.equal(r.headers.get('x-echo'), null);
        });
    });
//# sourceMappingURL=kyverno-json.e2e.js.map