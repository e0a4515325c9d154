import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fromBinary, toJson } from '@bufbuild/protobuf';
import { checkResponse, encodeCheckResponse } from '../../../src/authz/response.js';
import { createCompilers } from '../../../src/engine/compilers/index.js';
import { authorizeAll } from '../../../src/engine/policy/kyverno-authz-decide.js';
import { compilePolicies } from '../../../src/engine/policy/load.js';
import type { CompiledPolicy } from '../../../src/engine/policy/policy.js';
import { PolicyError } from '../../../src/engine/types.js';
import { CheckResponseSchema } from '../../../src/gen/envoy/service/auth/v3/external_auth_pb.js';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const compilers = createCompilers({
  now: () => Date.parse('2026-11-23T10:00:00Z'),
  keys: { jwks: () => Promise.reject(new Error('offline')), file: () => '' },
});
const all = compilePolicies(readFileSync(join(root, 'test', 'engine', 'policy', 'fixtures', 'e2e.yaml'), 'utf8'), 'e2e.yaml', compilers);
const byCase = (name: string) => all.filter((p) => (p.document as { metadata: { labels: { case: string } } }).metadata.labels.case === name);

const attributes = (headers: Record<string, string> = {}) => ({
  request: { http: { method: 'GET', path: '/get', host: 'httpbin.app:8000', headers: { ':path': '/get', ...headers } } },
});

async function decide(policies: readonly CompiledPolicy[], attrs: unknown = attributes()) {
  const decision = await authorizeAll(policies, { attributes: attrs });
  const wire = toJson(CheckResponseSchema, checkResponse(decision)) as Record<string, any>;
  // What the gRPC server writes is the same message.
  assert.deepEqual(toJson(CheckResponseSchema, fromBinary(CheckResponseSchema, encodeCheckResponse(decision))), wire);
  return { decision, wire };
}

describe('Kyverno Authz e2e cases', () => {
  test('allow: an empty OkHttpResponse with status OK', async () => {
    const { decision, wire } = await decide(byCase('allow'));
    assert.equal(decision.allowed, true);
    assert.deepEqual(wire, { status: {}, okResponse: {} });
  });

  test('default: a null validation is no decision, allowed with an empty CheckResponse', async () => {
    const { decision, wire } = await decide(byCase('default'));
    assert.equal(decision.allowed, true);
    assert.deepEqual(wire, {}); // what Kyverno Authz sends (differential test): status unset
  });

  test('deny: 403 with the body, PERMISSION_DENIED', async () => {
    const { decision, wire } = await decide(byCase('deny'));
    assert.equal(decision.httpStatus, 403);
    assert.deepEqual(wire, { status: { code: 7 }, deniedResponse: { status: { code: 'Forbidden' }, body: 'Unauthorized Request' } });
  });

  for (const [name, allowed] of [
    ['fail-error-with-false', true],
    ['fail-error-with-true', false],
    ['ignore-error-with-false', true],
    ['ignore-error-with-true', true],
  ] as const) {
    test(`matchConditions ${name}: ${allowed ? 'allowed' : 'denied'}`, async () => {
      const { decision } = await decide(byCase(name));
      assert.equal(decision.allowed, allowed);
      if (!allowed) assert.match(decision.reasons[0]!.message, /matchCondition error: division by zero/);
    });
  }

  test('ordering: policies are tried in name order, policy-a answers first', async () => {
    const { decision } = await decide(byCase('ordering'));
    assert.equal(decision.denial?.body, 'Unauthorized Request from Policy A');
  });

  test('the advanced breakdown example: 401, 403, then allowed with headers and metadata', async () => {
    const policies = byCase('advanced');
    assert.equal((await decide(policies, attributes({ 'x-force-unauthenticated': 'true' }))).decision.httpStatus, 401);
    assert.equal((await decide(policies)).decision.denial?.body, 'Unauthorized Request');
    const { wire } = await decide(policies, attributes({ 'x-force-authorized': 'enabled' }));
    assert.deepEqual(wire, {
      status: {},
      okResponse: {
        headers: [{ header: { key: 'x-validated-by', value: 'my-security-checkpoint' } }],
        headersToRemove: ['x-force-authorized'],
        responseHeadersToAdd: [{ header: { key: 'x-add-custom-response-header', value: 'added' } }],
      },
      dynamicMetadata: { 'my-new-metadata': 'my-new-value' },
    });
  });

  test('a PolicyException whose conditions hold skips its policy', async () => {
    const policies = byCase('exception');
    assert.equal((await decide(policies, attributes({ 'x-gateway': 'trusted' }))).decision.allowed, true);
    assert.equal((await decide(policies, attributes({ 'x-gateway': 'untrusted' }))).decision.allowed, false);
  });

  test('an exception naming a policy that does not exist has no effect', async () => {
    const { decision } = await decide(byCase('exception-missing-policy'));
    assert.equal(decision.allowed, false);
  });
});

const policy = (validations: string, extra = '') => `apiVersion: policies.kyverno.io/v1alpha1
kind: ValidatingPolicy
metadata: { name: broken }
spec:
  evaluation: { mode: Envoy }
${extra}  validations:
${validations}`;

