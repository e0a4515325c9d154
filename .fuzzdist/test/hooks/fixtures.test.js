// PostHTTPListenerModify over gRPC on every listener Envoy Gateway's own
// translator produced (../shared/fixtures/envoy-gateway/listeners).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiVersion } from '../../src/gen/envoy/config/core/v3/config_source_pb.js';
import { LISTENER_KEY, SECTIONS_KEY } from '../../src/policies/scope.js';
import { canonical, decodeListener, extAuthzOf, fixtureListeners, fixtureNames, hcmsOf, KGATE, kgateFilters, withoutKgate, } from './support/envoy.js';
import { listenerRequest, policyObject, replyField, startHooks } from './support/harness.js';
const READY = 'envoy-gateway-proxy-ready-';
/** A policy on the listener's whole Gateway, as EG sends it (named by its chains; any when they name none). */
function gatewayWideFor(sites) {
    const [namespace, gateway] = (sites.flatMap(sectionNames)[0] ?? 'default/eg/').split('/');
    return policyObject('wide', [{ name: gateway }], { namespace });
}
let hooks;
before(async () => {
    hooks = await startHooks();
});
after(() => hooks.close());
async function modify(listener, resources) {
    return replyField(await hooks.call('PostHTTPListenerModify', listenerRequest(listener, resources)));
}
/** Where Envoy Gateway users expect the filter: after jwt_authn, else before rate limits and the router. */
function expectedIndex(names) {
    const base = names.map((n) => n.split('/')[0]);
    const jwt = base.lastIndexOf('envoy.filters.http.jwt_authn');
    if (jwt >= 0)
        return jwt + 1;
    const stop = base.findIndex((n) => ['envoy.filters.http.ratelimit', 'envoy.filters.http.local_ratelimit', 'envoy.filters.http.router'].includes(n ?? ''));
    return stop >= 0 ? stop : names.length;
}
function assertKgateFilter(after, before, listener, where) {
    const names = after.hcm.httpFilters.map((f) => f.name);
    const own = kgateFilters(after.hcm);
    assert.equal(own.length, 1, `${where}: one kgate filter`);
    assert.equal(new Set(names).size, names.length, `${where}: filter names unique`);
    const original = before.hcm.httpFilters.map((f) => f.name);
    assert.equal(names.indexOf(KGATE), expectedIndex(original), `${where}: position among ${original.join(', ')}`);
    if (original.at(-1) === 'envoy.filters.http.router')
        assert.equal(names.at(-1), 'envoy.filters.http.router', `${where}: router last`);
    const config = extAuthzOf(own[0]);
    assert.equal(config.transportApiVersion, ApiVersion.V3);
    assert.equal(config.services.case, 'grpcService');
    const grpc = config.services.value;
    assert.equal(grpc.targetSpecifier.case === 'envoyGrpc' && grpc.targetSpecifier.value.clusterName, hooks.config.cluster);
    assert.equal(Number(grpc.timeout?.seconds ?? 0n) * 1000 + (grpc.timeout?.nanos ?? 0) / 1e6, hooks.config.timeoutMs);
    assert.equal(grpc.initialMetadata.find((h) => h.key === LISTENER_KEY)?.value, listener);
    assert.equal(config.failureModeAllow, false, 'Fail by default');
    assert.equal(config.statusOnError?.code, hooks.config.statusOnError);
    assert.equal(config.withRequestBody, undefined, 'no body unless a policy reads it');
}
/** Names of a decoded HCM that are Gateway listener keys `<ns>/<gw>/<listener>`. */
function sectionNames(site) {
    const rds = site.hcm.routeSpecifier.case === 'rds' ? site.hcm.routeSpecifier.value.routeConfigName : '';
    return [site.chain.name, rds].filter((n) => /^[^/]+\/[^/]+\/[^/]+$/.test(n));
}
describe('PostHTTPListenerModify on Envoy Gateway fixtures', () => {
    for (const file of fixtureNames()) {
        it(file, async () => {
            for (const input of fixtureListeners(file)) {
                const listener = decodeListener(input);
                const before = hcmsOf(listener);
                const gatewayWide = gatewayWideFor(before);
                assert.equal(await modify(input, []), undefined, `${listener.name}: no policy, unchanged`);
                assert.deepEqual(hooks.replaced.at(-1), [listener.name, []]);
                const out = await modify(input, [gatewayWide]);
                if (listener.name.startsWith(READY) || before.length === 0) {
                    assert.equal(out, undefined, `${listener.name}: no HCM to change`);
                    continue;
                }
                assert.ok(out, `${listener.name}: changed`);
                const after = hcmsOf(decodeListener(out));
                assert.equal(after.length, before.length);
                after.forEach((site, i) => assertKgateFilter(site, before[i], listener.name, `${listener.name} chain ${site.chain.name}`));
                assert.deepEqual(withoutKgate(out), canonical(input), `${listener.name}: nothing else changed`);
                assert.equal(await modify(out, [gatewayWide]), undefined, `${listener.name}: idempotent`);
                assert.deepEqual(await modify(out, []), input, `${listener.name}: policy gone, filter removed, bytes restored`);
                for (const section of new Set(before.flatMap(sectionNames))) {
                    const [namespace, gateway, sectionName] = section.split('/');
                    const policy = policyObject('section', [{ name: gateway, sectionName }], { namespace });
                    const scoped = hcmsOf(decodeListener((await modify(input, [policy]))));
                    scoped.forEach((site) => {
                        const targeted = sectionNames(site).includes(section);
                        const own = kgateFilters(site.hcm);
                        assert.equal(own.length, targeted ? 1 : 0, `${listener.name} chain ${site.chain.name}: sectionName ${section}`);
                        if (targeted) {
                            const services = extAuthzOf(own[0]).services;
                            const tags = services.case === 'grpcService' ? services.value.initialMetadata : [];
                            assert.ok(tags
                                .find((h) => h.key === SECTIONS_KEY)
                                ?.value.split(',')
                                .includes(section));
                        }
                    });
                }
            }
        });
    }
});
//# sourceMappingURL=fixtures.test.js.map