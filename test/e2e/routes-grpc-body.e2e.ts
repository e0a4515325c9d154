// Route policies on a GRPCRoute, and a body policy that refuses partial bodies, through a real
// Envoy Gateway v1.9 (file provider) and Envoy: Gateway `eg` (one HTTP listener, no Gateway
// policy) with GRPCRoute `greeter` (rules `say` and `admin`) to a gRPC backend on loopback,
// and HTTPRoute `strict` to the echo backend. EG hands the route policies to PostRouteModify;
// the HCM carries kgate's filter disabled, enabled by the per-route config on those routes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { Stack, until } from './support/stack.js';

const SERVICE = 'kgate.test.Greeter';

const policy = (name: string, target: string, rules: string, extra = '') => `apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: ${name}, namespace: default }
spec:
  targetRefs: [ ${target} ]
${extra}  rules:
${rules}`;

const needs = (rule: string, header: string, deny = '') => `  - name: ${rule}
    assert:
      all:
      - message: ${rule} needs ${header}
        check:
          request: { http: { headers: { ${header}: "yes" } } }
${deny}`;

const greeterPolicy = policy(
  'greeter-route',
  '{ group: gateway.networking.k8s.io, kind: GRPCRoute, name: greeter }',
  needs('route', 'x-route', '    deny: { status: 401, body: route says no }\n'),
  '  allow: { request: { headers: { set: { x-decided-by: greeter-route } } } }\n',
);
const adminPolicy = policy(
  'greeter-admin-rule',
  '{ group: gateway.networking.k8s.io, kind: GRPCRoute, name: greeter, sectionName: admin }',
  needs('rule', 'x-admin'),
);
const strictPolicy = policy(
  'strict-body',
  '{ group: gateway.networking.k8s.io, kind: HTTPRoute, name: strict }',
  `  - name: format
    assert:
      all:
      - message: only paperbacks
        check:
          ($body.format): paperback
`,
  '  body: { maxBytes: 1024, allowPartial: false }\n',
);

function resources(echo: number, grpcBackend: number, port: number): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: eg, namespace: default }
spec:
  gatewayClassName: eg
  listeners:
  - { name: http, protocol: HTTP, port: ${port} }
---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: Backend
metadata: { name: echo, namespace: default }
spec:
  endpoints: [ { ip: { address: 127.0.0.1, port: ${echo} } } ]
---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: Backend
metadata: { name: greeter, namespace: default }
spec:
  endpoints: [ { ip: { address: 127.0.0.1, port: ${grpcBackend} } } ]
---
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: { name: greeter, namespace: default }
spec:
  parentRefs: [ { name: eg } ]
  rules:
  - name: say
    matches: [ { method: { service: ${SERVICE}, method: Say } } ]
    backendRefs: [ { group: gateway.envoyproxy.io, kind: Backend, name: greeter } ]
  - name: admin
    matches: [ { method: { service: ${SERVICE}, method: Admin } } ]
    backendRefs: [ { group: gateway.envoyproxy.io, kind: Backend, name: greeter } ]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: strict, namespace: default }
spec:
  parentRefs: [ { name: eg } ]
  rules:
  - matches: [ { path: { type: PathPrefix, value: /strict } } ]
    backendRefs: [ { group: gateway.envoyproxy.io, kind: Backend, name: echo } ]
