// The server serve.ts builds (KgateServer), on real ports, driven by a grpc-js
// client and plain HTTP: exact answers, health, metrics, bad input.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { status } from '@grpc/grpc-js';
import { createCompilers } from '../../src/engine/compilers/index.js';
import { HealthCheckRequestSchema, HealthCheckResponse_ServingStatus, HealthCheckResponseSchema } from '../../src/gen/grpc/health/v1/health_pb.js';
import { CheckRequestSchema } from '../../src/gen/envoy/service/auth/v3/external_auth_pb.js';
import { createExtensionService } from '../../src/hooks/service.js';
import { hookConfigFrom } from '../../src/cli/hook-flags.js';
import { createLogger } from '../../src/runtime/logger.js';
import { client, failure, unary } from './support/grpc.js';
import { BOOKS, HOSTS } from './support/policies-text.js';
import { ADMIN_TOKEN, CHECK, GUEST_TOKEN, envoyCheck, grpcCheck, httpRequest, startInProcess, tempDir, writeFiles, type Started } from './support/server.js';

const plainDenial = (body: string) => ({ status: 403, headers: [['content-type', 'text/plain; charset=utf-8', false]], body });

function denial(response: Awaited<ReturnType<typeof grpcCheck>>) {
  assert.equal(response.httpResponse.case, 'deniedResponse');
  const d = response.httpResponse.value!;
  return { status: d.status?.code, headers: d.headers.map((h) => [h.header?.key, h.header?.value, h.append]), body: d.body };
}

