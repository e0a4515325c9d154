// Route targets through `kgate serve`'s real gRPC server: Envoy Gateway's
// PostRouteModify calls (route policies in extension_policies, as EG ≥ 1.9 sends
// them), then PostHTTPListenerModify and PostTranslateModify, then Checks carrying
// exactly what the injected filter and the per-route config make Envoy send.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { anyPack, anyUnpack } from '@bufbuild/protobuf/wkt';
import * as grpc from '@grpc/grpc-js';
import { pino } from 'pino';
import { KgateServer } from '../../src/authz/server.js';
import { ListenerSchema } from '../../src/gen/envoy/config/listener/v3/listener_pb.js';
import { RouteSchema, type Route } from '../../src/gen/envoy/config/route/v3/route_components_pb.js';
import { ExtAuthzPerRouteSchema, type ExtAuthzPerRoute } from '../../src/gen/envoy/extensions/filters/http/ext_authz/v3/ext_authz_pb.js';
import { HttpConnectionManagerSchema } from '../../src/gen/envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager_pb.js';
import { CheckRequestSchema, CheckResponseSchema, type CheckResponse } from '../../src/gen/envoy/service/auth/v3/external_auth_pb.js';
import { hookConfigFrom } from '../../src/cli/hook-flags.js';
import { KGATE_FILTER_NAME, kgateFilters as filtersFor } from '../../src/hooks/filter.js';
import { policySetDigest } from '../../src/engine/policy/digest.js';
import { planListener } from '../../src/hooks/plan.js';
import { modifyRouteWire } from '../../src/hooks/route-wire.js';
import { createExtensionService, HOOK_MAX_MESSAGE_BYTES } from '../../src/hooks/service.js';
import { HookState } from '../../src/hooks/state.js';
import { PolicyStore } from '../../src/policies/store.js';
import { compilePolicyObject } from '../../src/engine/policy/load.js';
import { decodeListener, extAuthzOf, hcmsOf, kgateFilters } from './support/envoy.js';
import { listenerRequest, replyField, testCompilers } from './support/harness.js';
import { egRoute, policy, routeRequest } from './support/routes.js';

type Tags = Record<string, string>;

/** routeRetireMs in these tests: a route's policies outlive the translation that dropped it by this long. */
const RETIRE_MS = 40;
const pastRetirement = () => new Promise((resolve) => setTimeout(resolve, RETIRE_MS * 3));

const needHeader = (rule: string, header: string, deny?: object) => ({
  name: rule,
  assert: { all: [{ message: `${rule}: needs ${header}`, check: { request: { http: { headers: { [header]: 'yes' } } } } }] },
  ...(deny ? { deny } : {}),
});

function listener(name: string): Uint8Array {
  const hcm = create(HttpConnectionManagerSchema, {
    statPrefix: name,
    routeSpecifier: { case: 'rds', value: { routeConfigName: name } },
    httpFilters: [{ name: 'envoy.filters.http.router' }],
  });
  return toBinary(
    ListenerSchema,
    create(ListenerSchema, {
      name,
      defaultFilterChain: {
        name,
        filters: [
          { name: 'envoy.filters.network.http_connection_manager', configType: { case: 'typedConfig', value: anyPack(HttpConnectionManagerSchema, hcm) } },
        ],
      },
    }),
  );
}

function perRoute(route: Route): ExtAuthzPerRoute | undefined {
  const any = route.typedPerFilterConfig[KGATE_FILTER_NAME];
  return any ? (anyUnpack(any, ExtAuthzPerRouteSchema) as ExtAuthzPerRoute) : undefined;
}

function contextExtensions(route: Route): Tags {
  const config = perRoute(route);
  return config?.override.case === 'checkSettings' ? { ...config.override.value.contextExtensions } : {};
}

