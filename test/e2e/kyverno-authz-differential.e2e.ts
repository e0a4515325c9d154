// Differential test against Kyverno Authz itself: the real `kyverno-authz serve
// envoy authz-server` (built by scripts/provision.sh) and kgate each load the
// same policy folder and get the same CheckRequests over gRPC on loopback; the
// CheckResponses must be identical, field for field. Where Kyverno Authz fails
// the call (an evaluation error), kgate answers the documented 403 instead
// (docs/cel.md): that difference is asserted, not hidden.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { create, fromBinary, type JsonValue, toBinary, toJson } from '@bufbuild/protobuf';
import { CheckRequestSchema, CheckResponseSchema } from '../../src/gen/envoy/service/auth/v3/external_auth_pb.js';
import { client, unary } from '../authz/support/grpc.js';
import {
  ADMIN_TOKEN,
  CHECK,
  type CheckInit,
  envoyCheck,
  GUEST_TOKEN,
  httpRequest,
  ROOT,
  type Started,
  startInProcess,
  tempDir,
} from '../authz/support/server.js';

const KAUTHZ = join(ROOT, '.tools', 'kyverno-authz');
const EVALUATION_ERROR = {
  status: { code: 7 },
  deniedResponse: {
    status: { code: 'Forbidden' },
    headers: [{ append: false, header: { key: 'content-type', value: 'text/plain; charset=utf-8' } }],
    body: 'access denied\n',
  },
};
const FORGED = `${ADMIN_TOKEN.slice(0, ADMIN_TOKEN.lastIndexOf('.'))}.c2lnbmF0dXJlLWZyb20tc29tZW9uZS1lbHNl`;

const vpol = (name: string, spec: string) => `apiVersion: policies.kyverno.io/v1alpha1
kind: ValidatingPolicy
metadata:
  name: ${name}
spec:
  evaluation:
    mode: Envoy
${spec}`;

const only = (expression: string, extra = '') => `${extra}  validations:\n  - expression: >\n      ${expression.replaceAll('\n', '\n      ')}\n`;

const TUTORIAL = vpol(
  'demo',
  `  failurePolicy: Fail
  variables:
  - name: authorization
    expression: object.attributes.request.http.headers[?"authorization"].orValue("").split(" ")
  - name: token
    expression: >
      size(variables.authorization) == 2 && variables.authorization[0].lowerAscii() == "bearer"
        ? jwt.Decode(variables.authorization[1], "secret")
        : null
  validations:
  - expression: >
      variables.token == null || !variables.token.Valid
        ? envoy.Denied(401).Response()
        : null
  - expression: >
      variables.token.Claims.?role.orValue("") != "admin"
        ? envoy.Denied(403).Response()
        : null
  - expression: >
      envoy.Allowed()
        .WithHeader("x-validated-by", "my-security-checkpoint")
        .WithoutHeader("x-force-authorized")
        .WithResponseHeader("x-add-custom-response-header", "added")
        .Response()
`,
);

const DENY = only('envoy.Denied(403).WithBody("Unauthorized Request").Response()');
const matchConditions = (failurePolicy: string, second: string) =>
  `  failurePolicy: ${failurePolicy}\n  matchConditions:\n  - name: error\n    expression: '(2 / 0) == 1'\n  - name: second\n    expression: '${second}'\n${DENY}`;

interface Case {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly requests: Record<string, CheckInit>;
  /** Kyverno Authz drops the policy (logs a compile error, answers as if it were absent); kgate refuses the file at load with this reason. */
  readonly refused?: RegExp;
}

const get = (path = '/', token?: string, headers: Record<string, string> = {}) => envoyCheck('GET', path, token, headers);
const post = (path = '/', token?: string, headers: Record<string, string> = {}, body?: string) => envoyCheck('POST', path, token, headers, body);