describe('kgate server: Check over gRPC and HTTP', () => {
  let s: Started;
  before(async () => {
    const dir = tempDir('serve');
    writeFiles(dir, { 'books.yaml': BOOKS, 'hosts.yaml': HOSTS });
    s = await startInProcess({ policyPaths: [dir] });
  });
  after(() => s.server.close());

  it('allows an admin and shapes the request exactly as the policy says', async () => {
    const response = await grpcCheck(s.addresses.grpc!, envoyCheck('GET', '/book?debug=1&page=2', ADMIN_TOKEN));
    assert.equal(response.status?.code, 0);
    assert.equal(response.httpResponse.case, 'okResponse');
    const ok = response.httpResponse.value!;
    assert.deepEqual(
      ok.headers.map((h) => [h.header?.key, h.header?.value, h.append]),
      [
        ['x-user-role', 'admin', false],
        ['x-kgate', 'checked', true],
      ],
    );
    assert.deepEqual(ok.headersToRemove, ['authorization']);
    assert.deepEqual(
      ok.queryParametersToSet.map((q) => [q.key, q.value]),
      [['role', 'admin']],
    );
    assert.deepEqual(ok.queryParametersToRemove, ['debug']);
    assert.deepEqual(
      ok.responseHeadersToAdd.map((h) => [h.header?.key, h.header?.value, h.append]),
      [['x-served-by', 'kgate', false]],
    );
    assert.deepEqual(response.dynamicMetadata, { role: 'admin', path: '/book', query: { debug: ['1'], page: ['2'] } });
  });

  it('denies a guest write with the default denial', async () => {
    const response = await grpcCheck(s.addresses.grpc!, envoyCheck('POST', '/book', GUEST_TOKEN));
    assert.equal(response.status?.code, status.PERMISSION_DENIED);
    assert.deepEqual(denial(response), plainDenial('only admins may write\n'));
  });

  it("shapes a denial with the rule's status, headers and computed body", async () => {
    const response = await grpcCheck(s.addresses.grpc!, envoyCheck('DELETE', '/book', ADMIN_TOKEN));
    assert.equal(response.status?.code, status.PERMISSION_DENIED);
    assert.deepEqual(denial(response), {
      status: 405,
      headers: [
        ['content-type', 'text/plain; charset=utf-8', false],
        ['allow', 'GET, POST', false],
      ],
      body: 'method DELETE is not allowed on /book',
    });
  });

  it('enforces kyverno-json ValidatingPolicy files alongside', async () => {
    const response = await grpcCheck(s.addresses.grpc!, envoyCheck('GET', '/book', ADMIN_TOKEN, { ':authority': 'evil.example.com' }));
    assert.equal(response.status?.code, 0, 'the host policy reads request.http.host, not the header');
    const evil = envoyCheck('GET', '/book', ADMIN_TOKEN);
    evil.attributes!.request!.http!.host = 'evil.example.com';
    assert.deepEqual(denial(await grpcCheck(s.addresses.grpc!, evil)), plainDenial('this host is not served\n'));
  });

  it('speaks the HTTP protocol: 200 with the headers to copy, denials with their status, headers and body', async () => {
    const http = s.addresses.http!;
    const allowed = await httpRequest(http, { path: '/book', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, host: 'books.example.com' } });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers['x-user-role'], 'admin');
    assert.equal(allowed.headers['x-kgate'], 'checked');
    assert.equal(allowed.headers['x-served-by'], 'kgate');
    assert.equal(allowed.headers['x-envoy-auth-headers-to-remove'], 'authorization');
    const denied = await httpRequest(http, { method: 'POST', path: '/book', headers: { authorization: `Bearer ${GUEST_TOKEN}` }, body: '{}' });
    assert.deepEqual([denied.status, denied.headers['content-type'], denied.body], [403, 'text/plain; charset=utf-8', 'only admins may write\n']);
    const shaped = await httpRequest(http, { method: 'DELETE', path: '/book', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    assert.deepEqual([shaped.status, shaped.headers.allow, shaped.body], [405, 'GET, POST', 'method DELETE is not allowed on /book']);
  });

  it('logs one line per decision with request id, policy, rule and status, and never a header value', async () => {
    await grpcCheck(s.addresses.grpc!, envoyCheck('POST', '/book', GUEST_TOKEN, { 'x-request-id': 'log-me' }));
    const line = s.logs.find('decision', { requestId: 'log-me' });
    assert.ok(line, 'decision line');
    assert.deepEqual([line.allowed, line.status, line.code, line.policy, line.rule], [false, 403, 7, 'default/books', 'only-admins-write']);
    assert.equal(typeof line.durationMs, 'number');
    assert.ok(!JSON.stringify(s.logs.lines).includes(GUEST_TOKEN.split('.')[2]!), 'no token in any log line');
  });

  it('counts checks by result in /metrics', async () => {
    const count = async (result: string) => {
      const text = (await httpRequest(s.addresses.admin!, { path: '/metrics' })).body;
      return Number(new RegExp(`kgate_checks_total\\{protocol="grpc",result="${result}"\\} (\\d+)`).exec(text)?.[1]);
    };
    const [allowed, denied] = [await count('allowed'), await count('denied')];
    await grpcCheck(s.addresses.grpc!, envoyCheck('GET', '/book', ADMIN_TOKEN));
    await grpcCheck(s.addresses.grpc!, envoyCheck('POST', '/book', GUEST_TOKEN));
    await grpcCheck(s.addresses.grpc!, envoyCheck('POST', '/book', GUEST_TOKEN));
    assert.deepEqual([await count('allowed'), await count('denied')], [allowed + 1, denied + 2]);
    const text = (await httpRequest(s.addresses.admin!, { path: '/metrics' })).body;
    assert.match(text, /^kgate_policies_loaded\{source="file"\} 2$/m);
    assert.match(text, /^kgate_decision_duration_seconds_count\{protocol="grpc"\} \d+$/m);
    assert.match(text, /^kgate_ready 1$/m);
  });
});

