import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isReadinessListener, planListener } from '../../src/hooks/plan.js';
/** The fields scoping reads; the rest of a compiled policy plays no part here. */
function policy(id, refs, options = {}) {
    const [namespace] = id.split('/');
    return {
        id,
        namespace,
        targetRefs: refs.map((r) => ({ group: 'gateway.networking.k8s.io', kind: 'Gateway', ...r })),
        failurePolicy: options.failurePolicy ?? 'Fail',
        readsBody: options.readsBody ?? false,
    };
}
const https = (name) => ({ chain: name, routeConfig: name, isDefault: false });
const plain = (name) => ({ chain: name, routeConfig: name, isDefault: true });
describe('planListener', () => {
    it('no policy: no filter anywhere', () => {
        assert.deepEqual(planListener([https('ns/gw/a'), plain('ns/gw/http')], []), [undefined, undefined]);
    });
    it('a Gateway-wide policy covers every HCM of the listener, whatever the names', () => {
        const plans = planListener([https('ns/gw/a'), https('first-listener'), plain('http-80')], [policy('ns/p', [{ name: 'gw' }])]);
        assert.deepEqual(plans.map((p) => p?.sections), [['ns/gw/a'], [], []]);
        assert.ok(plans.every((p) => p?.policies.join() === 'ns/p'));
    });
    it('merged Gateways: a policy decides only the sites of its own Gateway', () => {
        // EG attaches every merged Gateway's policies to every listener of the merged IR.
        const policies = [
            policy('ns/books', [{ name: 'eg' }]),
            policy('ns/shop-only', [{ name: 'shop', sectionName: 'http' }]),
            policy('ns/eg-http', [{ name: 'eg', sectionName: 'http' }]),
        ];
        const plans = [
            planListener([plain('ns/eg/http')], policies)[0],
            planListener([plain('ns/shop/http')], policies)[0],
            planListener([https('ns/shop/tls')], policies)[0],
        ];
        assert.deepEqual(plans.map((p) => p?.policies), [['ns/books', 'ns/eg-http'], ['ns/shop-only'], undefined]);
        assert.deepEqual(plans.map((p) => p?.sections), [['ns/eg/http'], ['ns/shop/http'], undefined]);
    });
    it('a policy without targetRefs (targetSelectors resolved by Envoy Gateway) is Gateway-wide', () => {
        const plans = planListener([https('ns/gw/a')], [policy('ns/selected', [])]);
        assert.deepEqual(plans[0]?.policies, ['ns/selected']);
    });
    it('sectionName on an HTTPS listener: only its chain', () => {
        const plans = planListener([https('ns/gw/a'), https('ns/gw/b'), plain('ns/gw/http')], [policy('ns/p', [{ name: 'gw', sectionName: 'b' }])]);
        assert.deepEqual(plans.map((p) => p?.sections), [undefined, ['ns/gw/b'], undefined]);
    });
    it('sectionName on a plain-HTTP listener: the shared default chain, which then names it', () => {
        // EG names the default chain after the first HTTP listener on the port (here http-1) or http-<port>.
        for (const name of ['ns/gw/http-1', 'http-80']) {
            const plans = planListener([https('ns/gw/a'), plain(name)], [policy('ns/p', [{ name: 'gw', sectionName: 'http-2' }])]);
            assert.equal(plans[0], undefined);
            assert.deepEqual(plans[1]?.sections, name === 'http-80' ? ['ns/gw/http-2'] : ['ns/gw/http-1', 'ns/gw/http-2']);
        }
    });
    it('sections and policy ids are sorted and unique, whatever order EG sends', () => {
        const policies = [
            policy('ns/z', [{ name: 'gw', sectionName: 'y' }]),
            policy('ns/a', [
                { name: 'gw', sectionName: 'x' },
                { name: 'gw', sectionName: 'y' },
            ]),
        ];
        const forward = planListener([plain('http-80')], policies);
        const backward = planListener([plain('http-80')], [...policies].reverse());
        assert.deepEqual(forward, backward);
        assert.deepEqual(forward[0]?.sections, ['ns/gw/x', 'ns/gw/y']);
        assert.deepEqual(forward[0]?.policies, ['ns/a', 'ns/z']);
    });
    it('fails open only when every policy in scope is Ignore; buffers the body when one reads it', () => {
        const ignore = policy('ns/i', [{ name: 'gw' }], { failurePolicy: 'Ignore' });
        const fail = policy('ns/f', [{ name: 'gw', sectionName: 'a' }], { readsBody: true });
        const [a, b] = planListener([https('ns/gw/a'), https('ns/gw/b')], [ignore, fail]);
        assert.deepEqual([a?.failureModeAllow, a?.withBody], [false, true]);
        assert.deepEqual([b?.failureModeAllow, b?.withBody], [true, false]);
    });
    it('recognises the proxy readiness listener', () => {
        assert.equal(isReadinessListener('envoy-gateway-proxy-ready-0.0.0.0-19001'), true);
        assert.equal(isReadinessListener('default/eg/http'), false);
    });
});
//# sourceMappingURL=plan.test.js.map