`;
}

/** A gRPC backend on loopback: each method answers with the request metadata it received, as JSON. */
async function startGreeter(): Promise<{ port: number; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const bytes = (b: Buffer) => b;
  const method = (name: string): grpc.MethodDefinition<Buffer, Buffer> => ({
    path: `/${SERVICE}/${name}`,
    requestStream: false,
    responseStream: false,
    requestSerialize: bytes,
    requestDeserialize: bytes,
    responseSerialize: bytes,
    responseDeserialize: bytes,
  });
  const answer: grpc.handleUnaryCall<Buffer, Buffer> = (call, callback) => {
    calls++;
    callback(null, Buffer.from(JSON.stringify(call.metadata.getMap())));
  };
  const server = new grpc.Server();
  server.addService({ Say: method('Say'), Admin: method('Admin') }, { Say: answer, Admin: answer });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { port, calls: () => calls, close: () => new Promise((resolve) => server.tryShutdown(() => resolve())) };
}

let stack: Stack;
let greeter: Awaited<ReturnType<typeof startGreeter>>;
let client: grpc.Client;

interface Called {
  readonly code: number;
  readonly details: string;
  /** The metadata the backend received (allowed calls). */
  readonly seen?: Record<string, string>;
}

/** One unary gRPC call through Envoy (h2c on the Gateway listener); a 5 s deadline. */
function call(name: string, headers: Record<string, string> = {}): Promise<Called> {
  const metadata = new grpc.Metadata();
  for (const [k, v] of Object.entries(headers)) metadata.set(k, v);
  const bytes = (b: Buffer) => b;
  return new Promise((resolve) =>
    client.makeUnaryRequest(`/${SERVICE}/${name}`, bytes, bytes, Buffer.from('hi'), metadata, { deadline: Date.now() + 5000 }, (error, value) =>
      resolve(
        error
          ? { code: error.code, details: error.details }
          : { code: grpc.status.OK, details: '', seen: JSON.parse(value!.toString()) as Record<string, string> },
      ),
    ),
  );
}

/** Until `probe` holds three times in a row (a listener change reaches new connections first; see routes.e2e.ts). */
async function settled(what: string, probe: () => Promise<boolean>): Promise<void> {
  await until(what, async () => {
    for (let i = 0; i < 3; i++) if (!(await probe())) return undefined;
    return true;
  });
}

async function post(body: string | Uint8Array): Promise<{ status: number; body: string }> {
  const res = await fetch(stack.url(0, '/strict'), { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  return { status: res.status, body: await res.text() };
}

/** kgate's per-route config by xds route name, from Envoy's config_dump. */
async function perRoute(): Promise<Map<string, any>> {
  const dump = await stack.configDump();
  const routeConfigs = dump.configs.find((c: any) => c['@type'].endsWith('.RoutesConfigDump')).dynamic_route_configs ?? [];
  const out = new Map<string, any>();
  for (const rc of routeConfigs)
    for (const vh of rc.route_config.virtual_hosts ?? []) for (const r of vh.routes ?? []) out.set(r.name, r.typed_per_filter_config?.['kgate.ext_authz']);
  return out;
}

before(async () => {
  greeter = await startGreeter();
  stack = await Stack.start({
    resources: (p) => ({
      'gateway.yaml': resources(p.echo, greeter.port, p.listeners[0]!),
      'greeter.yaml': greeterPolicy,
      'admin.yaml': adminPolicy,
      'strict.yaml': strictPolicy,
    }),
  });
  client = new grpc.Client(`127.0.0.1:${stack.ports.listeners[0]}`, grpc.credentials.createInsecure());
  await settled('route policy on greeter', async () => (await call('Say')).code === grpc.status.UNAUTHENTICATED);
  await settled('rule policy on greeter/admin', async () => (await call('Admin', { 'x-route': 'yes' })).code === grpc.status.PERMISSION_DENIED);
});
after(async () => {
  client?.close();
  await stack?.stop();
  await greeter?.close();
});

describe('a GRPCRoute with route and rule policies', () => {
  test('the route policy decides every method; the denial reaches the gRPC client as a gRPC status', async () => {
    const before = greeter.calls();
    const denied = await call('Say');
    // Envoy turns ext_authz's 401 into a trailers-only gRPC answer: 401 → UNAUTHENTICATED, the body as grpc-message.
    assert.equal(denied.code, grpc.status.UNAUTHENTICATED);
    assert.match(denied.details, /route says no/);
    assert.equal(greeter.calls(), before, 'the backend never saw the denied call');
    const ok = await call('Say', { 'x-route': 'yes' });
    assert.equal(ok.code, grpc.status.OK);
    assert.equal(ok.seen?.['x-decided-by'], 'greeter-route', "the route policy's allow shaping reached the backend");
  });

  test('the rule policy applies to rule admin only', async () => {
    const denied = await call('Admin', { 'x-route': 'yes' });
    assert.equal(denied.code, grpc.status.PERMISSION_DENIED, '403 (the default denial) → PERMISSION_DENIED');
    assert.match(denied.details, /rule needs x-admin/);
    assert.equal((await call('Admin', { 'x-route': 'yes', 'x-admin': 'yes' })).code, grpc.status.OK);
    assert.equal((await call('Say', { 'x-route': 'yes' })).code, grpc.status.OK, 'rule say is not rule admin');
    assert.equal((await call('Admin', { 'x-admin': 'yes' })).code, grpc.status.UNAUTHENTICATED, 'the route policy applies on rule admin too');
  });

  test("Envoy's config: the filter disabled in the HCM, kgate's per-route config on both GRPCRoute rules", async () => {
    const [filters] = await stack.httpFilters(stack.ports.listeners[0]!);
    const filter = filters?.find((f) => f.name === 'kgate.ext_authz');
    assert.equal((filter as { disabled?: boolean } | undefined)?.disabled, true, 'no Gateway policy: disabled in the HCM');
    const routes = await perRoute();
    const greeterRoutes = [...routes.entries()].filter(([name]) => name.startsWith('grpcroute/default/greeter/'));
    assert.equal(greeterRoutes.length, 2, `two rules of greeter: ${[...routes.keys()].join(', ')}`);
    for (const [name, config] of greeterRoutes) {
      assert.ok(config, `${name} has kgate's per-route config`);
      assert.deepEqual(Object.keys(config.check_settings.context_extensions).sort(), ['x-kgate-route', 'x-kgate-route-key', 'x-kgate-rule']);
    }
    assert.match(stack.kgateLog(), /"object":"GRPCRoute\/default\/greeter\/admin"/, 'kgate saw the route as the GRPCRoute rule');
  });

  test('the route policy deleted: it stops applying; the rule policy stays on its rule', async () => {
    stack.removeResource('greeter.yaml');
    await settled('greeter policy gone', async () => (await call('Say')).code === grpc.status.OK);
    assert.equal((await call('Admin')).code, grpc.status.PERMISSION_DENIED);
    assert.equal((await call('Admin', { 'x-admin': 'yes' })).code, grpc.status.OK);
  });
});