const CASES: Case[] = [
  { name: 'allow', files: { 'p.yaml': vpol('allow', only('envoy.Allowed().Response()')) }, requests: { get: get(), post: post('/x') } },
  { name: 'default (null)', files: { 'p.yaml': vpol('default', only('null')) }, requests: { get: get(), post: post() } },
  { name: 'deny with body', files: { 'p.yaml': vpol('deny', DENY) }, requests: { get: get(), post: post('/book', ADMIN_TOKEN) } },
  { name: 'matchConditions: an error and a false, Fail', files: { 'p.yaml': vpol('mc', matchConditions('Fail', 'false')) }, requests: { get: get() } },
  { name: 'matchConditions: an error and a true, Fail', files: { 'p.yaml': vpol('mc', matchConditions('Fail', 'true')) }, requests: { get: get() } },
  { name: 'matchConditions: an error and a false, Ignore', files: { 'p.yaml': vpol('mc', matchConditions('Ignore', 'false')) }, requests: { get: get() } },
  { name: 'matchConditions: an error and a true, Ignore', files: { 'p.yaml': vpol('mc', matchConditions('Ignore', 'true')) }, requests: { get: get() } },
  {
    // Only one policy answers each request: Kyverno Authz's order over file-source policies varies
    // between starts (its static source ranges over a Go map), kgate's is by name (docs/cel.md).
    name: 'two policies, the one that answers decides',
    files: {
      'b.yaml': vpol('policy-b', only('object.attributes.request.http.path == "/b" ? envoy.Denied(403).WithBody("from B").Response() : null')),
      'a.yaml': vpol('policy-a', only('object.attributes.request.http.path == "/a" ? envoy.Denied(401).WithBody("from A").Response() : null')),
    },
    requests: { 'A answers': get('/a'), 'B answers': get('/b'), neither: get('/c') },
  },
  {
    name: 'the Envoy Gateway tutorial policy',
    files: { 'p.yaml': TUTORIAL },
    requests: {
      admin: get('/book', ADMIN_TOKEN, { 'x-force-authorized': 'true' }),
      guest: get('/book', GUEST_TOKEN),
      'no token': get('/book'),
      'not bearer': get('/book', undefined, { authorization: 'Basic abc' }),
      'forged signature': get('/book', FORGED),
    },
  },
  {
    name: 'the books rules',
    files: { 'p.yaml': readExample('examples/kyverno-authz/books/policy.yaml') },
    requests: {
      'admin GET': get('/book', ADMIN_TOKEN),
      'admin POST': post('/book', ADMIN_TOKEN),
      'guest GET': get('/book', GUEST_TOKEN),
      'guest POST': post('/book', GUEST_TOKEN),
      'no token GET': get('/book'),
      'other path': get('/other', ADMIN_TOKEN),
    },
  },
  {
    name: 'shaping an allow: headers, query parameters, KeepEmptyValue, metadata, message',
    files: {
      'p.yaml': vpol(
        'shape',
        only(`envoy.Allowed()
  .WithHeader("x-a", "1")
  .WithHeader(envoy.Header("x-empty", "").KeepEmptyValue())
  .WithHeader(envoy.Header("x-kept", "v").KeepEmptyValue(false))
  .WithoutHeader("x-drop")
  .WithResponseHeader("x-r", "2")
  .WithResponseHeader(envoy.Header("x-r2", "3"))
  .WithQueryParam("q", "1")
  .WithQueryParam(envoy.QueryParam("q2", "2"))
  .WithoutQueryParam("secret")
  .Response()
  .WithMessage("shaped")
  .WithMetadata({"user": dyn("alice"), "n": dyn(3), "nested": dyn({"ok": dyn(true), "list": dyn(["a", "b"])})})`),
      ),
    },
    requests: { get: get('/x?secret=1') },
  },
  {
    name: 'shaping a denial: status, headers, body, message',
    files: {
      'p.yaml': vpol(
        'denial',
        only(`object.attributes.request.http.method == "POST"
  ? envoy.Denied(429).WithHeader("retry-after", "5").WithHeader(envoy.Header("x-why", "slow down")).WithBody("too many").Response().WithMessage("rate")
  : envoy.Denied(0).Response()`),
      ),
    },
    requests: { post: post(), 'code 0': get() },
  },
  {
    name: 'variables: lazy, an unused failing one is no error',
    files: {
      'p.yaml': vpol(
        'vars',
        `  variables:
  - name: boom
    expression: 'int("x") == 1'
  - name: fine
    expression: 'object.attributes.request.http.method == "GET"'
  validations:
  - expression: 'variables.fine || variables.boom ? envoy.Allowed().Response() : null'
  - expression: 'variables.boom ? null : envoy.Denied(403).Response()'
`,
      ),
    },
    requests: { 'GET: fine is true': get(), 'POST: boom is read': post() },
  },
  {
    name: 'matchConditions on method, path and host',
    files: {
      'p.yaml': vpol(
        'admin-only',
        `  matchConditions:
  - name: admin-path
    expression: 'object.attributes.request.http.path.startsWith("/admin")'
  - name: writes
    expression: 'object.attributes.request.http.method in ["POST", "PUT", "DELETE"]'
  - name: host
    expression: 'object.attributes.request.http.host.endsWith("example.com")'
${DENY}`,
      ),
    },
    requests: { 'POST /admin': post('/admin/users'), 'GET /admin': get('/admin/users'), 'POST /public': post('/public') },
  },
  {
    name: 'cel-go extensions: optionals, strings, cel.bind, lists, base64',
    files: {
      'p.yaml': vpol(
        'ext',
        only(`cel.bind(agent, object.attributes.request.http.headers[?"user-agent"].orValue("none").lowerAscii(),
  agent.startsWith("curl") && ["a", "b", "c"].exists(x, x == "b") && base64.decode("aGk=") == b"hi"
    && object.attributes.request.http.path.split("/").size() == 3
    ? envoy.Allowed().WithHeader("x-agent", agent.upperAscii()).Response()
    : envoy.Denied(403).WithBody("agent " + agent).Response())`),
      ),
    },
    requests: { curl: get('/a/b', undefined, { 'user-agent': 'Curl/8' }), other: get('/a/b', undefined, { 'user-agent': 'wget' }), none: get('/a') },
  },
  {
    name: 'source address, context extensions and the request body',
    files: {
      'p.yaml': vpol(
        'context',
        only(`object.attributes.source.address.socket_address.address == "10.0.0.1"
  && object.attributes.source.address.socket_address.port_value == 40000u
  && object.attributes.context_extensions[?"tenant"].orValue("") == ""
  && (object.attributes.request.http.body == "" || json.Unmarshal(object.attributes.request.http.body).?user.orValue("") == "alice")
  ? envoy.Allowed().Response()
  : envoy.Denied(403).WithBody("body").Response()`),
      ),
    },
    requests: { 'no body': get(), alice: post('/', undefined, {}, '{"user":"alice"}'), bob: post('/', undefined, {}, '{"user":"bob"}') },
  },
  {
    name: 'refused by both: a validation missing .Response()',
    files: { 'p.yaml': vpol('no-response', only('envoy.Allowed()')) },
    requests: { get: get() },
    refused: /spec\.validations\[0\]\.expression: ValidatingPolicy no-response: a validation must return an envoy CheckResponse .* returns OkHttpResponse/,
  },
  {
    name: 'refused by both: a heterogeneous map literal',
    files: { 'p.yaml': vpol('mixed', only('envoy.Allowed().Response().WithMetadata({"user": "alice", "n": 3})')) },
    requests: { get: get() },
    refused: /spec\.validations\[0\]\.expression: ValidatingPolicy mixed: does not compile: Map value uses wrong type, expected type 'string' but found 'int'/,
  },
  {
    name: 'refused by both: a port (uint) compared with an int',
    files: { 'p.yaml': vpol('port', only('object.attributes.destination.address.socket_address.port_value == 8080 ? envoy.Denied(403).Response() : null')) },
    requests: { get: get() },
    refused: /spec\.validations\[0\]\.expression: ValidatingPolicy port: does not compile: no such overload: uint == int/,
  },
  {
    name: 'refused by both: a misspelt CheckRequest field',
    files: { 'p.yaml': vpol('typo', only('object.attributes.request.http.header["x"] == "1" ? envoy.Denied(403).Response() : null')) },
    requests: { get: get() },
    refused: /spec\.validations\[0\]\.expression: ValidatingPolicy typo: does not compile: No such key: header/,
  },
];

