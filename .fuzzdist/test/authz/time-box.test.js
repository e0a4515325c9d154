// The decision time box: a decision still running when it expires is an
// evaluation error, answered by the failurePolicy of the policies in scope.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GUEST_TOKEN, envoyCheck, grpcCheck, httpRequest, startInProcess, tempDir, writeFiles } from './support/server.js';
const verifying = (name, failurePolicy) => `apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: ${name}, namespace: default }
spec:
  targetRefs: [{ group: gateway.networking.k8s.io, kind: Gateway, name: ${name} }]
  failurePolicy: ${failurePolicy}
  rules:
  - name: verified
    assert:
      all:
      - check:
          "($jwtVerify($split(request.http.headers.authorization, ' ')[1], {'jwksUri': 'https://issuer.example.com/jwks.json'}).sub)": alice
`;
/** A key set fetch that never answers: only the server's own time box can end the decision. */
const hanging = { jwks: () => new Promise(() => undefined), file: () => new Promise(() => undefined) };
describe('kgate server: the decision time box', () => {
    it('denies (failurePolicy Fail) or allows (Ignore) a decision that outlives the time box, and keeps serving', async () => {
        const dir = tempDir('time-box');
        writeFiles(dir, { 'strict.yaml': verifying('strict', 'Fail'), 'lenient.yaml': verifying('lenient', 'Ignore') });
        const s = await startInProcess({ policyPaths: [dir], keys: hanging, decisionTimeoutMs: 30 });
        try {
            const check = (gateway, id) => grpcCheck(s.addresses.grpc, envoyCheck('GET', '/book', GUEST_TOKEN, { 'x-request-id': id }), { 'x-kgate-sections': `default/${gateway}/http` });
            const strict = await check('strict', 'strict-1');
            assert.equal(strict.status?.code, 7);
            assert.equal(strict.httpResponse.case, 'deniedResponse');
            assert.deepEqual([strict.httpResponse.value?.status?.code, strict.httpResponse.value?.body], [403, 'access denied\n'], 'the client is not told why');
            assert.equal((await check('lenient', 'lenient-1')).status?.code, 0);
            const line = s.logs.find('decision', { requestId: 'strict-1' });
            const reasons = line?.reasons;
            assert.equal(reasons[0]?.kind, 'error');
            assert.match(reasons[0].message, /time box of 30 ms/);
            const metrics = (await httpRequest(s.addresses.admin, { path: '/metrics' })).body;
            assert.match(metrics, /^kgate_checks_total\{protocol="grpc",result="error"\} 2$/m);
            assert.equal((await check('other', 'other-1')).status?.code, 0, 'no policy in scope: still serving');
        }
        finally {
            await s.server.close();
        }
    });
    it('never honours a decision whose synchronous evaluation finished after the deadline', async () => {
        // One JMESPath search runs synchronously to its end (2,000 joins of 2,000
        // strings): only a check after it can see that the deadline passed.
        const words = JSON.stringify(Array.from({ length: 2000 }, (_, i) => `w${i}`));
        const heavy = `(length(map(&join('','', \`${words}\`), \`${words}\`)) > \`0\`)`;
        const slow = (name, failurePolicy) => `apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: ${name} }
spec:
  compiler: jp
  failurePolicy: ${failurePolicy}
  rules:
  - name: heavy
    assert:
      all:
      - check:
          ? '${heavy}'
          : true
`;
        for (const [failurePolicy, code] of [
            ['Fail', 7],
            ['Ignore', 0],
        ]) {
            const dir = tempDir('late');
            writeFiles(dir, { 'slow.yaml': slow('slow', failurePolicy) });
            const s = await startInProcess({ policyPaths: [dir], decisionTimeoutMs: 2 });
            try {
                const reply = await grpcCheck(s.addresses.grpc, envoyCheck('GET', '/book', undefined, { 'x-request-id': `late-${failurePolicy}` }));
                assert.equal(reply.status?.code, code);
                const reasons = s.logs.find('decision', { requestId: `late-${failurePolicy}` })?.reasons;
                assert.equal(reasons?.[0]?.kind, 'error', 'a late result is an evaluation error');
                assert.match(reasons[0].message, /time box of 2 ms/);
            }
            finally {
                await s.server.close();
            }
        }
    });
});
//# sourceMappingURL=time-box.test.js.map