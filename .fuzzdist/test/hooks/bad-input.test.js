// What the listener hook does with input it cannot use: every case has one
// documented outcome (docs/envoy-gateway.md, "When input is bad").
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { create } from '@bufbuild/protobuf';
import { anyPack } from '@bufbuild/protobuf/wkt';
import { status } from '@grpc/grpc-js';
import { ListenerSchema } from '../../src/gen/envoy/config/listener/v3/listener_pb.js';
import { HttpConnectionManagerSchema } from '../../src/gen/envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager_pb.js';
import { canonical, decodeListener, fixtureListeners, hcmsOf, kgateFilters, toBinary, withoutKgate } from './support/envoy.js';
import { listenerRequest, policyObject, replyField, startHooks } from './support/harness.js';
const HCM_TYPE = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
let hooks;
before(async () => {
    hooks = await startHooks();
});
after(() => hooks.close());
/** A plain-HTTP listener of gateway `eg` in namespace default. */
const plain = fixtureListeners('jwt-from-multiple-listeners.listeners.yaml').find((l) => !decodeListener(l).name.startsWith('envoy-gateway-proxy-ready'));
const plainName = decodeListener(plain).name;
/** The policies EG sends with that listener target its Gateway, envoy-gateway-system/external-gateway. */
const own = { namespace: 'envoy-gateway-system' };
async function modify(listener, resources) {
    return replyField(await hooks.call('PostHTTPListenerModify', listenerRequest(listener, resources)));
}
function filteredCount(listener) {
    return listener ? hcmsOf(decodeListener(listener)).filter((s) => kgateFilters(s.hcm).length > 0).length : 0;
}
function loggedError(message) {
    const entry = hooks.logs.findLast((l) => l.msg === message && l.level === 50);
    assert.ok(entry, `an error log "${message}"`);
    return entry;
}
async function rejects(request, pattern) {
    await assert.rejects(hooks.call('PostHTTPListenerModify', request), (error) => {
        assert.equal(error.code, status.INVALID_ARGUMENT);
        assert.match(error.details, pattern);
        return true;
    });
}
describe('PostHTTPListenerModify with bad input', () => {
    it('an extension resource that is not JSON is logged and skipped; the others apply', async () => {
        const garbage = new TextEncoder().encode('{not json');
        assert.equal(filteredCount(await modify(plain, [garbage, policyObject('good', [{ name: 'external-gateway' }], own)])), 1);
        assert.equal(loggedError('extension resource refused: not JSON').resource, 0);
        assert.equal(await modify(plain, [garbage]), undefined, 'alone: listener unchanged');
        assert.deepEqual(hooks.replaced.at(-1), [plainName, []]);
    });
    it('a resource nested 10,000 deep is refused, naming it; the good policy beside it applies', async () => {
        const text = JSON.stringify(policyObject('deep', [{ name: 'external-gateway' }], { namespace: 'team-a' }));
        const depth = 10_000;
        // Nested inside a rule's check: compiling it, or keying it, recurses once per level.
        const deep = text.replace('"check":{', `"check":{"nested":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},`);
        const good = () => policyObject('good', [{ name: 'external-gateway' }], own);
        for (const resources of [
            [new TextEncoder().encode(deep), good()],
            [good(), new TextEncoder().encode(deep)],
        ]) {
            assert.equal(filteredCount(await modify(plain, resources)), 1);
            assert.deepEqual(hooks.replaced.at(-1), [plainName, ['envoy-gateway-system/good']]);
        }
        const refused = hooks.logs.findLast((l) => l.level === 50 && /refused/.test(String(l.msg)));
        assert.match(String(refused?.policy), /team-a\/deep/);
        assert.ok(refused?.reason, 'a reason');
    });
    it('a policy without targets is refused, naming it; a targetSelectors policy is Gateway-wide', async () => {
        const untargeted = policyObject('untargeted', []);
        untargeted.spec.targetRefs = undefined;
        assert.equal(await modify(plain, [untargeted]), undefined);
        const refused = loggedError('policy refused');
        assert.match(String(refused.policy), /AuthorizationPolicy default\/untargeted/);
        assert.equal(refused.path, 'spec.targetRefs');
        assert.deepEqual(hooks.replaced.at(-1), [plainName, []]);
        const selected = policyObject('selected', [], { spec: { targetRefs: undefined, targetSelectors: [{ kind: 'Gateway', matchLabels: { team: 'a' } }] } });
        assert.equal(filteredCount(await modify(plain, [selected])), 1);
        assert.deepEqual(hooks.replaced.at(-1), [plainName, ['default/selected']]);
    });
    it('an invalid policy is refused with its field path; the last valid version stays in force', async () => {
        const v1 = policyObject('evolving', [{ name: 'external-gateway' }], own);
        const v2 = policyObject('evolving', [{ name: 'external-gateway' }], { ...own, spec: { failurePolicy: 'Sometimes' } });
        assert.equal(filteredCount(await modify(plain, [v1])), 1);
        assert.equal(filteredCount(await modify(plain, [v2, policyObject('other', [{ name: 'external-gateway' }], own)])), 1);
        const refused = loggedError('policy refused');
        assert.equal(refused.path, 'spec.failurePolicy');
        assert.equal(refused.lastValidInForce, true);
        assert.deepEqual(hooks.replaced.at(-1), [plainName, ['envoy-gateway-system/evolving', 'envoy-gateway-system/other']]);
        const fresh = policyObject('never-valid', [{ name: 'external-gateway' }], { ...own, spec: { compiler: 'cobol' } });
        assert.equal(await modify(plain, [fresh]), undefined, 'no valid version: nothing to enforce');
        assert.equal(loggedError('policy refused').lastValidInForce, false);
    });
    it('an HCM whose Any cannot be decoded: INVALID_ARGUMENT naming the chain, store untouched', async () => {
        const listener = decodeListener(plain);
        const filter = listener.defaultFilterChain.filters[0];
        filter.configType = { case: 'typedConfig', value: { $typeName: 'google.protobuf.Any', typeUrl: HCM_TYPE, value: new Uint8Array([0x2a, 0x10, 0x01]) } };
        const before = hooks.replaced.length;
        for (const resources of [[policyObject('p', [{ name: 'external-gateway' }], own)], []]) {
            await rejects(listenerRequest(toBinary(ListenerSchema, listener), resources), /default_filter_chain .*filters\[0\] \(HttpConnectionManager\): cannot decode/);
        }
        assert.equal(hooks.replaced.length, before);
    });
    it('a request that is not a PostHTTPListenerModifyRequest: INVALID_ARGUMENT', async () => {
        await rejects(new Uint8Array([0x0a, 0x05, 0x01]), /PostHTTPListenerModifyRequest: cannot decode/);
    });
    it('an inline route configuration with 5,000 virtual hosts passes through untouched', async () => {
        const virtualHosts = Array.from({ length: 5000 }, (_, i) => ({
            name: `vh-${i}`,
            domains: [`host-${i}.example.com`],
            routes: [{ match: { pathSpecifier: { case: 'prefix', value: '/' } }, action: { case: 'directResponse', value: { status: 200 } } }],
        }));
        const hcm = create(HttpConnectionManagerSchema, {
            statPrefix: 'big',
            routeSpecifier: { case: 'routeConfig', value: { name: 'big', virtualHosts } },
            httpFilters: [{ name: 'envoy.filters.http.router' }],
        });
        const input = toBinary(ListenerSchema, create(ListenerSchema, {
            name: 'default/eg/big',
            filterChains: [
                {
                    name: 'default/eg/big',
                    filters: [
                        { name: 'envoy.filters.network.http_connection_manager', configType: { case: 'typedConfig', value: anyPack(HttpConnectionManagerSchema, hcm) } },
                    ],
                },
            ],
        }));
        const out = await modify(input, [policyObject('p', [{ name: 'eg', sectionName: 'big' }])]);
        assert.equal(filteredCount(out), 1);
        assert.deepEqual(withoutKgate(out), canonical(input));
        assert.deepEqual(hcmsOf(decodeListener(out))[0].hcm.httpFilters.map((f) => f.name), ['kgate.ext_authz', 'envoy.filters.http.router']);
    });
});
//# sourceMappingURL=bad-input.test.js.map