describe('route targets through kgate serve', () => {
  let server: KgateServer;
  let call: (path: string, request: Uint8Array, metadata?: Tags) => Promise<Buffer>;
  let client: grpc.Client;

  before(async () => {
    const logger = pino({ level: 'silent' });
    server = new KgateServer({
      grpcAddress: { kind: 'tcp', host: '127.0.0.1', port: 0 },
      policyPaths: [],
      compilers: testCompilers,
      logger,
      decisionTimeoutMs: 1000,
      decisionLog: false,
      httpMaxBodyBytes: 1 << 20,
      grpcMaxReceiveBytes: HOOK_MAX_MESSAGE_BYTES,
      shutdownTimeoutMs: 1000,
      services: (store) => [createExtensionService({ store, compilers: testCompilers, config: hookConfigFrom({}), logger, routeRetireMs: RETIRE_MS })],
    });
    const { grpc: address } = await server.listen();
    server.loadPolicies();
    client = new grpc.Client(address!, grpc.credentials.createInsecure(), { 'grpc.max_send_message_length': HOOK_MAX_MESSAGE_BYTES });
    call = (path, request, tags = {}) =>
      new Promise((resolve, reject) => {
        const metadata = new grpc.Metadata();
        for (const [k, v] of Object.entries(tags)) metadata.set(k, v);
        client.makeUnaryRequest(
          path,
          (b: Uint8Array) => Buffer.from(b),
          (b: Buffer) => b,
          request,
          metadata,
          (error, value) => (error ? reject(error) : resolve(value!)),
        );
      });
  });
  after(async () => {
    client.close();
    await server.close();
  });

  const hooks = '/envoygateway.extension.EnvoyGatewayExtension/';
  const routeHook = async (route: Uint8Array, policies: object[]): Promise<Route> => {
    const reply = replyField(await call(`${hooks}PostRouteModify`, routeRequest(route, policies)));
    return fromBinary(RouteSchema, reply ?? route);
  };
  const listenerHook = async (bytes: Uint8Array, policies: object[]) => {
    const reply = replyField(await call(`${hooks}PostHTTPListenerModify`, listenerRequest(bytes, policies)));
    return decodeListener(reply ?? bytes);
  };
  const translated = () => call(`${hooks}PostTranslateModify`, new Uint8Array(0));

  async function check(tags: Tags, extensions: Tags, headers: Tags = {}): Promise<CheckResponse> {
    const request = create(CheckRequestSchema, {
      attributes: {
        contextExtensions: extensions,
        request: { http: { method: 'GET', path: '/', host: 'www.example.com', headers: { ':method': 'GET', ':path': '/', ...headers } } },
      },
    });
    return fromBinary(CheckResponseSchema, await call('/envoy.service.auth.v3.Authorization/Check', toBinary(CheckRequestSchema, request), tags));
  }
  const allowed = (r: CheckResponse) => (r.status?.code ?? 0) === 0;
  const denied = (r: CheckResponse) => (r.httpResponse.case === 'deniedResponse' ? r.httpResponse.value : undefined);
  const upstream = (r: CheckResponse) =>
    r.httpResponse.case === 'okResponse' ? Object.fromEntries(r.httpResponse.value.headers.map((h) => [h.header?.key, h.header?.value])) : {};

  const gatewayWide = policy('gateway-wide', [{ kind: 'Gateway', name: 'eg' }], [needHeader('gw', 'x-gw', { status: 401, body: 'gateway says no' })], {
    allow: { request: { headers: { set: { 'x-decided-by': 'gateway', 'x-gateway': 'yes' } } } },
  });
  const routePolicy = policy('route-a', [{ kind: 'HTTPRoute', name: 'a' }], [needHeader('route', 'x-route', { status: 418, body: 'route says no' })], {
    allow: { request: { headers: { set: { 'x-decided-by': 'route' } } } },
  });
  const rulePolicy = policy('rule-a-write', [{ kind: 'HTTPRoute', name: 'a', sectionName: 'write' }], [needHeader('rule', 'x-rule')]);

  it('Gateway, route and rule policies: all must allow; the denial comes from the most specific scope, allow shaping from all, most specific last', async () => {
    // One translation: EG calls the route hook for the routes with route policies, then the listener hook, then PostTranslateModify.
    const readRoute = await routeHook(egRoute('httproute/default/a/rule/0/match/0/www_example_com', { namespace: 'default', name: 'a', rule: 'read' }), [
      routePolicy,
    ]);
    const writeRoute = await routeHook(egRoute('httproute/default/a/rule/1/match/0/www_example_com', { namespace: 'default', name: 'a', rule: 'write' }), [
      routePolicy,
      rulePolicy,
    ]);
    const hcm = hcmsOf(await listenerHook(listener('default/eg/http'), [gatewayWide]))[0]!.hcm;
    await translated();

    const [filter] = kgateFilters(hcm);
    assert.equal(filter?.disabled, false, 'a Gateway policy applies to every route: the filter is enabled in the HCM');
    assert.deepEqual(filter && extAuthzOf(filter).routeMetadataContextNamespaces, ['envoy-gateway']);
    const tags = { 'x-kgate-listener': 'default/eg/http', 'x-kgate-sections': 'default/eg/http' };
    const read = contextExtensions(readRoute);
    const write = contextExtensions(writeRoute);
    assert.deepEqual(read, {
      'x-kgate-route-key': 'httproute/default/a/rule/0/match/0/www_example_com',
      'x-kgate-route': 'HTTPRoute/default/a',
      'x-kgate-rule': 'read',
    });
    assert.equal(write['x-kgate-rule'], 'write');

    // A route with no route policy (its route hook is never called): the Gateway policy alone.
    assert.equal(denied(await check(tags, {}))?.status?.code, 401);
    assert.ok(allowed(await check(tags, {}, { 'x-gw': 'yes' })));
    // Route a, rule read: Gateway + route.
    const both = await check(tags, read);
    assert.equal(denied(both)?.status?.code, 418, 'both violated: the route, more specific, shapes the denial');
    assert.match(denied(both)?.body ?? '', /route says no/);
    assert.equal(denied(await check(tags, read, { 'x-route': 'yes' }))?.status?.code, 401, 'the Gateway policy still applies on the route');
    const ok = await check(tags, read, { 'x-route': 'yes', 'x-gw': 'yes' });
    assert.ok(allowed(ok));
    assert.deepEqual(upstream(ok), { 'x-decided-by': 'route', 'x-gateway': 'yes' }, 'allow shaping from both, the route last');
    // Route a, rule write: Gateway + route + rule; the rule policy only here.
    assert.equal(denied(await check(tags, write, { 'x-route': 'yes', 'x-gw': 'yes' }))?.status?.code, 403, 'the rule policy (default denial)');
    assert.ok(allowed(await check(tags, write, { 'x-route': 'yes', 'x-gw': 'yes', 'x-rule': 'yes' })));
    assert.ok(allowed(await check(tags, read, { 'x-route': 'yes', 'x-gw': 'yes' })), 'the rule policy does not apply to rule read');
  });

  it('with route policies only, the HCM carries the filter disabled, and only routes with a policy enable it', async () => {
    const only = policy('only-route', [{ kind: 'HTTPRoute', name: 'b' }], [needHeader('b', 'x-b')], { body: { maxBytes: 1024, allowPartial: false } });
    const readsBody = { ...only, spec: { ...(only.spec as object), rules: [{ name: 'b', assert: { all: [{ check: { '($body.ok)': true } }] } }] } };
    const route = await routeHook(egRoute('httproute/default/b/rule/0/match/0/www_example_com', { namespace: 'default', name: 'b' }), [readsBody]);
    const hcm = hcmsOf(await listenerHook(listener('default/other/http'), []))[0]!.hcm;
    await translated();
    assert.equal(kgateFilters(hcm)[0]?.disabled, true, 'no Gateway policy: disabled in the HCM');
    const settings = perRoute(route)?.override;
    assert.equal(settings?.case, 'checkSettings');
    const body = settings?.case === 'checkSettings' ? settings.value.withRequestBody : undefined;
    assert.deepEqual([body?.maxRequestBytes, body?.allowPartialMessage], [1024, false], 'the policy reads the body: buffered on its route, as spec.body says');
    assert.equal(contextExtensions(route)['x-kgate-rule'], undefined, 'an unnamed rule has no rule tag');

    // The next translation has no route policy: listeners lose the disabled filter.
    const later = hcmsOf(await listenerHook(listener('default/other/http'), []))[0]!.hcm;
    await translated();
    assert.deepEqual(kgateFilters(later), []);
  });

  it('a route policy removed: the route loses its per-route config and its Checks are no longer decided by it', async () => {
    const bytes = egRoute('httproute/default/c/rule/0/match/0/www_example_com', { namespace: 'default', name: 'c' });
    const config = hookConfigFrom({});
    const policyC = compilePolicyObject(policy('route-c', [{ kind: 'HTTPRoute', name: 'c' }], [needHeader('c', 'x-c')]), 'test', testCompilers);
    const enabled = modifyRouteWire(bytes, [policyC], config);
    assert.ok(enabled.route);
    assert.equal(modifyRouteWire(enabled.route, [policyC], config).route, undefined, 'idempotent: its own output is unchanged');
    const removed = modifyRouteWire(enabled.route, [], config).route;
    assert.ok(removed);
    assert.deepEqual(fromBinary(RouteSchema, removed), fromBinary(RouteSchema, bytes));

    const withPolicy = await routeHook(bytes, [policy('route-c', [{ kind: 'HTTPRoute', name: 'c' }], [needHeader('c', 'x-c')])]);
    const tags = { 'x-kgate-listener': 'default/eg/http', 'x-kgate-sections': 'default/eg/http' };
    await listenerHook(listener('default/eg/http'), []);
    await translated();
    const ext = contextExtensions(withPolicy);
    assert.equal(denied(await check(tags, ext))?.status?.code, 403);
    // EG calls the route hook with no policy left (or not at all, and the route has no per-route config).
    const without = await routeHook(bytes, []);
    assert.equal(perRoute(without), undefined);
    await listenerHook(listener('default/eg/http'), []);
    await translated();
    // Envoy has the previous snapshot until EG pushes this one: Checks naming the route are still decided by its policies.
    assert.equal(denied(await check(tags, ext))?.status?.code, 403, 'no window: the route keeps its policies right after the translation');
    await pastRetirement();
    await assert.rejects(
      check(tags, ext),
      /UNAVAILABLE|no policies known for xds route/,
      'retired: a route kgate holds no policies for is never decided without them',
    );
  });

  it('$route reads the route metadata Envoy forwards (route_metadata_context_namespaces)', async () => {
    const annotated = policy(
      'annotated-need-admin',
      [{ kind: 'Gateway', name: 'eg' }],
      [
        {
          name: 'admin-routes',
          match: { any: [{ '($route.annotations.tier)': 'admin' }] },
          assert: { all: [{ message: 'admin routes need x-role: admin', check: { request: { http: { headers: { 'x-role': 'admin' } } } } }] },
        },
      ],
    );
    await listenerHook(listener('default/eg/http'), [annotated]);
    await translated();
    const tags = { 'x-kgate-listener': 'default/eg/http', 'x-kgate-sections': 'default/eg/http' };
    const send = (annotations: Record<string, string>, headers: Tags = {}) => {
      const request = create(CheckRequestSchema, {
        attributes: {
          routeMetadataContext: { filterMetadata: { 'envoy-gateway': { resources: [{ kind: 'HTTPRoute', namespace: 'default', name: 'x', annotations }] } } },
          request: { http: { method: 'GET', path: '/', headers: { ':method': 'GET', ...headers } } },
        },
      });
      return call('/envoy.service.auth.v3.Authorization/Check', toBinary(CheckRequestSchema, request), tags).then((b) => fromBinary(CheckResponseSchema, b));
    };
    assert.equal(denied(await send({ tier: 'admin' }))?.status?.code, 403);
    assert.ok(allowed(await send({ tier: 'admin' }, { 'x-role': 'admin' })));
    assert.ok(allowed(await send({ tier: 'public' })));
    assert.ok(allowed(await send({})));
  });
});

