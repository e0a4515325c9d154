// Route scopes in the policy store: what PostRouteModify sent with an xds route, and
// file policies whose targetRefs name an HTTPRoute or GRPCRoute (or one rule), with the
// specificity each applies at (docs/policy.md, precedence).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TargetRef } from '../../src/engine/policy/policy.js';
import { Specificity } from '../../src/engine/policy/targets.js';
import { parseRoute, withRoute, type CheckScope } from '../../src/policies/scope.js';
import { PolicyStore } from '../../src/policies/store.js';
import { gatewayRef, targeted } from '../authz/support/policies.js';

const routeRef = (name: string, sectionName?: string, kind = 'HTTPRoute'): TargetRef => ({
  group: 'gateway.networking.k8s.io',
  kind,
  name,
  ...(sectionName === undefined ? {} : { sectionName }),
});
const http = { listener: 'default/eg/http', sections: ['default/eg/http'] };
const onRoute = (route: string, key?: string): CheckScope => ({
  ...http,
  route: { ...(key === undefined ? {} : { key }), identity: parseRoute(...(route.split('#') as [string, string?]))! },
});
const selected = (store: PolicyStore, scope: CheckScope | undefined) => {
  const { policies, specificity } = store.selection(scope);
  return policies.map((p) => `${p.id}@${specificity.get(p.id)}`);
};

describe('PolicyStore route scopes', () => {
  it('file policies: Gateway, listener, route and rule targets, least specific first', () => {
    const store = new PolicyStore();
    store.replaceFile('/p/a.yaml', [
      targeted('rule', [routeRef('books', 'write')]),
      targeted('route', [routeRef('books')]),
      targeted('listener', [gatewayRef('eg', 'http')]),
      targeted('gateway', [gatewayRef('eg')]),
      targeted('grpc', [routeRef('books', undefined, 'GRPCRoute')]),
      targeted('other-ns', [routeRef('books')], 'team'),
    ]);
    assert.deepEqual(selected(store, http), ['default/gateway@0', 'default/listener@1']);
    assert.deepEqual(selected(store, onRoute('HTTPRoute/default/books#read')), ['default/gateway@0', 'default/listener@1', 'default/route@2']);
    assert.deepEqual(selected(store, onRoute('HTTPRoute/default/books#write')), [
      'default/gateway@0',
      'default/listener@1',
      'default/route@2',
      'default/rule@3',
    ]);
    assert.deepEqual(selected(store, onRoute('GRPCRoute/default/books')), ['default/gateway@0', 'default/grpc@2', 'default/listener@1'].sort(bySpecificity));
    assert.deepEqual(selected(store, onRoute('HTTPRoute/team/books')), ['default/gateway@0', 'default/listener@1', 'team/other-ns@2']);
  });

  it('route sources apply only to Checks naming that xds route; a rule policy there ranks as a rule', () => {
    const store = new PolicyStore();
    store.replaceListener('default/eg/http', [targeted('gateway', [gatewayRef('eg')])]);
    store.replaceRoute('httproute/default/books/rule/1/match/0/x', [targeted('route', [routeRef('books')]), targeted('rule', [routeRef('books', 'write')])]);
    assert.ok(store.knowsRoute('httproute/default/books/rule/1/match/0/x'));
    assert.ok(!store.knowsRoute('httproute/default/books/rule/0/match/0/x'));
    assert.deepEqual(selected(store, http), ['default/gateway@0'], 'a route without route policies: the Gateway policy alone');
    assert.deepEqual(selected(store, onRoute('HTTPRoute/default/books#write', 'httproute/default/books/rule/1/match/0/x')), [
      'default/gateway@0',
      'default/route@2',
      'default/rule@3',
    ]);
    assert.deepEqual(selected(store, onRoute('HTTPRoute/default/books#read', 'httproute/default/books/rule/0/match/0/x')), ['default/gateway@0']);
    // A route policy never reaches a listener source in EG, and would not count as Gateway-wide there.
    store.replaceListener('default/eg/http', [targeted('stray', [routeRef('books')])]);
    assert.deepEqual(selected(store, http), []);
    store.replaceRoute('httproute/default/books/rule/1/match/0/x', []);
    assert.ok(!store.knowsRoute('httproute/default/books/rule/1/match/0/x'), 'an empty route source is removed');
  });

  it('withRoute reads the context extensions the per-route config sets; anything else leaves the scope alone', () => {
    const scope = withRoute(http, { 'x-kgate-route-key': 'r', 'x-kgate-route': 'HTTPRoute/default/books', 'x-kgate-rule': 'write' });
    assert.deepEqual(scope?.route, { key: 'r', identity: { kind: 'HTTPRoute', namespace: 'default', name: 'books', rule: 'write' } });
    assert.equal(withRoute(http, {}), http);
    assert.equal(withRoute(http, undefined), http);
    assert.deepEqual(withRoute(http, { 'x-kgate-route': 'not/a/route/name' }), http);
    assert.deepEqual(withRoute(undefined, { 'x-kgate-route-key': 'r' }), { sections: [], route: { key: 'r' } });
    assert.equal(Specificity.rule > Specificity.route && Specificity.route > Specificity.listener, true);
  });
});

function bySpecificity(a: string, b: string): number {
  return Number(a.split('@')[1]) - Number(b.split('@')[1]);
}
