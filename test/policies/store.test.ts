import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PolicyStore } from '../../src/policies/store.js';
import type { CheckScope } from '../../src/policies/scope.js';
import { gatewayRef, targeted } from '../authz/support/policies.js';

const ids = (store: PolicyStore, scope: CheckScope | undefined) => store.forScope(scope).map((p) => p.id);
const scope = (listener: string, ...sections: string[]): CheckScope => ({ listener, sections });

describe('PolicyStore.forScope', () => {
  it('applies policies without targetRefs to every Check, tagged or not', () => {
    const store = new PolicyStore();
    store.replaceFile('/p/all.yaml', [targeted('all')]);
    assert.deepEqual(ids(store, undefined), ['default/all']);
    assert.deepEqual(ids(store, scope('default/eg/http', 'default/eg/http')), ['default/all']);
  });

  it('applies file policies with targets to Checks whose sections belong to the Gateway (and listener)', () => {
    const store = new PolicyStore();
    store.replaceFile('/p/a.yaml', [
      targeted('eg-wide', [gatewayRef('eg')]),
      targeted('eg-https', [gatewayRef('eg', 'https')]),
      targeted('other-ns', [gatewayRef('eg')], 'team'),
    ]);
    assert.deepEqual(ids(store, undefined), []);
    assert.deepEqual(ids(store, scope('default/eg/http', 'default/eg/http')), ['default/eg-wide']);
    // Least specific first (docs/policy.md, precedence): the Gateway, then the listener.
    assert.deepEqual(ids(store, scope('default/eg/https', 'default/eg/https')), ['default/eg-wide', 'default/eg-https']);
    assert.deepEqual(ids(store, scope('x', 'default/other/http')), []);
    assert.deepEqual(ids(store, scope('x', 'team/eg/http')), ['team/other-ns']);
  });

  it('applies hook policies only to Checks tagged with their xds listener, sections filtering sectionName targets', () => {
    const store = new PolicyStore();
    store.replaceListener('default/eg/http', [targeted('wide', [gatewayRef('eg')]), targeted('api', [gatewayRef('eg', 'api')])]);
    assert.deepEqual(ids(store, scope('default/eg/http', 'default/eg/http')), ['default/wide']);
    assert.deepEqual(ids(store, scope('default/eg/http', 'default/eg/http', 'default/eg/api')), ['default/wide', 'default/api']);
    assert.deepEqual(ids(store, scope('default/eg/other')), []);
    assert.deepEqual(ids(store, undefined), []);
  });

  it('merged Gateways: a hook policy on a whole Gateway decides only Checks whose sections are of that Gateway', () => {
    // EG sends every merged Gateway's policies with each of their listeners.
    const store = new PolicyStore();
    const both = [targeted('books', [gatewayRef('eg')]), targeted('read-only', [gatewayRef('shop')])];
    store.replaceListener('default/eg/a', both);
    store.replaceListener('default/shop/http', both);
    assert.deepEqual(ids(store, scope('default/eg/a', 'default/eg/a')), ['default/books']);
    assert.deepEqual(ids(store, scope('default/shop/http', 'default/shop/http')), ['default/read-only']);
    assert.deepEqual(ids(store, scope('default/eg/a')), ['default/books', 'default/read-only'], 'no section names: every Gateway target counts');
  });

  it('keeps a policy EG attached through targetSelectors (no targetRefs) to its own listener', () => {
    const store = new PolicyStore();
    store.replaceListener('default/eg/http', [targeted('selected', [], 'default', true)]);
    assert.deepEqual(ids(store, scope('default/eg/http')), ['default/selected']);
    assert.deepEqual(ids(store, scope('default/other/http', 'default/other/http')), []);
    assert.deepEqual(ids(store, undefined), []);
  });

  it('never applies a file policy that only has targetSelectors (only EG can resolve them)', () => {
    const store = new PolicyStore();
    store.replaceFile('/p/s.yaml', [targeted('selected', [], 'default', true)]);
    assert.deepEqual(ids(store, undefined), []);
    assert.deepEqual(ids(store, { sections: ['default/eg/http'] }), []);
  });

  it('knows a listener EG reported with no policy, and forgets a file with none', () => {
    const store = new PolicyStore();
    assert.equal(store.knowsListener('default/eg/http'), false);
    store.replaceListener('default/eg/http', []);
    assert.equal(store.knowsListener('default/eg/http'), true);
    store.replaceFile('/p/a.yaml', []);
    assert.deepEqual(
      [...store.entries()].map(([source]) => source),
      [{ kind: 'listener', listener: 'default/eg/http' }],
    );
  });

  it('evaluates a policy present in several sources once, in id order', () => {
    const store = new PolicyStore();
    store.replaceListener('l1', [targeted('z'), targeted('b')]);
    store.replaceListener('l2', [targeted('b')]);
    store.replaceFile('/p/x.yaml', [targeted('a')]);
    assert.deepEqual(ids(store, scope('l1')), ['default/a', 'default/b', 'default/z']);
  });

  it('caches the selection per scope and swaps it whole on change', () => {
    const store = new PolicyStore();
    store.replaceFile('/p/a.yaml', [targeted('a')]);
    const tagged = scope('l', 'default/eg/http');
    const before = store.forScope(tagged);
    assert.equal(store.forScope(scope('l', 'default/eg/http')), before, 'same scope, same cached array');
    store.replaceFile('/p/b.yaml', [targeted('b')]);
    const after = store.forScope(tagged);
    assert.deepEqual(
      before.map((p) => p.id),
      ['default/a'],
      'a Check holding the old selection keeps it unchanged',
    );
    assert.deepEqual(
      after.map((p) => p.id),
      ['default/a', 'default/b'],
    );
  });

  it('removes a source replaced by an empty list, notifies listeners, and tracks readiness', () => {
    const store = new PolicyStore();
    let changes = 0;
    store.onChange(() => changes++);
    store.replaceFile('/p/a.yaml', [targeted('a')]);
    store.replaceFile('/p/a.yaml', []);
    assert.equal(changes, 2);
    assert.equal([...store.entries()].length, 0);
    assert.deepEqual(ids(store, undefined), []);
    assert.equal(store.ready, false);
    store.markReady();
    assert.equal(store.ready, true);
  });
});

describe('PolicyStore sources', () => {
  it('names sources by kind: policiesOf, removeFile and counts per kind', () => {
    const store = new PolicyStore();
    store.replaceFile('/p/a.yaml', [targeted('a'), targeted('b')]);
    store.replaceListener('default/eg/http', [targeted('c')]);
    store.replaceListener('default/eg/https', []);
    assert.deepEqual(
      store.policiesOf({ kind: 'file', path: '/p/a.yaml' })?.map((p) => p.id),
      ['default/a', 'default/b'],
    );
    assert.equal(store.policiesOf({ kind: 'file', path: 'default/eg/http' }), undefined, 'a file and a listener of the same name are different sources');
    assert.deepEqual(store.counts(), { file: { sources: 1, policies: 2 }, listener: { sources: 2, policies: 1 }, route: { sources: 0, policies: 0 } });
    store.removeFile('/p/a.yaml');
    assert.equal(store.policiesOf({ kind: 'file', path: '/p/a.yaml' }), undefined);
    assert.deepEqual(store.counts().file, { sources: 0, policies: 0 });
  });
});