describe('route policies across a kgate restart (--hook-state-file)', () => {
  it('the route hook state is restored: the route is known, its policies decide again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kgate-route-state-')), 'hooks.json');
    const logger = pino({ level: 'silent' });
    const config = hookConfigFrom({});
    const first = new PolicyStore();
    const state = new HookState(file, logger);
    const { routes } = createExtensionService({ store: first, compilers: testCompilers, config, logger, state });
    const name = 'httproute/default/d/rule/0/match/0/www_example_com';
    const request = routeRequest(egRoute(name, { namespace: 'default', name: 'd', rule: 'only' }), [
      policy('route-d', [{ kind: 'HTTPRoute', name: 'd' }], [needHeader('d', 'x-d')]),
    ]);
    routes.get('/envoygateway.extension.EnvoyGatewayExtension/PostRouteModify')!(request);
    assert.ok(first.knowsRoute(name));
    await state.flush();

    const restarted = new PolicyStore();
    createExtensionService({ store: restarted, compilers: testCompilers, config, logger, state: new HookState(file, logger) });
    assert.ok(restarted.knowsRoute(name), 'known before EG calls again');
    const scope = { sections: [], route: { key: name, identity: { kind: 'HTTPRoute', namespace: 'default', name: 'd', rule: 'only' } } };
    assert.deepEqual(
      restarted.forScope(scope).map((p) => p.id),
      ['default/route-d'],
    );
  });
});