describe('kgate server: bad input', () => {
  let s: Started;
  before(async () => {
    const dir = tempDir('bad-input');
    writeFiles(dir, { 'books.yaml': BOOKS });
    s = await startInProcess({ policyPaths: [dir], httpMaxBodyBytes: 1024 });
  });
  after(() => s.server.close());

  const stillServing = async () =>
    assert.equal((await grpcCheck(s.addresses.grpc!, envoyCheck('POST', '/book', GUEST_TOKEN))).status?.code, status.PERMISSION_DENIED);

  it('answers INVALID_ARGUMENT for a Check without attributes and for bytes that are not a CheckRequest', async () => {
    const c = client(s.addresses.grpc!);
    const none = await failure(unary(c, CHECK, toBinary(CheckRequestSchema, create(CheckRequestSchema, {}))));
    assert.deepEqual([none.code, none.details], [status.INVALID_ARGUMENT, 'CheckRequest has no attributes']);
    const garbage = await failure(unary(c, CHECK, Buffer.from([0x0a, 0xff, 0xff, 0x01, 0x02])));
    assert.equal(garbage.code, status.INVALID_ARGUMENT);
    assert.match(garbage.details, /^malformed CheckRequest: /);
    c.close();
    await stillServing();
  });

  it('decides a Check carrying a 1 MiB header value, and refuses a message over the receive limit', async () => {
    const huge = await grpcCheck(s.addresses.grpc!, envoyCheck('POST', '/book', GUEST_TOKEN, { cookie: 'a'.repeat(1024 * 1024) }));
    assert.equal(huge.status?.code, status.PERMISSION_DENIED);
    const c = client(s.addresses.grpc!);
    const tooBig = await failure(
      unary(c, CHECK, toBinary(CheckRequestSchema, create(CheckRequestSchema, envoyCheck('GET', '/', undefined, { cookie: 'a'.repeat(5 * 1024 * 1024) })))),
    );
    assert.equal(tooBig.code, status.RESOURCE_EXHAUSTED);
    c.close();
    await stillServing();
  });

  it('drops a connection that sends binary garbage to the gRPC port, serving every other one', async () => {
    const address = s.addresses.grpc!;
    const socket = connect(Number(address.slice(address.lastIndexOf(':') + 1)), '127.0.0.1');
    await once(socket, 'connect');
    socket.write(randomBytes(64 * 1024));
    socket.resume();
    await once(socket, 'close');
    await stillServing();
  });

  it('survives gRPC metadata larger than HTTP/2 accepts', async () => {
    const c = client(s.addresses.grpc!);
    const error = await failure(
      unary(c, CHECK, toBinary(CheckRequestSchema, create(CheckRequestSchema, envoyCheck('GET', '/book', ADMIN_TOKEN))), { 'x-big': 'b'.repeat(256 * 1024) }),
    );
    assert.notEqual(error.code, status.OK);
    c.close();
    await stillServing();
  });

  it('over HTTP: 413 for a body over the limit (declared or streamed), 431 for huge headers, then keeps serving', async () => {
    const http = s.addresses.http!;
    assert.equal((await httpRequest(http, { method: 'POST', path: '/book', body: 'x'.repeat(2048) })).status, 413);
    assert.equal((await httpRequest(http, { method: 'POST', path: '/book', headers: { 'transfer-encoding': 'chunked' }, body: 'x'.repeat(4096) })).status, 413);
    assert.equal((await httpRequest(http, { path: '/book', headers: { 'x-big': 'h'.repeat(100 * 1024) } })).status, 431);
    const denied = await httpRequest(http, { method: 'POST', path: '/book', headers: { authorization: `Bearer ${GUEST_TOKEN}` } });
    assert.equal(denied.status, 403);
  });
});

