// A Check naming its route (the per-route context extensions kgate's route hook writes),
// through kgate serve's real gRPC server: file policies on the Gateway and on the route both
// decide, the route shapes the denial and is the decision log's deciding policy, and a route
// key kgate holds no policies for is UNAVAILABLE.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { envoyCheck, grpcCheck, startInProcess, tempDir, writeFiles } from './support/server.js';

const policy = (name: string, target: string, header: string, status: number) => `apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: ${name}, namespace: default }
spec:
  targetRefs: [ { group: gateway.networking.k8s.io, ${target} } ]
  rules:
  - name: needs-${header}
    assert: { all: [ { message: ${name} needs ${header}, check: { request: { http: { headers: { ${header}: "yes" } } } } } ] }
    deny: { status: ${status} }
`;

describe('kgate server: route scopes', () => {
  it('Gateway and route policies decide together; the route shapes the denial and is logged as deciding', async () => {
    const dir = tempDir('route-scope');
    writeFiles(dir, {
      'gw.yaml': policy('gw', 'kind: Gateway, name: eg', 'x-gw', 401),
      'route.yaml': policy('books', 'kind: HTTPRoute, name: books', 'x-route', 418),
    });
    const s = await startInProcess({ policyPaths: [dir] });
    try {
      const tags = { 'x-kgate-sections': 'default/eg/http' };
      const check = (id: string, extensions: Record<string, string>, headers: Record<string, string> = {}) => {
        const request = envoyCheck('GET', '/books', undefined, { 'x-request-id': id, ...headers });
        return grpcCheck(s.addresses.grpc!, { attributes: { ...request.attributes, contextExtensions: extensions } }, tags);
      };
      const onBooks = { 'x-kgate-route': 'HTTPRoute/default/books' };
      const denied = await check('both', onBooks);
      assert.equal(denied.httpResponse.case === 'deniedResponse' && denied.httpResponse.value.status?.code, 418);
      const line = s.logs.find('decision', { requestId: 'both' });
      assert.equal(line?.policy, 'default/books', 'the deciding policy is the route one');
      assert.deepEqual(line?.policies, ['default/gw', 'default/books'], 'least specific first');
      const offRoute = await check('off', {});
      assert.equal(offRoute.httpResponse.case === 'deniedResponse' && offRoute.httpResponse.value.status?.code, 401, 'another route: the Gateway policy alone');
      assert.equal((await check('ok', onBooks, { 'x-gw': 'yes', 'x-route': 'yes' })).status?.code ?? 0, 0);
      await assert.rejects(
        check('unknown', { ...onBooks, 'x-kgate-route-key': 'httproute/default/books/rule/0/match/0/x' }),
        /no policies known for xds route/,
      );
    } finally {
      await s.server.close();
    }
  });
});
