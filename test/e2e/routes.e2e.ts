// Route and rule targets through a real Envoy Gateway v1.9 and Envoy: Gateway `eg` (one
// HTTP listener) with two HTTPRoutes, `books` (rules `list` and `admin`) and `open`, a
// Gateway-wide policy, a policy on route `books`, and one on its rule `admin`. EG hands the
// route policies to PostRouteModify; kgate enables its filter on those routes only.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Stack, until } from './support/stack.js';
import type { Echoed } from './support/echo.js';

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

const gatewayWide = policy(
  'gateway-wide',
  '{ group: gateway.networking.k8s.io, kind: Gateway, name: eg }',
  needs('gateway', 'x-gw', '    deny: { status: 401, body: gateway says no }\n'),
  "  allow: { request: { headers: { set: { x-decided-by: gateway, x-gateway-saw: 'yes' } } } }\n",
);
const routePolicy = policy(
  'books-route',
  '{ group: gateway.networking.k8s.io, kind: HTTPRoute, name: books }',
  needs('route', 'x-route', '    deny: { status: 418, body: route says no }\n'),
  '  allow: { request: { headers: { set: { x-decided-by: route } } } }\n',
);
const rulePolicy = policy(
  'books-admin-rule',
  '{ group: gateway.networking.k8s.io, kind: HTTPRoute, name: books, sectionName: admin }',
  needs('rule', 'x-admin'),
);
const routePolicyByName = policy(
  'route-open-needs-admin',
  '{ group: gateway.networking.k8s.io, kind: Gateway, name: eg }',
  `  - name: open-needs-admin
    match: { any: [ { ($route.name): open } ] }
    assert:
      all:
      - message: route open needs x-role admin
        check:
          request: { http: { headers: { x-role: admin } } }
`,
  '  allow: { request: { headers: { set: { x-route-seen: ($route.kind & "/" & $route.namespace & "/" & $route.name & "/" & $route.sectionName) } } } }\n',
);
const bodyPolicy = policy(
  'upload-body',
  '{ group: gateway.networking.k8s.io, kind: HTTPRoute, name: upload }',
  `  - name: json-format
    match: { any: [ { request: { http: { headers: { content-type: application/json } } } } ] }
    assert:
      all:
      - message: only paperbacks
        check:
          ($body.format): paperback
  - name: form-format
    match: { any: [ { request: { http: { headers: { content-type: application/x-www-form-urlencoded } } } } ] }
    assert:
      all:
      - message: form needs format=paperback
        check:
          ($body.format[0]): paperback
  - name: whole-body
    assert:
      all:
      - message: the body was cut
        check:
          ($truncated): false
`,
  '  body: { maxBytes: 1024 }\n',
);

function routes(echo: number, port: number): string {
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
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: books, namespace: default }
spec:
  parentRefs: [ { name: eg } ]
  rules:
  - name: list
    matches: [ { path: { type: PathPrefix, value: /books } } ]
    backendRefs: [ { group: gateway.envoyproxy.io, kind: Backend, name: echo } ]
  - name: admin
    matches: [ { path: { type: PathPrefix, value: /books/admin } } ]
    backendRefs: [ { group: gateway.envoyproxy.io, kind: Backend, name: echo } ]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: open, namespace: default }
spec:
  parentRefs: [ { name: eg } ]
  rules:
  - name: all
    matches: [ { path: { type: PathPrefix, value: /open } } ]
    backendRefs: [ { group: gateway.envoyproxy.io, kind: Backend, name: echo } ]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: upload, namespace: default }
spec:
  parentRefs: [ { name: eg } ]
  rules:
  - matches: [ { path: { type: PathPrefix, value: /upload } } ]
    backendRefs: [ { group: gateway.envoyproxy.io, kind: Backend, name: echo } ]