describe('bad input', () => {
  test('an expression that does not compile: the error names the policy, the validation index and the position', () => {
    assert.throws(
      () => compilePolicies(policy('  - expression: envoy.Allowed().Response()\n  - expression: envoy.Denied(403).Response(\n'), 'p.yaml', compilers),
      (e: unknown) =>
        e instanceof PolicyError &&
        /^p\.yaml: spec\.validations\[1\]\.expression: ValidatingPolicy broken: does not compile: .*\(at line 1, column 28\)$/.test(e.message),
    );
  });

  test('a validation whose type is known wrong is refused at load', () => {
    assert.throws(
      () => compilePolicies(policy('  - expression: \'"allow"\'\n'), 'p.yaml', compilers),
      /spec\.validations\[0\]\.expression: ValidatingPolicy broken: a validation must return an envoy CheckResponse .* returns string/,
    );
  });

  test('a validation missing .Response() is refused at load, as Kyverno Authz refuses it', () => {
    for (const [expression, type] of [
      ['envoy.Allowed()', 'OkHttpResponse'],
      ['envoy.Denied(403).WithBody("x")', 'DeniedHttpResponse'],
      ['envoy.Header("a", "b")', 'HeaderOption'],
    ]) {
      assert.throws(
        () => compilePolicies(policy(`  - expression: '${expression}'\n`), 'p.yaml', compilers),
        new RegExp(`spec\\.validations\\[0\\]\\.expression: ValidatingPolicy broken: a validation must return an envoy CheckResponse .* returns ${type}$`),
      );
    }
  });

  test('a validation returning a wrong type at run time is an evaluation error decided by failurePolicy', async () => {
    const wrong = "  - expression: 'dyn(object.attributes.request.http.method)'\n";
    const fail = compilePolicies(policy(wrong), 'p.yaml', compilers);
    const { decision } = await decide(fail);
    assert.equal(decision.allowed, false);
    assert.match(decision.reasons[0]!.message, /spec\.validations\[0\] returned string "GET", expected an envoy CheckResponse/);
    const ignore = compilePolicies(policy(wrong, '  failurePolicy: Ignore\n'), 'p.yaml', compilers);
    assert.equal((await decide(ignore)).decision.allowed, true);
  });

  test('matchConditions cannot read variables', () => {
    assert.throws(
      () =>
        compilePolicies(
          policy('  - expression: "null"\n', '  variables: [ { name: a, expression: "true" } ]\n  matchConditions: [ { name: m, expression: variables.a } ]\n'),
          'p.yaml',
          compilers,
        ),
      /spec\.matchConditions\[0\]\.expression: ValidatingPolicy broken: matchConditions cannot use variables/,
    );
  });

  test('variables are lazy: one that fails only matters where it is read', async () => {
    const extra = '  variables:\n  - { name: boom, expression: "1 / 0 == 1" }\n  - { name: fine, expression: "true" }\n';
    const unread = compilePolicies(
      policy('  - expression: "variables.fine || variables.boom ? envoy.Denied(418).Response() : null"\n', extra),
      'p.yaml',
      compilers,
    );
    assert.equal((await decide(unread)).decision.httpStatus, 418);
    const read = compilePolicies(policy('  - expression: "variables.boom ? null : null"\n', extra), 'p.yaml', compilers);
    assert.match((await decide(read)).decision.reasons[0]!.message, /variable boom: division by zero/);
  });

  test('a mode kgate does not evaluate is refused with a clear reason; an HTTP policy must answer with http builders', () => {
    assert.throws(
      () => compilePolicies(policy('  - expression: "null"\n').replace('mode: Envoy', 'mode: Kubernetes'), 'p.yaml', compilers),
      /spec\.evaluation\.mode: ValidatingPolicy broken: kgate evaluates modes Envoy .* and HTTP .*; got Kubernetes/,
    );
    assert.throws(
      () => compilePolicies(policy('  - expression: "http.Allowed()"\n').replace('mode: Envoy', 'mode: HTTP'), 'p.yaml', compilers),
      /a validation must return an http CheckResponse \(http\.Allowed\(\)\.Response\(\)\) or null, this one returns HttpCheckResponseOk/,
    );
  });

  test('an Envoy mode policy answering with the http library is an evaluation error', async () => {
    const { decision } = await decide(compilePolicies(policy('  - expression: "dyn(http.Allowed().Response())"\n'), 'p.yaml', compilers));
    assert.equal(decision.allowed, false);
    assert.match(decision.reasons[0]!.message, /returned an http CheckResponse \(an Envoy mode policy answers with envoy/);
  });
});

describe('the envoy library', () => {
  test('every builder maps onto the CheckResponse fields', async () => {
    const expr = `envoy.Allowed().WithHeader(envoy.Header("a", "").KeepEmptyValue()).WithQueryParam(envoy.QueryParam("q", "1")).WithQueryParam("r", "2").WithoutQueryParam("s").Response().WithMessage("ok")`;
    const { wire } = await decide(compilePolicies(policy(`  - expression: '${expr}'\n`), 'p.yaml', compilers));
    assert.deepEqual(wire, {
      status: { message: 'ok' },
      okResponse: {
        headers: [{ header: { key: 'a' }, keepEmptyValue: true }],
        queryParametersToSet: [
          { key: 'q', value: '1' },
          { key: 'r', value: '2' },
        ],
        queryParametersToRemove: ['s'],
      },
    });
  });

  test('denied headers and a zero status (Envoy answers 403 for it)', async () => {
    const { decision, wire } = await decide(
      compilePolicies(policy(`  - expression: 'envoy.Denied(0).WithHeader("x", "1").WithHeader(envoy.Header("y", "2")).Response()'\n`), 'p.yaml', compilers),
    );
    assert.equal(decision.httpStatus, 403);
    assert.deepEqual(wire.deniedResponse, { status: {}, headers: [{ header: { key: 'x', value: '1' } }, { header: { key: 'y', value: '2' } }] });
  });
});
