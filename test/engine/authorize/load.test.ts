import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PolicyError } from '../../../src/engine/types.js';
import { policies } from './helpers.js';

const base = (spec: string, metadata = '{ name: p, namespace: ns }') => `
apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: ${metadata}
spec:
${spec}
`;
const rule = `  rules:
  - name: r
    assert: { all: [ { check: { request: {} } } ] }
`;

/** Asserts that loading fails with a PolicyError naming this field path and a reason matching `reason`. */
function refuses(yaml: string, path: string, reason: RegExp, document?: number): void {
  assert.throws(
    () => policies(yaml, 'bad.yaml'),
    (error: unknown) => {
      assert.ok(error instanceof PolicyError, `expected PolicyError, got ${String(error)}`);
      assert.equal(error.source, 'bad.yaml');
      assert.equal(error.path, path);
      assert.match(error.reason, reason);
      assert.equal(error.document, document);
      assert.ok(error.message.startsWith('bad.yaml'), error.message);
      return true;
    },
  );
}

test('defaults: jsonata, Fail, Enforce, no targets, id namespace/name', () => {
  const [p] = policies(base(rule));
  assert.equal(p?.id, 'ns/p');
  assert.equal(p?.failurePolicy, 'Fail');
  assert.equal(p?.mode, 'Enforce');
  assert.deepEqual(p?.targetRefs, []);
  assert.equal(p?.rules.compiler, 'jsonata');
  assert.equal(p?.readsBody, false);
});

test('targetRefs and targetRef become the policy targets', () => {
  const many = policies(
    base(`  targetRefs:
  - { group: gateway.networking.k8s.io, kind: Gateway, name: eg, sectionName: https }
${rule}`),
  );
  assert.deepEqual(many[0]?.targetRefs, [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'eg', sectionName: 'https' }]);
  const one = policies(
    base(`  targetRef: { group: gateway.networking.k8s.io, kind: Gateway, name: eg }
${rule}`),
  );
  assert.deepEqual(one[0]?.targetRefs, [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'eg' }]);
});

test('targetSelectors are kept for Envoy Gateway to resolve, and must be a list', () => {
  const [p] = policies(base(`  targetSelectors: [ { kind: Gateway, matchLabels: { team: a } } ]\n${rule}`));
  assert.deepEqual([p?.targetRefs, p?.targetSelectors], [[], true]);
  assert.equal(policies(base(rule))[0]?.targetSelectors, false);
  refuses(base(`  targetSelectors: { kind: Gateway }\n${rule}`), 'spec.targetSelectors', /expected a list/);
});

test('a policy reading the body says so (the ext_authz filter must buffer it)', () => {
  const [p] = policies(
    base(`  rules:
  - name: r
    assert: { all: [ { check: { request: { http: { ($exists(body)): true } } } } ] }
`),
  );
  assert.equal(p?.readsBody, true);
});

test('bad documents are refused with file, field path and reason', () => {
  refuses('spec: [unclosed', '', /./);
  refuses(base(`${rule}  colour: blue\n`), 'spec.colour', /unknown field/);
  refuses(base(`  failurePolicy: Sometimes\n${rule}`), 'spec.failurePolicy', /one of "Fail", "Ignore"/);
  refuses(base(`  mode: 3\n${rule}`), 'spec.mode', /one of "Enforce", "Audit"/);
  refuses(base(`  targetRefs: { name: eg }\n${rule}`), 'spec.targetRefs', /expected a list, got object/);
  refuses(
    base(`  targetRefs: [ { group: gateway.networking.k8s.io, kind: TCPRoute, name: r } ]\n${rule}`),
    'spec.targetRefs[0]',
    /attaches to Gateways and routes/,
  );
  refuses(base(`  body: { maxBytes: 0 }\n${rule}`), 'spec.body.maxBytes', /integer from 1/);
  refuses(base(`  body: { allowPartial: maybe }\n${rule}`), 'spec.body.allowPartial', /true or false/);
  refuses(base(`  body: { limit: 5 }\n${rule}`), 'spec.body.limit', /unknown field/);
  refuses(
    base(`  targetRefs: [ { group: gateway.networking.k8s.io, kind: Gateway, name: eg, namespace: x } ]\n${rule}`),
    'spec.targetRefs[0].namespace',
    /unknown field/,
  );
  refuses(base(rule, '{ namespace: ns }'), 'metadata.name', /required/);
  refuses(base(rule, '{ name: 7 }'), 'metadata.name', /expected a string, got number/);
  refuses(base(`${rule}    deny: { status: 200 }\n`), 'spec.rules[0].deny.status', /300 to 599/);
  refuses(base(`${rule}    deny: { code: OK }\n`), 'spec.rules[0].deny.code', /gRPC status name/);
  refuses(base(`${rule}    deny: { headers: { ':path': /x } }\n`), 'spec.rules[0].deny.headers.:path', /not a valid HTTP header name/);
  refuses(base(`${rule}  allow: { request: { headers: { replace: {} } } }\n`), 'spec.allow.request.headers.replace', /unknown field/);
  refuses(base(`${rule}  - name: r\n    assert: { all: [ { check: { a: 1 } } ] }\n`), 'spec.rules[1].name', /duplicate rule name/);
  refuses(`apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n`, 'apiVersion', /not a policy/);
  refuses(base(rule).replace('spec:', 'extra: 1\nspec:'), 'extra', /unknown field/);
});

test('an expression that does not compile names the rule and field path', () => {
  refuses(
    base(`  rules:
  - name: r
    assert: { all: [ { check: { request: { (method =): GET } } } ] }
`),
    'spec.rules[0].assert.all[0].check.request.(method =)',
    /jsonata|expression|syntax/i,
  );
  refuses(base(`${rule}  allow: { request: { headers: { set: { x-a: ($$$(() } } } }\n`), 'spec.allow.request.headers.set.x-a', /./);
});

test('an expression split over lines by a YAML block scalar is refused, not taken as a literal', () => {
  refuses(
    base(`  context:
  - name: t
    variable: >-
      (request.http.method
        = 'GET')
${rule}`),
    'spec.context[0].variable',
    /one line/,
  );
});

test('the document index is named in multi-document files', () => {
  refuses(`${base(rule)}---\n${base(`${rule}  wat: 1\n`)}`, 'spec.wat', /unknown field/, 1);
});