describe('spec.body.allowPartial: false on a route', () => {
  test('a body within maxBytes is decided on the whole body', async () => {
    assert.equal((await post('{"format":"paperback"}')).status, 200);
    const denied = await post('{"format":"hardcover"}');
    assert.equal(denied.status, 403);
    assert.match(denied.body, /only paperbacks/);
  });

  test('a body over maxBytes (1 KiB): Envoy answers 413 itself; neither kgate nor the backend sees the request', async () => {
    const checksBefore = (stack.kgateLog().match(/"msg":"decision"/g) ?? []).length;
    const echoBefore = stack.echo.requests();
    const res = await post(`{"format":"paperback","pad":"${'x'.repeat(4096)}"}`);
    assert.equal(res.status, 413);
    assert.equal(stack.echo.requests(), echoBefore, 'the backend never got it');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((stack.kgateLog().match(/"msg":"decision"/g) ?? []).length, checksBefore, 'no Check was made');
  });

  test('the same without content-length (chunked): Envoy buffers up to maxBytes, then answers 413', async () => {
    const echoBefore = stack.echo.requests();
    const chunks = [`{"format":"paperback","pad":"`, 'x'.repeat(2048), 'x'.repeat(2048), '"}'];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const res = await fetch(stack.url(0, '/strict'), { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    assert.equal(res.status, 413);
    assert.equal(stack.echo.requests(), echoBefore);
    const small = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"format":'));
        controller.enqueue(new TextEncoder().encode('"paperback"}'));
        controller.close();
      },
    });
    const ok = await fetch(stack.url(0, '/strict'), {
      method: 'POST',
      body: small,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    assert.equal(ok.status, 200, 'a chunked body within maxBytes is decided whole');
  });
});
