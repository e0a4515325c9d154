// The cluster through which Envoy reaches kgate's ext_authz endpoint, added by
// PostTranslateModify (the listener hook cannot add clusters). No EDS at this
// point: the endpoint is inline, STATIC for an IP or a Unix socket, STRICT_DNS
// for a hostname, and HTTP/2 because ext_authz speaks gRPC.
import { create, toBinary } from '@bufbuild/protobuf';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { anyPack, durationFromMs } from '@bufbuild/protobuf/wkt';
import { Cluster_DiscoveryType, ClusterSchema } from '../gen/envoy/config/cluster/v3/cluster_pb.js';
import { AddressSchema } from '../gen/envoy/config/core/v3/address_pb.js';
import { HttpProtocolOptionsSchema } from '../gen/envoy/extensions/upstreams/http/v3/http_protocol_options_pb.js';
import { messages, scanFields, stringField } from './wire.js';
const HTTP_PROTOCOL_OPTIONS = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';
export function kgateCluster(config) {
    const http2 = create(HttpProtocolOptionsSchema, {
        upstreamProtocolOptions: { case: 'explicitHttpConfig', value: { protocolConfig: { case: 'http2ProtocolOptions', value: {} } } },
    });
    const cluster = create(ClusterSchema, {
        name: config.cluster,
        clusterDiscoveryType: { case: 'type', value: config.address.kind === 'dns' ? Cluster_DiscoveryType.STRICT_DNS : Cluster_DiscoveryType.STATIC },
        connectTimeout: durationFromMs(config.connectTimeoutMs),
        loadAssignment: {
            clusterName: config.cluster,
            endpoints: [{ lbEndpoints: [{ hostIdentifier: { case: 'endpoint', value: { address: envoyAddress(config.address) } } }] }],
        },
        typedExtensionProtocolOptions: { [HTTP_PROTOCOL_OPTIONS]: anyPack(HttpProtocolOptionsSchema, http2) },
    });
    return toBinary(ClusterSchema, cluster);
}
function envoyAddress(address) {
    return create(AddressSchema, {
        address: address.kind === 'pipe'
            ? { case: 'pipe', value: { path: address.path } }
            : { case: 'socketAddress', value: { address: address.host, portSpecifier: { case: 'portValue', value: address.port } } },
    });
}
// PostTranslateModifyRequest / Response field numbers.
const REQUEST = { clusters: 2, secrets: 3, listeners: 4, routes: 5 };
const RESPONSE = { clusters: 1, secrets: 2, listeners: 3, routes: 4 };
const CLUSTER_NAME = 1;
/**
 * The PostTranslateModify response: every resource EG sent, as it came
 * (each returned list replaces EG's), with kgate's cluster replacing an
 * earlier one of the same name or appended.
 */
export function translateResponse(request, cluster, clusterName) {
    const fields = scanFields(request, 'PostTranslateModifyRequest');
    const writer = new BinaryWriter();
    const echo = (from, to, keep = () => true) => {
        messages(fields, from).forEach((f, i) => keep(f, i) && writer.tag(to, WireType.LengthDelimited).bytes(f.payload));
    };
    echo(REQUEST.clusters, RESPONSE.clusters, (f, i) => stringField(scanFields(f.payload, `clusters[${i}]`), CLUSTER_NAME) !== clusterName);
    writer.tag(RESPONSE.clusters, WireType.LengthDelimited).bytes(cluster);
    echo(REQUEST.secrets, RESPONSE.secrets);
    echo(REQUEST.listeners, RESPONSE.listeners);
    echo(REQUEST.routes, RESPONSE.routes);
    return writer.finish();
}
//# sourceMappingURL=cluster.js.map