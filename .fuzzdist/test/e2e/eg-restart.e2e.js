// Envoy Gateway unavailable or restarted while kgate runs. Frozen, EG leaves its Envoy
// running on the config it has: kgate keeps deciding. In standalone host mode EG runs Envoy as its
// child (func-e, Pdeathsig SIGKILL): Envoy goes down with EG, so no request passes
// unchecked during the outage; the EG that comes back starts a new Envoy, calls kgate's
// hooks again, and the same kgate process enforces the same policy.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Stack, until } from './support/stack.js';
import { booksPolicy, gateway } from './support/resources.js';
import { send as sendThrough } from './support/client.js';
let stack;
before(async () => {
    stack = await Stack.start({ resources: (p) => ({ 'gateway.yaml': gateway(p, ['a']), 'books.yaml': booksPolicy() }) });
    await until('the kgate filter', async () => (await send('POST', 'guest')).status === 403 || undefined);
});
after(async () => {
    await stack?.stop();
});
function send(method, token) {
    return sendThrough(stack, method, { token });
}
const hookCalls = () => stack
    .kgateLog()
    .split('\n')
    .filter((l) => l.includes('"msg":"PostHTTPListenerModify"')).length;
test('EG frozen (SIGSTOP): Envoy keeps its config and kgate keeps deciding; thawed, all continues', async () => {
    stack.signalEg('SIGSTOP');
    try {
        const end = Date.now() + 3000;
        let sent = 0;
        while (Date.now() < end) {
            assert.equal((await send('POST', 'guest')).status, 403);
            assert.equal((await send('POST', 'admin')).status, 200);
            sent++;
            await new Promise((r) => setTimeout(r, 50));
        }
        assert.ok(sent > 5);
    }
    finally {
        stack.signalEg('SIGCONT');
    }
    assert.equal((await send('GET', 'guest')).status, 200);
});
for (const signal of ['SIGTERM', 'SIGKILL']) {
    test(`EG stopped by ${signal}: its Envoy goes down with it, nothing reaches the backend; EG back: enforcement resumes, kgate untouched`, async () => {
        const echoedBefore = stack.echo.requests();
        assert.equal(await stack.stopEg(signal), true, 'Envoy exited with EG, without our SIGKILL');
        await assert.rejects(send('POST', 'guest'), 'no Envoy listens while EG is down');
        await assert.rejects(send('GET', 'admin'));
        assert.equal(stack.echo.requests(), echoedBefore, 'no request reached the backend during the outage');
        assert.ok((await fetch(`http://127.0.0.1:${stack.ports.admin}/healthz`)).ok, 'kgate keeps running');
        const calls = hookCalls();
        await stack.startEg();
        await until('enforcement after EG is back', async () => (await send('POST', 'guest')).status === 403 || undefined, 20_000);
        assert.ok(hookCalls() > calls, 'the new EG called the hook again');
        assert.equal((await send('POST', 'admin')).status, 200);
        assert.equal((await send('GET', 'guest')).status, 200);
    });
}
//# sourceMappingURL=eg-restart.e2e.js.map