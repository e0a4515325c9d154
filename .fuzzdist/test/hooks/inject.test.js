// `kgate inject` (the JSON applier) decides exactly as the wire-level hook,
// and keeps every JSON field it does not change, known to our protos or not.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { compilePolicyObject } from '../../src/engine/policy/load.js';
import { hookConfigFrom } from '../../src/cli/hook-flags.js';
import { injectListenerJson } from '../../src/hooks/listener-json.js';
import { injectListenerWire } from '../../src/hooks/listener-wire.js';
import { canonical, fixtureNames, fixturePath, KGATE, listenerToBinary } from './support/envoy.js';
import { policyObject, testCompilers } from './support/harness.js';
const config = hookConfigFrom({});
const compile = (object) => compilePolicyObject(object, 'test', testCompilers);
/** The JSON with every kgate filter entry removed (nothing else is touched). */
function withoutKgateJson(value) {
    if (Array.isArray(value))
        return value.filter((v) => !(v && typeof v === 'object' && !Array.isArray(v) && v.name === KGATE)).map(withoutKgateJson);
    if (value === null || typeof value !== 'object')
        return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutKgateJson(v)]));
}
function fixtureJson(name) {
    return parse(readFileSync(fixturePath(name), 'utf8'));
}
describe('JSON applier', () => {
    const policies = [
        [compile(policyObject('wide', [{ name: 'eg' }], { readsBody: true }))],
        [compile(policyObject('section', [{ name: 'gateway-1', sectionName: 'http' }], { namespace: 'envoy-gateway', failurePolicy: 'Ignore' }))],
    ];
    it('gives the same listener as the wire-level hook on every fixture, and changes nothing else', () => {
        let filtered = 0;
        for (const file of fixtureNames()) {
            for (const listener of fixtureJson(file)) {
                for (const set of policies) {
                    const json = injectListenerJson(listener, set, config);
                    const input = listenerToBinary(listener);
                    const wire = injectListenerWire(input, set, config);
                    assert.deepEqual(canonical(listenerToBinary(json.listener)), canonical(wire.listener ?? input), `${file} ${String(listener.name)}`);
                    assert.deepEqual(json.filtered, wire.filtered);
                    assert.deepEqual(withoutKgateJson(json.listener), listener, `${file}: only the kgate filter was added`);
                    filtered += json.filtered.length;
                }
            }
        }
        assert.ok(filtered > 300);
    });
    it('reads proto field names (snake_case) too', () => {
        const [listener] = fixtureJson('http-route.listeners.yaml');
        const snake = JSON.parse(JSON.stringify(listener).replace(/"(defaultFilterChain|typedConfig|httpFilters|routeConfigName)"/g, (_, k) => `"${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}"`));
        const out = injectListenerJson(snake, policies[0], config);
        assert.equal(out.filtered.length, 1);
        const hcm = out.listener.default_filter_chain.filters[0].typed_config.http_filters;
        assert.deepEqual(hcm.map((f) => f.name), [KGATE, 'envoy.filters.http.router']);
    });
});
describe('kgate inject', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kgate-inject-'));
    const policyDir = join(dir, 'policies');
    mkdirSync(policyDir);
    const policyFile = join(policyDir, 'policy.yaml');
    writeFileSync(policyFile, JSON.stringify(policyObject('wide', [{ name: 'eg' }])));
    const listenerFile = fixturePath('local-ratelimit-distinct.listeners.yaml');
    const kgate = (...args) => spawnSync(process.execPath, ['bin/kgate', 'inject', ...args], { encoding: 'utf8' });
    it('prints the listeners with the filter, keeping fields newer than our protos', () => {
        const result = kgate('--listener', listenerFile, '--policy', policyDir, '--output', 'json');
        assert.equal(result.status, 0, result.stderr);
        const out = JSON.parse(result.stdout);
        assert.match(result.stdout, /maxDynamicDescriptors/);
        assert.deepEqual(withoutKgateJson(out), fixtureJson('local-ratelimit-distinct.listeners.yaml'));
        const names = JSON.stringify(out).match(new RegExp(KGATE.replace('.', '\\.'), 'g')) ?? [];
        assert.equal(names.length, 1);
        assert.match(result.stderr, /sections \[.*\], policies \[default\/wide\]/);
    });
    it('prints YAML by default, one listener in, one listener out', () => {
        const single = join(dir, 'one.yaml');
        writeFileSync(single, JSON.stringify(fixtureJson('http-route.listeners.yaml')[0]));
        const result = kgate('--listener', single, '--policy', policyFile, '--ext-authz-position', 'first');
        assert.equal(result.status, 0, result.stderr);
        const out = parse(result.stdout);
        const filters = out.defaultFilterChain.filters[0].typedConfig.httpFilters.map((f) => f.name);
        assert.deepEqual(filters, [KGATE, 'envoy.filters.http.router']);
    });
    it('errors: exit 2 with the reason', () => {
        const bad = join(dir, 'bad');
        writeFileSync(join(dir, 'bad.yaml'), 'apiVersion: kgate.dev/v1alpha1\nkind: AuthorizationPolicy\nmetadata: {name: x}\nspec: {rules: [], mode: Sometimes}\n');
        assert.equal(kgate('--policy', policyFile).status, 2, 'no --listener');
        const invalid = kgate('--listener', listenerFile, '--policy', join(dir, 'bad.yaml'));
        assert.equal(invalid.status, 2);
        assert.match(invalid.stderr, /bad\.yaml: spec\.mode/);
        const missing = kgate('--listener', bad, '--policy', policyFile);
        assert.equal(missing.status, 2);
        assert.match(missing.stderr, /ENOENT/);
    });
});
//# sourceMappingURL=inject.test.js.map