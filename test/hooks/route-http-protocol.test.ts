// Route scope rides gRPC only: Envoy's plain-HTTP ext_authz protocol carries no context
// extensions and no route metadata, so a Check on kgate's HTTP port never names a route.
// Route policies (from the route hook or from a file) then say so loudly, once each, naming
// the policy and its routes, instead of being ignored in silence.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { ROUTE_SCOPE_OVER_HTTP } from '../../src/authz/decide.js';
import { hookConfigFrom } from '../../src/cli/hook-flags.js';
import { createExtensionService, type ExtensionService } from '../../src/hooks/service.js';
import { envoyCheck, grpcCheck, httpRequest, startInProcess, tempDir, writeFiles, type Started } from '../authz/support/server.js';
import { testCompilers } from './support/harness.js';
import { egRoute, policy, routeRequest } from './support/routes.js';

const FILE_POLICY = `apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: file-route, namespace: shop }
spec:
  targetRefs: [ { group: gateway.networking.k8s.io, kind: HTTPRoute, name: cart, sectionName: pay } ]
  rules:
  - name: r
    assert: { all: [ { check: { request: { http: { method: GET } } } } ] }
`;

describe('route policies and the plain-HTTP ext_authz protocol', () => {
  let started: Started;
  let hook: ExtensionService | undefined;
  const warnings = () => started.logs.lines.filter((l) => l.msg === ROUTE_SCOPE_OVER_HTTP);

  before(async () => {
    const dir = tempDir('route-http');
    writeFiles(dir, { 'route.yaml': FILE_POLICY });
    started = await startInProcess({
      policyPaths: [join(dir, 'route.yaml')],
      services: (store) => {
        hook = createExtensionService({ store, compilers: testCompilers, config: hookConfigFrom({}), logger: pino({ level: 'silent' }) });
        return [hook];
      },
    });
  });
  after(async () => {
    await started.server.close();
  });

  it('a gRPC Check says nothing; the first plain-HTTP Check warns once per route policy, naming it and its routes', async () => {
    const name = 'httproute/default/books/rule/0/match/0/www_example_com';
    const hookPolicy = policy(
      'books-route',
      [{ kind: 'HTTPRoute', name: 'books' }],
      [{ name: 'r', assert: { all: [{ check: { request: { http: { method: 'GET' } } } }] } }],
    );
    hook!.routes.get('/envoygateway.extension.EnvoyGatewayExtension/PostRouteModify')!(
      routeRequest(egRoute(name, { namespace: 'default', name: 'books' }), [hookPolicy]),
    );

    await grpcCheck(started.addresses.grpc!, envoyCheck('GET', '/'));
    assert.deepEqual(warnings(), [], 'gRPC Checks can name routes: no warning');

    assert.equal((await httpRequest(started.addresses.http!, { path: '/' })).status, 200);
    const lines = warnings();
    assert.deepEqual(
      lines.map((l) => [l.level, l.policy, l.routes]),
      [
        [40, 'default/books-route', ['HTTPRoute/default/books']],
        [40, 'shop/file-route', ['HTTPRoute/shop/cart/pay']],
      ],
    );
    assert.match(String(lines[0]!.reason), /plain-HTTP port, which carries no route/);

    assert.equal((await httpRequest(started.addresses.http!, { path: '/x' })).status, 200);
    assert.equal(warnings().length, 2, 'once per policy, not per Check');
  });
});