describe('kgate server: health and readiness', () => {
  it('is live at once, ready (HTTP and gRPC health) and answering Checks only once policies are loaded', async () => {
    const dir = tempDir('ready');
    writeFiles(dir, { 'books.yaml': BOOKS });
    const s = await startInProcess({ policyPaths: [dir], load: false });
    const health = async (service = '') => {
      const c = client(s.addresses.grpc!);
      try {
        return fromBinary(
          HealthCheckResponseSchema,
          await unary(c, '/grpc.health.v1.Health/Check', toBinary(HealthCheckRequestSchema, create(HealthCheckRequestSchema, { service }))),
        ).status;
      } finally {
        c.close();
      }
    };
    assert.equal((await httpRequest(s.addresses.admin!, { path: '/healthz' })).status, 200);
    const post = await httpRequest(s.addresses.admin!, { method: 'POST', path: '/healthz' });
    assert.deepEqual([post.status, post.headers.allow], [405, 'GET, HEAD']);
    assert.equal((await httpRequest(s.addresses.admin!, { path: '/readyz' })).status, 503);
    assert.equal(await health(), HealthCheckResponse_ServingStatus.NOT_SERVING);
    const early = await failure(grpcCheck(s.addresses.grpc!, envoyCheck('GET', '/book')));
    assert.deepEqual(
      [early.code, early.details],
      [status.UNAVAILABLE, 'kgate is starting: policies are not loaded yet'],
      'never allowed before the policies are in',
    );
    assert.equal((await httpRequest(s.addresses.http!, { path: '/book' })).status, 503);
    await s.server.loadPolicies();
    assert.equal((await grpcCheck(s.addresses.grpc!, envoyCheck('POST', '/book', GUEST_TOKEN))).status?.code, status.PERMISSION_DENIED);
    assert.equal((await httpRequest(s.addresses.admin!, { path: '/readyz' })).status, 200);
    assert.equal(await health(), HealthCheckResponse_ServingStatus.SERVING);
    assert.equal(await health('envoy.service.auth.v3.Authorization'), HealthCheckResponse_ServingStatus.SERVING);
    const c = client(s.addresses.grpc!);
    assert.equal(
      (await failure(unary(c, '/grpc.health.v1.Health/Check', toBinary(HealthCheckRequestSchema, create(HealthCheckRequestSchema, { service: 'nope' }))))).code,
      status.NOT_FOUND,
    );
    c.close();
    await s.server.close();
  });
});

describe('kgate server: Envoy Gateway hooks on the gRPC port', () => {
  it('takes policies from PostHTTPListenerModify and applies them to Checks tagged with that listener only', async () => {
    const compilers = createCompilers({
      now: Date.now,
      keys: { jwks: () => Promise.reject(new Error('none')), file: () => Promise.reject(new Error('none')) },
    });
    const s = await startInProcess({
      compilers,
      services: (store) => [createExtensionService({ store, compilers, config: hookConfigFrom({}), logger: createLogger('silent') })],
    });
    const policy = {
      apiVersion: 'kgate.dev/v1alpha1',
      kind: 'AuthorizationPolicy',
      metadata: { name: 'eg-only', namespace: 'default' },
      spec: {
        targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'eg' }],
        rules: [
          {
            name: 'no-posts',
            match: { any: [{ request: { http: { method: 'POST' } } }] },
            assert: { all: [{ message: 'no posts on eg', check: { request: { http: { method: 'GET' } } } }] },
          },
        ],
      },
    };
    const listener = new BinaryWriter().tag(1, WireType.LengthDelimited).string('default/eg/http').finish();
    const resource = new BinaryWriter()
      .tag(1, WireType.LengthDelimited)
      .bytes(Buffer.from(JSON.stringify(policy)))
      .finish();
    const context = new BinaryWriter().tag(1, WireType.LengthDelimited).bytes(resource).finish();
    const request = new BinaryWriter().tag(1, WireType.LengthDelimited).bytes(listener).tag(2, WireType.LengthDelimited).bytes(context).finish();
    const c = client(s.addresses.grpc!);
    await unary(c, '/envoygateway.extension.EnvoyGatewayExtension/PostHTTPListenerModify', request);
    c.close();
    const post = envoyCheck('POST', '/book');
    const tagged = await grpcCheck(s.addresses.grpc!, post, { 'x-kgate-listener': 'default/eg/http', 'x-kgate-sections': 'default/eg/http' });
    assert.deepEqual(denial(tagged), plainDenial('no posts on eg\n'));
    const other = await grpcCheck(s.addresses.grpc!, post, { 'x-kgate-sections': 'default/other/http' });
    assert.equal(other.status?.code, 0, 'another Gateway: no policy in scope');
    await assert.rejects(
      grpcCheck(s.addresses.grpc!, post, { 'x-kgate-listener': 'default/unknown/http', 'x-kgate-sections': 'default/unknown/http' }),
      (error: { code?: number; details?: string }) =>
        error.code === status.UNAVAILABLE && /no policies known for xds listener default\/unknown\/http/.test(error.details ?? ''),
      'a listener the hook never told kgate about is not decided (Envoy applies failure_mode_allow)',
    );
    assert.equal((await grpcCheck(s.addresses.grpc!, post)).status?.code, 0, 'untagged');
    await s.server.close();
  });
});
