// Bad input through the real Envoy Gateway and Envoy: each has a documented outcome
// (docs/envoy-gateway.md), nothing crashes, and the books policy keeps deciding.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Stack, until } from './support/stack.js';
import { booksPolicy, gateway, tokens } from './support/resources.js';
let stack;
before(async () => {
    stack = await Stack.start({ resources: (p) => ({ 'gateway.yaml': gateway(p, ['a']), 'books.yaml': booksPolicy() }) });
    await until('the kgate filter', async () => (await send('POST', 'guest')).status === 403 || undefined);
});
after(async () => {
    await stack?.stop();
});
async function send(method, token, init = {}) {
    const res = await fetch(stack.url(0, '/book'), {
        method,
        headers: { authorization: `Bearer ${tokens[token]}`, ...init.headers },
        ...(init.body !== undefined ? { body: init.body } : {}),
    });
    return { status: res.status, body: await res.text() };
}
async function booksStillDecides() {
    assert.equal((await send('POST', 'guest')).status, 403);
    assert.equal((await send('POST', 'admin')).status, 200);
    assert.equal((await send('GET', 'guest')).status, 200);
}
const other = (name, spec) => `apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: ${name}, namespace: default }
spec:
${spec}`;
test('a policy with an unknown field is refused by name and field path; books keeps deciding', async () => {
    stack.writeResource('unknown.yaml', other('unknown-fields', `  targetRefs: [ { group: gateway.networking.k8s.io, kind: Gateway, name: eg } ]
  rulez: [ { name: typo } ]
  rules:
  - name: deny-all
    assert: { all: [ { check: { (\`false\`): true } } ] }
`));
    const line = await until('the refusal', async () => stack
        .kgateLog()
        .split('\n')
        .find((l) => l.includes('default/unknown-fields') && l.includes('"policy refused"')), 20_000);
    assert.match(line, /"path":"spec\.rulez"/);
    await booksStillDecides();
    stack.removeResource('unknown.yaml');
});
test('a policy that targets a Gateway that does not exist never reaches a listener', async () => {
    stack.writeResource('nowhere.yaml', other('nowhere', `  targetRefs: [ { group: gateway.networking.k8s.io, kind: Gateway, name: no-such-gateway } ]
  rules:
  - name: deny-all
    assert: { all: [ { check: { (\`false\`): true } } ] }
`));
    // EG resolves targets: a translation happens (the file changed), the policy is not attached.
    const calls = () => stack
        .kgateLog()
        .split('\n')
        .filter((l) => l.includes('"listener":"default/eg/a"') && l.includes('"msg":"PostHTTPListenerModify"'));
    const seen = calls().length;
    await until('a translation after the change', async () => calls().length > seen || undefined, 20_000);
    assert.ok(!calls().some((l) => l.includes('default/nowhere')), 'the policy was never sent with the listener');
    await booksStillDecides();
    stack.removeResource('nowhere.yaml');
});
test('a 64 KiB request header is refused by Envoy with 431 before any Check', async () => {
    const r = await send('GET', 'admin', { headers: { 'x-big': 'a'.repeat(64 * 1024) } });
    assert.equal(r.status, 431);
    await booksStillDecides();
});
test('a 5 MiB body: no policy reads bodies, so it is not buffered; allowed and denied as usual', async () => {
    const body = 'b'.repeat(5 * 1024 * 1024);
    const allowed = await send('POST', 'admin', { body });
    assert.equal(allowed.status, 200);
    assert.equal(JSON.parse(allowed.body).body.length, body.length);
    const denied = await send('POST', 'guest', { body });
    assert.equal(denied.status, 403);
    await booksStillDecides();
});
//# sourceMappingURL=bad-input.e2e.js.map