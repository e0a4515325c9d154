// The `cel` compiler for AuthorizationPolicy and kyverno-json expressions:
// `object` is the current node, `bindings.resolve("name")` a binding (lazy
// ones awaited first), results mapped to kyverno-json's JSON values.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Bindings } from '../../../src/engine/bindings.js';
import { createCompilers } from '../../../src/engine/compilers/index.js';
import { compilePolicies } from '../../../src/engine/policy/load.js';
import { authorizeAll } from '../../../src/engine/policy/kyverno-authz-decide.js';
import { checkInput } from '../../../src/authz/input.js';
import { EvaluationError, ExpressionSyntaxError } from '../../../src/engine/types.js';

const compilers = createCompilers({ now: Date.now, keys: { jwks: () => Promise.reject(new Error('offline')), file: () => '' } });
const cel = compilers.cel!;
const scope = (bindings = Bindings.empty) => ({ bindings });

describe('the cel compiler', () => {
  test('object is the current node; ints, maps and lists come back as JSON values', async () => {
    const e = cel.compile('{"n": dyn(object.items.size()), "first": object.items[0], "up": dyn(object.name.upperAscii()), "nested": dyn({"ok": true})}');
    assert.deepEqual(await e.evaluate({ items: ['a', 'b'], name: 'x' }, scope()), { n: 2, first: 'a', up: 'X', nested: { ok: true } });
    assert.equal(await cel.compile('object').evaluate(undefined, scope()), null);
  });

  test('bindings.resolve reads bindings, lazy ones awaited, and names them as the variables it reads', async () => {
    const e = cel.compile('bindings.resolve("claims").role + "/" + bindings.resolve(\'tenant\')');
    assert.deepEqual([...e.variables].sort(), ['claims', 'tenant']);
    const bindings = Bindings.empty.withLazy('claims', () => Promise.resolve({ role: 'admin' })).with('tenant', 't1');
    assert.equal(await e.evaluate({}, scope(bindings)), 'admin/t1');
  });

  test('a binding that is not defined is an evaluation error naming it', async () => {
    await assert.rejects(
      async () => cel.compile('bindings.resolve("nope")').evaluate({}, scope()),
      (e: unknown) => e instanceof EvaluationError && /variable not defined: \$nope/.test(e.message),
    );
  });

  test('selecting a field of null is an error (unlike jp and jsonata); has() and ?: guard it', async () => {
    await assert.rejects(async () => cel.compile('object.a.b').evaluate({ a: null }, scope()), EvaluationError);
    assert.equal(await cel.compile('has(object.a) && object.a != null ? object.a.b : "none"').evaluate({ a: null }, scope()), 'none');
  });

  test('an expression that does not compile: ExpressionSyntaxError with the reason', () => {
    assert.throws(
      () => cel.compile('object.a +'),
      (e: unknown) => e instanceof ExpressionSyntaxError && /cel expression "object\.a \+" does not compile: /.test(e.message),
    );
    assert.throws(() => cel.compile('{"a": 1, "b": "x"}'), /Map value uses wrong type/);
  });

  test('an AuthorizationPolicy with compiler: cel decides, shapes and names its violations', async () => {
    const policies = compilePolicies(
      `apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: p, namespace: default }
spec:
  compiler: cel
  context:
  - name: agent
    variable: (object.request.http.headers[?"user-agent"].orValue("none").lowerAscii())
  rules:
  - name: curl-only
    assert:
      all:
      - message: curl only
        check:
          (bindings.resolve("agent").startsWith("curl")): true
  allow:
    request:
      headers:
        set:
          x-agent: (bindings.resolve("agent"))
`,
      'p.yaml',
      compilers,
    );
    const http = (agent: string) => ({ request: { http: { method: 'GET', path: '/', headers: { 'user-agent': agent } } } });
    const allowed = await authorizeAll(policies, checkInput(http('Curl/8'), undefined));
    assert.equal(allowed.allowed, true);
    assert.deepEqual(allowed.upstream.set, [{ name: 'x-agent', value: 'curl/8' }]);
    const denied = await authorizeAll(policies, checkInput(http('wget'), undefined));
    assert.equal(denied.allowed, false);
    assert.deepEqual(
      denied.reasons.map((r) => [r.kind, r.rule, r.message]),
      [['violation', 'curl-only', 'curl only']],
    );
  });
});
