// The decision time box: a decision still running when it expires is an
// evaluation error, answered by the failurePolicy of the policies in scope.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KeyResolver } from '../../src/engine/types.js';
import { GUEST_TOKEN, envoyCheck, grpcCheck, httpRequest, startInProcess, tempDir, writeFiles } from './support/server.js';

const verifying = (name: string, failurePolicy: string) => `apiVersion: kgate.dev/v1alpha1
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
const hanging: KeyResolver = { jwks: () => new Promise(() => undefined), file: () => new Promise(() => undefined) };

describe('kgate server: the decision time box', () => {
  it('denies (failurePolicy Fail) or allows (Ignore) a decision that outlives the time box, and keeps serving', async () => {
    const dir = tempDir('time-box');
    writeFiles(dir, { 'strict.yaml': verifying('strict', 'Fail'), 'lenient.yaml': verifying('lenient', 'Ignore') });
    const s = await startInProcess({ policyPaths: [dir], keys: hanging, decisionTimeoutMs: 30 });
    try {
      const check = (gateway: string, id: string) =>
        grpcCheck(s.addresses.grpc!, envoyCheck('GET', '/book', GUEST_TOKEN, { 'x-request-id': id }), { 'x-kgate-sections': `default/${gateway}/http` });
      const strict = await check('strict', 'strict-1');
      assert.equal(strict.status?.code, 7);
      assert.equal(strict.httpResponse.case, 'deniedResponse');
      assert.deepEqual([strict.httpResponse.value?.status?.code, strict.httpResponse.value?.body], [403, 'access denied\n'], 'the client is not told why');
      assert.equal((await check('lenient', 'lenient-1')).status?.code, 0);

      const line = s.logs.find('decision', { requestId: 'strict-1' });
      const reasons = line?.reasons as { kind: string; message: string }[];
      assert.equal(reasons[0]?.kind, 'error');
      assert.match(reasons[0]!.message, /time box of 30 ms/);
      const metrics = (await httpRequest(s.addresses.admin!, { path: '/metrics' })).body;
      assert.match(metrics, /^kgate_checks_total\{protocol="grpc",result="error"\} 2$/m);
      assert.equal((await check('other', 'other-1')).status?.code, 0, 'no policy in scope: still serving');
    } finally {
      await s.server.close();
    }
  });
});