`;
}

let stack: Stack;

/**
 * Until `probe` holds three times in a row. A listener (LDS) change reaches new connections:
 * a keep-alive connection opened before it is drained, and its next request still runs
 * through the old filter chain (seen here: a request after the policy arrived that never
 * reached kgate). Route (RDS) changes apply at once.
 */
async function settled(what: string, probe: () => Promise<boolean>): Promise<void> {
  await until(what, async () => {
    for (let i = 0; i < 3; i++) if (!(await probe())) return undefined;
    return true;
  });
}

async function send(path: string, headers: Record<string, string> = {}, init: RequestInit = {}) {
  const res = await fetch(stack.url(0, path), { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } });
  const body = await res.text();
  return { status: res.status, body, echoed: res.headers.get('x-echo') ? (JSON.parse(body) as Echoed) : undefined };
}

/** The kgate filter in the listener's HCM, and kgate's per-route config by xds route name, from Envoy's config_dump. */
async function envoyView(): Promise<{ hcmFilter: any; perRoute: Map<string, any>; metadata: Map<string, any> }> {
  const [filters] = await stack.httpFilters(stack.ports.listeners[0]!);
  const hcmFilter = filters?.find((f) => f.name === 'kgate.ext_authz');
  const dump = await stack.configDump();
  const routeConfigs = dump.configs.find((c: any) => c['@type'].endsWith('.RoutesConfigDump')).dynamic_route_configs ?? [];
  const perRoute = new Map<string, any>();
  const metadata = new Map<string, any>();
  for (const rc of routeConfigs)
    for (const vh of rc.route_config.virtual_hosts ?? [])
      for (const r of vh.routes ?? []) {
        perRoute.set(r.name, r.typed_per_filter_config?.['kgate.ext_authz']);
        metadata.set(r.name, r.metadata);
      }
  return { hcmFilter, perRoute, metadata };
}

const routeNamed = (perRoute: Map<string, any>, prefix: string) => [...perRoute.entries()].filter(([name]) => name.startsWith(prefix));

before(async () => {
  stack = await Stack.start({
    resources: (p) => ({
      'gateway.yaml': routes(p.echo, p.listeners[0]!),
      'gateway-wide.yaml': gatewayWide,
      'route.yaml': routePolicy,
      'rule.yaml': rulePolicy,
    }),
  });
  await settled('route policy on books', async () => (await send('/books', { 'x-gw': 'yes' })).status === 418);
  await settled('rule policy on books/admin', async () => (await send('/books/admin', { 'x-gw': 'yes', 'x-route': 'yes' })).status === 403);
});
after(async () => {
  await stack?.stop();
});

describe('Gateway, route and rule policies together', () => {
  test('a route without a route policy is decided by the Gateway policy alone', async () => {
    const denied = await send('/open');
    assert.equal(denied.status, 401);
    assert.match(denied.body, /gateway says no/);
    const ok = await send('/open', { 'x-gw': 'yes' });
    assert.equal(ok.status, 200);
    assert.equal(ok.echoed?.headers['x-decided-by'], 'gateway');
  });

  test('route books: the Gateway and the route policy both decide; the route shapes the denial, and its allow shaping comes last', async () => {
    const both = await send('/books');
    assert.equal(both.status, 418, 'both violated: the more specific route policy shapes the denial');
    assert.match(both.body, /route says no/);
    assert.equal((await send('/books', { 'x-route': 'yes' })).status, 401, 'the Gateway policy still applies on the route');
    const ok = await send('/books', { 'x-route': 'yes', 'x-gw': 'yes' });
    assert.equal(ok.status, 200);
    assert.equal(ok.echoed?.headers['x-decided-by'], 'route');
    assert.equal(ok.echoed?.headers['x-gateway-saw'], 'yes', 'the Gateway policy shaped the request too');
  });

  test('the rule policy applies to rule admin only', async () => {
    const all = { 'x-route': 'yes', 'x-gw': 'yes' };
    const denied = await send('/books/admin', all);
    assert.equal(denied.status, 403);
    assert.match(denied.body, /rule needs x-admin/);
    assert.equal((await send('/books/admin', { ...all, 'x-admin': 'yes' })).status, 200);
    assert.equal((await send('/books/list', all)).status, 200, 'rule list is not the admin rule');
  });

  test("Envoy's config: the filter in the HCM, kgate's per-route config only on the routes with route policies", async () => {
    const { hcmFilter, perRoute } = await envoyView();
    assert.ok(hcmFilter, 'the Gateway policy applies to every route: the filter is in the HCM');
    assert.notEqual(hcmFilter.disabled, true);
    assert.deepEqual(hcmFilter.typed_config.route_metadata_context_namespaces, ['envoy-gateway']);
    const books = routeNamed(perRoute, 'httproute/default/books/');
    assert.equal(books.length, 2, `two rules of books: ${[...perRoute.keys()].join(', ')}`);
    for (const [name, config] of books) {
      assert.ok(config, `${name} has kgate's per-route config`);
      // Envoy redacts context_extensions values in config_dump (the field is marked sensitive): the keys show.
      assert.deepEqual(Object.keys(config.check_settings.context_extensions).sort(), ['x-kgate-route', 'x-kgate-route-key', 'x-kgate-rule']);
    }
    for (const [name, config] of routeNamed(perRoute, 'httproute/default/open/')) assert.equal(config, undefined, `${name}: no route policy`);
  });
});

