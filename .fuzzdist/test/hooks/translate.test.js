// PostTranslateModify adds kgate's cluster and echoes everything else; the
// route, virtual host, cluster and endpoints hooks change nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { anyUnpack } from '@bufbuild/protobuf/wkt';
import { Cluster_DiscoveryType, ClusterSchema } from '../../src/gen/envoy/config/cluster/v3/cluster_pb.js';
import { HttpProtocolOptionsSchema } from '../../src/gen/envoy/extensions/upstreams/http/v3/http_protocol_options_pb.js';
import { PostClusterModifyRequestSchema, PostRouteModifyRequestSchema, PostTranslateModifyRequestSchema, PostTranslateModifyResponseSchema, } from '../../src/gen/envoygateway/extension/service_pb.js';
import { decodeListener, fixtureListeners } from './support/envoy.js';
import { startHooks } from './support/harness.js';
const HTTP_OPTIONS = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';
function translateRequest(clusters) {
    return toBinary(PostTranslateModifyRequestSchema, create(PostTranslateModifyRequestSchema, {
        postTranslateContext: { extensionResources: [{ unstructuredBytes: new TextEncoder().encode('{}') }] },
        clusters,
        secrets: [{ name: 'envoy-gateway/tls-secret-1' }],
        listeners: [decodeListener(fixtureListeners('http-route.listeners.yaml')[0])],
        routes: [{ name: 'default/eg/http', virtualHosts: [{ name: 'vh', domains: ['*'] }] }],
    }));
}
function kgateClusterOf(clusters, name) {
    const found = clusters.filter((c) => c.name === name);
    assert.equal(found.length, 1, `one ${name} cluster`);
    return found[0];
}
describe('PostTranslateModify', () => {
    let hooks;
    before(async () => {
        hooks = await startHooks();
    });
    after(() => hooks.close());
    it('echoes every resource and appends an HTTP/2 STRICT_DNS cluster for a hostname', async () => {
        const backend = create(ClusterSchema, { name: 'default/backend', clusterDiscoveryType: { case: 'type', value: Cluster_DiscoveryType.EDS } });
        const request = translateRequest([backend]);
        const response = fromBinary(PostTranslateModifyResponseSchema, await hooks.call('PostTranslateModify', request));
        const sent = fromBinary(PostTranslateModifyRequestSchema, request);
        assert.deepEqual(response.clusters[0], sent.clusters[0]);
        assert.deepEqual(response.secrets, sent.secrets);
        assert.deepEqual(response.listeners, sent.listeners);
        assert.deepEqual(response.routes, sent.routes);
        const cluster = kgateClusterOf(response.clusters, 'kgate-ext-authz');
        assert.equal(cluster.clusterDiscoveryType.value, Cluster_DiscoveryType.STRICT_DNS);
        assert.equal(cluster.connectTimeout?.seconds, 1n);
        const endpoint = cluster.loadAssignment?.endpoints[0]?.lbEndpoints[0]?.hostIdentifier;
        assert.equal(cluster.loadAssignment?.clusterName, 'kgate-ext-authz');
        assert.equal(endpoint?.case, 'endpoint');
        const address = endpoint.value.address?.address;
        assert.equal(address?.case, 'socketAddress');
        assert.deepEqual([address.value.address, address.value.portSpecifier.value], ['kgate.kgate-system.svc.cluster.local', 9000]);
        const options = anyUnpack(cluster.typedExtensionProtocolOptions[HTTP_OPTIONS], HttpProtocolOptionsSchema);
        assert.equal(options?.upstreamProtocolOptions.case, 'explicitHttpConfig');
        assert.equal(options.upstreamProtocolOptions.value.protocolConfig.case, 'http2ProtocolOptions');
    });
    it('replaces an earlier kgate cluster instead of adding a second (idempotent)', async () => {
        const first = fromBinary(PostTranslateModifyResponseSchema, await hooks.call('PostTranslateModify', translateRequest([])));
        const stale = create(ClusterSchema, { name: 'kgate-ext-authz', clusterDiscoveryType: { case: 'type', value: Cluster_DiscoveryType.EDS } });
        const again = fromBinary(PostTranslateModifyResponseSchema, await hooks.call('PostTranslateModify', translateRequest([...first.clusters, stale])));
        assert.deepEqual(again.clusters, first.clusters);
    });
    it('the route, virtual host, cluster and endpoints hooks reply unset (unchanged)', async () => {
        const route = toBinary(PostRouteModifyRequestSchema, create(PostRouteModifyRequestSchema, { route: { name: 'r' } }));
        const cluster = toBinary(PostClusterModifyRequestSchema, create(PostClusterModifyRequestSchema, { cluster: { name: 'c' } }));
        for (const [method, request] of [
            ['PostRouteModify', route],
            ['PostVirtualHostModify', new Uint8Array()],
            ['PostClusterModify', cluster],
            ['PostEndpointsModify', new Uint8Array()],
        ]) {
            assert.equal((await hooks.call(method, request)).byteLength, 0, method);
        }
    });
});
describe('kgate cluster address kinds', () => {
    for (const [address, type, expected] of [
        ['10.0.0.7:9000', Cluster_DiscoveryType.STATIC, { case: 'socketAddress', host: '10.0.0.7' }],
        ['unix:///var/run/kgate/grpc.sock', Cluster_DiscoveryType.STATIC, { case: 'pipe', host: '/var/run/kgate/grpc.sock' }],
    ]) {
        it(address, async () => {
            const hooks = await startHooks({ 'ext-authz-address': address, 'ext-authz-cluster': 'authz' });
            try {
                const response = fromBinary(PostTranslateModifyResponseSchema, await hooks.call('PostTranslateModify', translateRequest([])));
                const cluster = kgateClusterOf(response.clusters, 'authz');
                assert.equal(cluster.clusterDiscoveryType.value, type);
                const endpoint = cluster.loadAssignment?.endpoints[0]?.lbEndpoints[0]?.hostIdentifier;
                const found = endpoint?.case === 'endpoint' ? endpoint.value.address?.address : undefined;
                assert.equal(found?.case, expected.case);
                assert.equal(found.case === 'pipe' ? found.value.path : found.value.address, expected.host);
            }
            finally {
                await hooks.close();
            }
        });
    }
});
//# sourceMappingURL=translate.test.js.map