describe('planListener with route policies in the translation', () => {
  const site = { chain: 'default/eg/http', routeConfig: 'default/eg/http', isDefault: true };
  const compile = (object: object) => compilePolicyObject(object, 'test', testCompilers);
  const ignore = compile(policy('gw-ignore', [{ kind: 'Gateway', name: 'eg' }], [needHeader('g', 'x-g')], { failurePolicy: 'Ignore' }));
  const routeFail = compile(policy('route-fail', [{ kind: 'HTTPRoute', name: 'r' }], [needHeader('r', 'x-r')]));
  const routeIgnore = compile(policy('route-ignore', [{ kind: 'HTTPRoute', name: 'r' }], [needHeader('r', 'x-r')], { failurePolicy: 'Ignore' }));

  it('a route policy that fails closed keeps the HCM failing closed: the per-route config cannot change the failure mode', () => {
    assert.equal(planListener([site], [ignore])[0]?.failureModeAllow, true);
    assert.equal(planListener([site], [ignore], [routeFail])[0]?.failureModeAllow, false);
    assert.equal(planListener([site], [ignore], [routeIgnore])[0]?.failureModeAllow, true);
    assert.deepEqual(planListener([site], [], [routeFail])[0], {
      sections: ['default/eg/http'],
      policies: [],
      policySet: policySetDigest([]),
      failureModeAllow: false,
      withBody: false,
      disabled: true,
    });
    assert.equal(planListener([site], [], [routeIgnore])[0]?.failureModeAllow, true);
    assert.equal(planListener([site], [])[0], undefined, 'no policy at all: no filter');
  });

  it('the HCM buffers the largest body limit a reader in scope asks for; the default counts for a reader that sets none', () => {
    const reads = (name: string, body?: object) =>
      compile(policy(name, [{ kind: 'Gateway', name: 'eg' }], [{ name: 'b', assert: { all: [{ check: { '($body.ok)': true } }] } }], body ? { body } : {}));
    const config = hookConfigFrom({});
    const limit = (policies: ReturnType<typeof reads>[]) => {
      const plan = planListener([site], policies)[0]!;
      const json = filtersFor(config).json('default/eg/http', plan) as {
        typedConfig: { withRequestBody?: { maxRequestBytes: number; allowPartialMessage?: boolean } };
      };
      return [json.typedConfig.withRequestBody?.maxRequestBytes, json.typedConfig.withRequestBody?.allowPartialMessage ?? false];
    };
    assert.deepEqual(limit([reads('a', { maxBytes: 1024 })]), [1024, true]);
    assert.deepEqual(limit([reads('a', { maxBytes: 1024 }), reads('b')]), [8192, true], 'b reads with the default 8192');
    assert.deepEqual(limit([reads('a', { maxBytes: 65536 }), reads('b')]), [65536, true]);
    assert.deepEqual(limit([reads('a', { maxBytes: 1024, allowPartial: false }), reads('b')]), [8192, false], 'one refusing partial bodies wins');
    assert.deepEqual(limit([ignore]), [undefined, false], 'no reader: nothing buffered');
  });
});

