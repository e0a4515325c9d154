// CEL `matches` runs on RE2, as in cel-go: cel-js's own overload used
// JavaScript's backtracking RegExp, and one header against `^(a+)+$` held
// the event loop for 12 s (found while finishing issue 8, defect 2).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rewriteMatches } from '../../../src/engine/cel/re2.js';
import { createCompilers } from '../../../src/engine/compilers/index.js';
import { authorizeAll } from '../../../src/engine/policy/kyverno-authz-decide.js';
import { compilePolicies } from '../../../src/engine/policy/load.js';
import { PolicyError } from '../../../src/engine/types.js';

const compilers = createCompilers({ now: Date.now, keys: { jwks: () => Promise.reject(new Error('offline')), file: () => '' } });

const policy = (expression: string) => `apiVersion: policies.kyverno.io/v1alpha1
kind: ValidatingPolicy
metadata: { name: regex }
spec:
  evaluation: { mode: Envoy }
  validations:
  - expression: ${JSON.stringify(expression)}
`;

const request = (header: string) => ({ request: { http: { method: 'GET', path: '/book', headers: { ':path': '/book', 'x-a': header } } } });

describe('CEL matches', () => {
  test('a nested quantifier against a 40-byte header is decided within the time box, not after a backtracking stall', async () => {
    const [compiled] = compilePolicies(
      policy('object.attributes.request.http.headers[?"x-a"].orValue("").matches("^(a+)+$") ? envoy.Denied(403).Response() : null'),
      'p.yaml',
      compilers,
    );
    const start = performance.now();
    const decision = await authorizeAll([compiled!], { attributes: request(`${'a'.repeat(39)}!`) }, { deadline: start + 100 });
    assert.deepEqual(decision.reasons, [], 'no evaluation error: the time box was not reached');
    assert.equal(decision.allowed, true, 'no match: the validation returns null');
    const matching = await authorizeAll([compiled!], { attributes: request('a'.repeat(40)) }, { deadline: performance.now() + 100 });
    assert.equal(matching.httpStatus, 403);
  });

  test('RE2 semantics: unanchored search, both call forms', async () => {
    for (const [expression, denied] of [
      ['object.attributes.request.http.path.matches("oo") ? envoy.Denied(403).Response() : null', true],
      ['matches(object.attributes.request.http.path, "^/bo+k$") ? envoy.Denied(403).Response() : null', true],
      ['object.attributes.request.http.path.matches(r"^/x\\d") ? envoy.Denied(403).Response() : null', false],
    ] as const) {
      const decision = await authorizeAll(compilePolicies(policy(expression), 'p.yaml', compilers), { attributes: request('') });
      assert.equal(decision.httpStatus === 403, denied, expression);
    }
  });

  test('a literal pattern RE2 refuses is refused at load, naming the field path', () => {
    assert.throws(
      () => compilePolicies(policy('object.attributes.request.http.path.matches("(a)\\\\1") ? envoy.Denied(403).Response() : null'), 'p.yaml', compilers),
      (e: unknown) =>
        e instanceof PolicyError && /^p\.yaml: spec\.validations\[0\]\.expression: .*error parsing regexp: invalid escape sequence/.test(e.message),
    );
  });

  test('only calls are renamed: string literals, comments and other names stay as written', () => {
    assert.equal(
      rewriteMatches('s.matches("x.matches(y)") // matches(z)\n|| matches (s, \'matches(\')'),
      's.matchRe("x.matches(y)") // matches(z)\n|| matchRe (s, \'matches(\')',
    );
    assert.equal(rewriteMatches('x.matches_all(y) || object.matches'), 'x.matches_all(y) || object.matches');
    assert.equal(rewriteMatches('r"""matches(""" + s.matches(\'\'\'a\'\'\')'), 'r"""matches(""" + s.matchRe(\'\'\'a\'\'\')');
  });
});