describe('policies change', () => {
  test('the Gateway policy deleted: the HCM carries the filter disabled, enabled only on the routes with a policy', async () => {
    stack.removeResource('gateway-wide.yaml');
    await settled('gateway policy gone', async () => (await send('/open')).status === 200);
    const { hcmFilter, perRoute } = await envoyView();
    assert.equal(hcmFilter?.disabled, true, 'disabled in the HCM');
    assert.equal(routeNamed(perRoute, 'httproute/default/books/').filter(([, c]) => c).length, 2);
    assert.equal(routeNamed(perRoute, 'httproute/default/open/').filter(([, c]) => c).length, 0);
    assert.equal((await send('/books')).status, 418, 'the route policy still decides books');
    assert.equal((await send('/books', { 'x-route': 'yes' })).status, 200);
  });

  test('the route policy deleted: it stops applying; the rule policy stays on its rule', async () => {
    stack.removeResource('route.yaml');
    await settled('route policy gone', async () => (await send('/books/list')).status === 200);
    assert.equal((await send('/books/admin')).status, 403, 'the rule policy still decides rule admin');
    assert.equal((await send('/books/admin', { 'x-admin': 'yes' })).status, 200);
    const { perRoute } = await envoyView();
    assert.deepEqual(
      routeNamed(perRoute, 'httproute/default/books/')
        .filter(([, c]) => c)
        .map(([name]) => name),
      ['httproute/default/books/rule/1/match/0/*'],
      'only rule admin (rule 1) keeps a per-route config',
    );
    // The translation that dropped rule list's policy ends (PostTranslateModify): kgate retires that route, after a grace.
    const retiring = await until('rule list retiring', async () =>
      stack
        .kgateLog()
        .split('\n')
        .filter((l) => l.includes('retiring it once Envoy has the new translation'))
        .map((l) => JSON.parse(l) as { route: string; listeners: string[] })
        .find((l) => l.route === 'httproute/default/books/rule/0/match/0/*'),
    );
    assert.deepEqual(retiring.listeners, ['default/eg/http'], 'carried by the listener of its translation');
    const state = JSON.parse(readFileSync(join(stack.dir, 'hook-state.json'), 'utf8')) as { routes?: Record<string, string[]> };
    assert.deepEqual(
      state.routes?.['httproute/default/books/rule/1/match/0/*'],
      ['default/eg/http'],
      'the state file records which listeners carry each route',
    );
  });

  test('$route: a Gateway-wide policy decides by the route serving the request (kind, namespace, name, rule)', async () => {
    stack.removeResource('rule.yaml');
    stack.writeResource('annotation.yaml', routePolicyByName);
    await settled('$route policy', async () => (await send('/open')).status === 403);
    const denied = await send('/open');
    assert.match(denied.body, /route open needs x-role admin/);
    const ok = await send('/open', { 'x-role': 'admin' });
    assert.equal(ok.status, 200);
    assert.equal(ok.echoed?.headers['x-route-seen'], 'HTTPRoute/default/open/all', 'kind, namespace, name and rule from the route metadata');
    const books = await send('/books/list');
    assert.equal(books.status, 200, 'the policy matches route open only');
    assert.equal(books.echoed?.headers['x-route-seen'], 'HTTPRoute/default/books/list');
    // EG's file provider (standalone mode) keeps only the name and namespace of each resource
    // (internal/gatewayapi/resource/load.go), so its route metadata has no annotations here;
    // on Kubernetes it carries the gateway.envoyproxy.io/ ones (test/hooks/routes.test.ts).
    const { metadata } = await envoyView();
    const open = [...metadata.entries()].find(([name]) => name.startsWith('httproute/default/open/'))?.[1];
    assert.deepEqual(open?.filter_metadata?.['envoy-gateway']?.resources, [{ kind: 'HTTPRoute', namespace: 'default', name: 'open', sectionName: 'all' }]);
  });
});

describe('body policies on a route', () => {
  before(async () => {
    stack.writeResource('body.yaml', bodyPolicy);
    await settled('body policy', async () => (await post('{"format":"hardcover"}')).status === 403);
  });
  const post = (body: string | Uint8Array, type = 'application/json') =>
    send('/upload', { 'x-role': 'admin' }, { method: 'POST', body, headers: { 'content-type': type } });

  test('a JSON field and a form field', async () => {
    assert.equal((await post('{"format":"paperback"}')).status, 200);
    const json = await post('{"format":"hardcover"}');
    assert.equal(json.status, 403);
    assert.match(json.body, /only paperbacks/);
    assert.equal((await post('format=paperback&x=1', 'application/x-www-form-urlencoded')).status, 200);
    assert.equal((await post('format=hardcover', 'application/x-www-form-urlencoded')).status, 403);
  });

  test('a body that is not JSON: $body is null, the JSON rule fails, nothing errors', async () => {
    const res = await post('{not json');
    assert.equal(res.status, 403);
    assert.match(res.body, /only paperbacks/);
    assert.equal((await post('plain text', 'text/plain')).status, 200, 'no rule reads a text body: only the truncation check applies');
  });

  test('past spec.body.maxBytes (1 KiB) Envoy sends the first bytes: $truncated is true', async () => {
    const res = await post(`{"format":"paperback","pad":"${'x'.repeat(4096)}"}`);
    assert.equal(res.status, 403);
    assert.match(res.body, /the body was cut/);
  });

  test('a 5 MiB body: decided on the first 1 KiB (truncated), and a route without a body policy passes it whole', async () => {
    const big = new Uint8Array(5 * 1024 * 1024).fill(0x61);
    const cut = await post(big, 'application/octet-stream');
    assert.equal(cut.status, 403);
    assert.match(cut.body, /the body was cut/);
    const whole = await send('/open', { 'x-role': 'admin' }, { method: 'POST', body: big, headers: { 'content-type': 'application/octet-stream' } });
    assert.equal(whole.status, 200);
    assert.equal(whole.echoed?.body.length, big.length, 'not buffered by kgate: the backend got all of it');
  });
});