function readExample(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** A free loopback port (bound and released: nothing else here races for it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

type Answer = { readonly response: JsonValue } | { readonly error: { readonly code: number; readonly details: string } };

async function ask(address: string, request: CheckInit): Promise<Answer> {
  const c = client(address);
  try {
    const bytes = await unary(c, CHECK, toBinary(CheckRequestSchema, create(CheckRequestSchema, request)));
    return { response: toJson(CheckResponseSchema, fromBinary(CheckResponseSchema, bytes)) };
  } catch (error) {
    const e = error as { code?: number; details?: string };
    if (typeof e.code !== 'number') throw error;
    return { error: { code: e.code, details: e.details ?? '' } };
  } finally {
    c.close();
  }
}

/** `kyverno-authz serve http authz-server` on the folder; resolves once it answers. */
async function startKyvernoAuthzHttp(dir: string): Promise<{ child: ChildProcess; address: string; output: () => string }> {
  const port = await freePort();
  const env = { ...process.env, KUBECONFIG: join(dir, 'no-kubeconfig') };
  delete (env as Record<string, string | undefined>).KUBERNETES_SERVICE_HOST;
  const child = spawn(
    KAUTHZ,
    // It serves only `POST /`: with --nested-request the body is the request to authorize, in HTTP/1.1 wire form.
    [
      'serve',
      'http',
      'authz-server',
      '--server-address',
      `127.0.0.1:${port}`,
      '--nested-request',
      '--kube-policy-source=false',
      '--external-policy-source',
      `file://${dir}`,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output = (output + b.toString()).slice(-20_000)));
  child.stderr!.on('data', (b: Buffer) => (output = (output + b.toString()).slice(-20_000)));
  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`kyverno-authz exited ${child.exitCode}: ${output}`);
    if (await httpRequest(address, { path: '/' }).catch(() => undefined)) return { child, address, output: () => output };
    if (Date.now() > deadline) throw new Error(`kyverno-authz did not answer on ${address}: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `kyverno-authz serve envoy authz-server` on the folder, without Kubernetes; resolves once it answers a Check. */
async function startKyvernoAuthz(dir: string): Promise<{ child: ChildProcess; address: string; output: () => string }> {
  const port = await freePort();
  const env = { ...process.env, KUBECONFIG: join(dir, 'no-kubeconfig') };
  delete (env as Record<string, string | undefined>).KUBERNETES_SERVICE_HOST;
  const child = spawn(
    KAUTHZ,
    ['serve', 'envoy', 'authz-server', '--grpc-address', `127.0.0.1:${port}`, '--kube-policy-source=false', '--external-policy-source', `file://${dir}`],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output = (output + b.toString()).slice(-20_000)));
  child.stderr!.on('data', (b: Buffer) => (output = (output + b.toString()).slice(-20_000)));
  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`kyverno-authz exited ${child.exitCode}: ${output}`);
    const answer = await ask(address, get()).catch(() => undefined);
    if (answer && !('error' in answer && answer.error.code === 14)) return { child, address, output: () => output };
    if (Date.now() > deadline) throw new Error(`kyverno-authz did not answer on ${address}: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const children: ChildProcess[] = [];
const kgates: Started[] = [];
after(async () => {
  for (const child of children) child.kill('SIGTERM');
  for (const k of kgates) await k.server.close();
});

describe('Kyverno Authz and kgate answer the same CheckRequests alike', () => {
  test('Kyverno Authz skips PolicyException documents from file sources (its loader knows only the ValidatingPolicy CRD)', async () => {
    if (!existsSync(KAUTHZ)) throw new Error(`needs ${KAUTHZ}: run bash scripts/provision.sh (it builds Kyverno Authz)`);
    const dir = join(tempDir('kauthz-diff'), 'policies');
    mkdirSync(dir);
    writeFileSync(join(dir, 'p.yaml'), vpol('guarded', DENY));
    writeFileSync(
      join(dir, 'e.yaml'),
      'apiVersion: policies.kyverno.io/v1\nkind: PolicyException\nmetadata: { name: bypass }\nspec:\n  policyRefs: [ { name: guarded, kind: ValidatingPolicy } ]\n  matchConditions: [ { name: always, expression: "true" } ]\n',
    );
    const reference = await startKyvernoAuthz(dir);
    children.push(reference.child);
    const answer = await ask(reference.address, get());
    reference.child.kill('SIGTERM');
    // When this fails, Kyverno Authz loads exceptions from files: compare kgate's (test/engine/policy/kyverno-authz.test.ts) here.
    assert.match(reference.output(), /skipping document in e\.yaml: .*kind PolicyException not found/);
    assert.deepEqual(answer, { response: { status: { code: 7 }, deniedResponse: { status: { code: 'Forbidden' }, body: 'Unauthorized Request' } } });
  });

  test('at least 30 policy × request pairs', () => {
    assert.ok(CASES.reduce((n, c) => n + Object.keys(c.requests).length, 0) >= 30);
  });

  for (const c of CASES) {
    test(c.name, async () => {
      if (!existsSync(KAUTHZ)) throw new Error(`needs ${KAUTHZ}: run bash scripts/provision.sh (it builds Kyverno Authz)`);
      const dir = join(tempDir('kauthz-diff'), 'policies');
      mkdirSync(dir);
      for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text);
      const reference = await startKyvernoAuthz(dir);
      children.push(reference.child);
      if (c.refused) {
        await assert.rejects(startInProcess({ policyPaths: [dir] }), c.refused);
        for (const [label, request] of Object.entries(c.requests)) assert.deepEqual(await ask(reference.address, request), { response: {} }, label);
        assert.match(reference.output(), /error compiling policy/);
        reference.child.kill('SIGTERM');
        return;
      }
      const kgate = await startInProcess({ policyPaths: [dir], decisionTimeoutMs: 5000 });
      kgates.push(kgate);
      const kgateAddress = kgate.addresses.grpc!;
      for (const [label, request] of Object.entries(c.requests)) {
        const theirs = await ask(reference.address, request);
        const ours = await ask(kgateAddress, request);
        if ('error' in theirs) {
          // Kyverno Authz fails the call on an evaluation error (so Envoy's failure mode decides);
          // kgate denies with its own 403 (docs/cel.md).
          assert.equal(theirs.error.code, 2, `${label}: ${JSON.stringify(theirs)}`);
          assert.deepEqual(ours, { response: EVALUATION_ERROR }, label);
          continue;
        }
        assert.deepEqual(ours, theirs, `${label}: kgate ${JSON.stringify(ours)}\nKyverno Authz ${JSON.stringify(theirs)}\n${reference.output()}`);
      }
      reference.child.kill('SIGTERM');
    });
  }
});

const HTTP_RULES = `apiVersion: policies.kyverno.io/v1alpha1
kind: ValidatingPolicy
metadata:
  name: http-rules
spec:
  evaluation:
    mode: HTTP
  matchConditions:
  - name: not-health
    expression: 'object.attributes.path != "/healthz"'
  validations:
  - expression: >
      object.attributes.path == "/a b" ? http.Denied("decoded " + object.attributes.path).Response() : null
  - expression: >
      object.attributes.QueryParam("tag") == ["x", "y z"] && object.attributes.header["X-Tenant"] == ["t1"]
        ? http.Allowed().Response()
        : null
  - expression: >
      http.Denied("method " + object.attributes.method + " host " + object.attributes.host
        + " tenant " + object.attributes.Header("X-TENANT").join("|") + " len " + string(object.attributes.contentLength)).Response()
`;

describe('HTTP mode: Kyverno Authz and kgate answer the same plain-HTTP requests alike (status and body)', () => {
  const requests: Record<string, { method?: string; path: string; headers?: Record<string, string>; body?: string }> = {
    'allowed: query list and canonical header key': { path: '/books?tag=x&tag=y+z', headers: { 'x-tenant': 't1' } },
    'denied: decoded path': { path: '/a%20b?q=1' },
    'denied: the reason names method, host, header, length': { method: 'POST', path: '/books', headers: { 'x-tenant': 't2' }, body: 'hello' },
    'no match: allowed by default': { path: '/healthz' },
    'api key example: reader': { path: '/book', headers: { 'x-api-key': 'books-reader' } },
    'api key example: no key': { path: '/book' },
    'api key example: delete': { method: 'DELETE', path: '/book', headers: { 'x-api-key': 'books-reader' } },
  };

  test('same status and body', async () => {
    if (!existsSync(KAUTHZ)) throw new Error(`needs ${KAUTHZ}: run bash scripts/provision.sh (it builds Kyverno Authz)`);
    for (const [files, labels] of [
      [{ 'p.yaml': HTTP_RULES }, Object.keys(requests).filter((l) => !l.startsWith('api key'))],
      [{ 'p.yaml': readExample('examples/kyverno-authz/http/policy.yaml') }, Object.keys(requests).filter((l) => l.startsWith('api key'))],
    ] as const) {
      const dir = join(tempDir('kauthz-http'), 'policies');
      mkdirSync(dir);
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      const reference = await startKyvernoAuthzHttp(dir);
      children.push(reference.child);
      const kgate = await startInProcess({ policyPaths: [dir], decisionTimeoutMs: 5000 });
      kgates.push(kgate);
      for (const label of labels) {
        const r = requests[label]!;
        const request = { method: r.method ?? 'GET', path: r.path, headers: { host: 'books.example.com', ...r.headers }, ...(r.body ? { body: r.body } : {}) };
        // kgate gets the request as Envoy's HTTP ext_authz sends it (method, path, headers, body);
        // Kyverno Authz gets it nested in a POST / (its HTTP server's protocol).
        const wire = [
          `${request.method} ${request.path} HTTP/1.1`,
          ...Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`),
          `content-length: ${Buffer.byteLength(r.body ?? '')}`,
          '',
          r.body ?? '',
        ].join('\r\n');
        const theirs = await httpRequest(reference.address, { method: 'POST', path: '/', body: wire });
        const ours = await httpRequest(kgate.addresses.http!, request);
        assert.deepEqual({ status: ours.status, body: ours.body }, { status: theirs.status, body: theirs.body }, `${label}\n${reference.output()}`);
      }
      reference.child.kill('SIGTERM');
    }
  });
});