describe('routes that lose their last policy are retired (no dead entries)', () => {
  const logger = pino({ level: 'silent' });
  const config = hookConfigFrom({});
  const hooks = '/envoygateway.extension.EnvoyGatewayExtension/';
  const routeName = (route: string) => `httproute/default/${route}/rule/0/match/0/www_example_com`;
  const routePolicy = (route: string) => policy(`route-${route}`, [{ kind: 'HTTPRoute', name: route }], [needHeader(route, `x-${route}`)]);
  type Service = ReturnType<typeof createExtensionService>;
  const call = (service: Service, method: string, request: Uint8Array) => service.routes.get(`${hooks}${method}`)!(request);
  /** One translation of one IR: the route hook for routes with policies, the listener hook, PostTranslateModify. */
  const translate = (service: Service, listenerNames: string | string[], routes: string[]) => {
    for (const route of routes)
      call(service, 'PostRouteModify', routeRequest(egRoute(routeName(route), { namespace: 'default', name: route }), [routePolicy(route)]));
    for (const name of [listenerNames].flat()) call(service, 'PostHTTPListenerModify', listenerRequest(listener(name), []));
    // Each IR's translation has EG's readiness listener too, always of the same name.
    call(service, 'PostHTTPListenerModify', listenerRequest(listener('envoy-gateway-proxy-ready-0.0.0.0-19003'), []));
    call(service, 'PostTranslateModify', new Uint8Array(0));
  };
  const known = (store: PolicyStore) => ['a', 'b', 'c'].filter((r) => store.knowsRoute(routeName(r)));
  const stateOf = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { listeners: Record<string, string[]>; routes?: Record<string, string[]> };

  it('a translation of its listeners without the route retires it, after the grace, in memory and in the hook state file; other IRs keep theirs', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kgate-route-retire-')), 'hooks.json');
    const store = new PolicyStore();
    const state = new HookState(file, logger);
    const service = createExtensionService({ store, compilers: testCompilers, config, logger, state, routeRetireMs: RETIRE_MS });
    translate(service, 'default/eg/http', ['a', 'b']);
    translate(service, 'default/other/http', ['c']);
    assert.deepEqual(known(store), ['a', 'b', 'c']);

    translate(service, 'default/eg/http', ['a']);
    assert.deepEqual(known(store), ['a', 'b', 'c'], 'no window: b keeps its policies while Envoy may still hold the previous snapshot');
    await pastRetirement();
    assert.deepEqual(known(store), ['a', 'c'], 'b retired; c, on another IR whose translation did not run, kept');
    await state.flush();
    const saved = stateOf(file);
    assert.deepEqual(Object.keys(saved.listeners).sort(), [
      'default/eg/http',
      'default/other/http',
      'envoy-gateway-proxy-ready-0.0.0.0-19003',
      `route:${routeName('a')}`,
      `route:${routeName('c')}`,
    ]);
    assert.deepEqual(saved.routes, { [routeName('a')]: ['default/eg/http'], [routeName('c')]: ['default/other/http'] });

    // A translation with a failed hook call: EG keeps its previous snapshot, so nothing is retired.
    assert.throws(() => call(service, 'PostHTTPListenerModify', new Uint8Array([0x0a, 0x05, 0x01])));
    call(service, 'PostHTTPListenerModify', listenerRequest(listener('default/eg/http'), []));
    call(service, 'PostTranslateModify', new Uint8Array(0));
    await pastRetirement();
    assert.deepEqual(known(store), ['a', 'c'], 'a failed translation retires nothing');

    // Dropped, then carried again within the grace: kept.
    translate(service, 'default/eg/http', []);
    translate(service, 'default/eg/http', ['a']);
    await pastRetirement();
    assert.deepEqual(known(store), ['a', 'c'], 'carried again before the grace ran out');

    // A restarted kgate knows which listeners carried each route, and retires c when its IR drops it.
    const restarted = new PolicyStore();
    const again = createExtensionService({
      store: restarted,
      compilers: testCompilers,
      config,
      logger,
      state: new HookState(file, logger),
      routeRetireMs: RETIRE_MS,
    });
    assert.deepEqual(known(restarted), ['a', 'c']);
    translate(again, 'default/other/http', []);
    await pastRetirement();
    assert.deepEqual(known(restarted), ['a']);
  });

  it('listener names that show no Gateway (http-<port>) tie a route to its IR only by the whole set of names', async () => {
    const store = new PolicyStore();
    const service = createExtensionService({ store, compilers: testCompilers, config, logger, routeRetireMs: RETIRE_MS });
    translate(service, ['http-8080'], ['a']);
    translate(service, ['http-8080', 'http-8443'], ['b']);
    translate(service, ['http-8080', 'http-8443'], []);
    await pastRetirement();
    assert.deepEqual(known(store), ['a'], 'b retired by a translation of its own listeners; a, sharing only http-8080 with it, kept');
    translate(service, ['http-8080'], []);
    await pastRetirement();
    assert.deepEqual(known(store), []);
  });
});
