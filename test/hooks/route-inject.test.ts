// `kgate inject --route`: PostRouteModify offline on EG-shaped xDS routes, deciding as the
// wire-level hook does (same per-route config bytes), and planning listeners as in the
// same translation.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createRegistry, fromBinary, fromJson, toBinary, type JsonObject, type JsonValue } from '@bufbuild/protobuf';
import { anyUnpack, type Any } from '@bufbuild/protobuf/wkt';
import { ExtAuthzPerRouteSchema } from '../../src/gen/envoy/extensions/filters/http/ext_authz/v3/ext_authz_pb.js';
import { parse, stringify } from 'yaml';
import { hookConfigFrom } from '../../src/cli/hook-flags.js';
import { compilePolicies } from '../../src/engine/policy/load.js';
import { RouteSchema } from '../../src/gen/envoy/config/route/v3/route_components_pb.js';
import { modifyRouteJson } from '../../src/hooks/route-json.js';
import { modifyRouteWire } from '../../src/hooks/route-wire.js';
import { testCompilers } from './support/harness.js';

const root = join(import.meta.dirname, '..', '..', '..');
const examples = join(root, 'examples', 'routes');
const kgate = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'kgate'), 'inject', ...args], { encoding: 'utf8' });
const routes = () => parse(readFileSync(join(examples, 'routes.yaml'), 'utf8')) as JsonObject[];
const registry = createRegistry(ExtAuthzPerRouteSchema);
const policies = compilePolicies(readFileSync(join(examples, 'policies.yaml'), 'utf8'), 'policies.yaml', testCompilers);

describe('kgate inject --route', () => {
  it('enables kgate on the routes the route and rule policies target, naming route and rule', () => {
    const run = kgate('--route', join(examples, 'routes.yaml'), '--policy', join(examples, 'policies.yaml'), '--output', 'json');
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout) as JsonObject[];
    const ext = (r: JsonObject) => ((r.typedPerFilterConfig as JsonObject | undefined)?.['kgate.ext_authz'] as JsonObject | undefined)?.checkSettings;
    assert.deepEqual(ext(out[0]!), {
      contextExtensions: {
        'x-kgate-route-key': 'httproute/default/books/rule/1/match/0/*',
        'x-kgate-route': 'HTTPRoute/default/books',
        'x-kgate-rule': 'admin',
      },
    });
    assert.equal((ext(out[1]!) as JsonObject).contextExtensions && ((ext(out[1]!) as JsonObject).contextExtensions as JsonObject)['x-kgate-rule'], 'list');
    assert.equal(out[2]!.typedPerFilterConfig, undefined, 'route open: no route policy');
    assert.match(
      run.stderr,
      /route "httproute\/default\/books\/rule\/1\/match\/0\/\*" \(HTTPRoute\/default\/books\/admin\): policies \[default\/books-readers, default\/books-admin\]/,
    );
    const { typedPerFilterConfig: _, ...rest } = out[0]!;
    assert.deepEqual(rest, routes()[0], 'nothing else changes');
  });

  it('the JSON applier and the wire-level hook give the same route', () => {
    const config = hookConfigFrom({});
    for (const route of routes()) {
      const json = modifyRouteJson(route, policies, config);
      const bytes = toBinary(RouteSchema, fromJson(RouteSchema, route as JsonValue));
      const wire = modifyRouteWire(
        bytes,
        policies.filter((p) => json.policies.includes(p.id)),
        config,
      );
      const unpack = (any: Any | undefined) => any && anyUnpack(any, registry);
      const fromApplier = unpack(fromJson(RouteSchema, json.route as JsonValue, { registry }).typedPerFilterConfig['kgate.ext_authz']);
      const fromHook = unpack(fromBinary(RouteSchema, wire.route ?? bytes).typedPerFilterConfig['kgate.ext_authz']);
      assert.deepEqual(fromApplier, fromHook, String(route.name));
      assert.equal(fromHook !== undefined, json.policies.length > 0);
    }
  });

  it('with a listener and only route policies: the HCM gets the filter disabled', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kgate-inject-route-'));
    const routeOnly = readFileSync(join(examples, 'policies.yaml'), 'utf8').split('\n---\n').slice(1).join('\n---\n');
    writeFileSync(join(dir, 'policies.yaml'), routeOnly);
    const listener = {
      name: 'default/eg/http',
      defaultFilterChain: {
        name: 'default/eg/http',
        filters: [
          {
            name: 'envoy.filters.network.http_connection_manager',
            typedConfig: {
              '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
              statPrefix: 'http-80',
              rds: { routeConfigName: 'default/eg/http' },
              httpFilters: [
                { name: 'envoy.filters.http.router', typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } },
              ],
            },
          },
        ],
      },
    };
    const listenerFile = join(mkdtempSync(join(tmpdir(), 'kgate-inject-listener-')), 'listener.yaml');
    writeFileSync(listenerFile, stringify(listener));
    const run = kgate('--listener', listenerFile, '--route', join(examples, 'routes.yaml'), '--policy', dir, '--output', 'json');
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { listeners: any; routes: any[] };
    const filters = out.listeners.defaultFilterChain.filters[0].typedConfig.httpFilters;
    assert.deepEqual(
      filters.map((f: any) => [f.name, f.disabled ?? false]),
      [
        ['kgate.ext_authz', true],
        ['envoy.filters.http.router', false],
      ],
    );
    assert.match(run.stderr, /disabled: enabled per route/);
    assert.equal(out.routes.filter((r) => r.typedPerFilterConfig).length, 2);
    assert.equal(kgate('--policy', dir).status, 2, 'neither --listener nor --route');
  });
});
