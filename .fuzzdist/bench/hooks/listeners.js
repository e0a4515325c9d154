// Listeners for the hook benchmark: Envoy Gateway fixtures and synthetic
// HTTPS listeners with N filter chains (one per Gateway listener).
import { clone, create, toBinary } from '@bufbuild/protobuf';
import { anyPack, anyUnpack } from '@bufbuild/protobuf/wkt';
import { ListenerSchema } from '../../src/gen/envoy/config/listener/v3/listener_pb.js';
import { FilterChainSchema } from '../../src/gen/envoy/config/listener/v3/listener_components_pb.js';
import { HttpConnectionManagerSchema } from '../../src/gen/envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager_pb.js';
import { decodeListener, fixtureListeners, fixtureNames } from '../../test/hooks/support/envoy.js';
/** The largest listener among the fixtures (protobuf bytes). */
export function largestFixture() {
    let best = { name: '', bytes: new Uint8Array() };
    for (const file of fixtureNames()) {
        for (const bytes of fixtureListeners(file))
            if (bytes.byteLength > best.bytes.byteLength)
                best = { name: file, bytes };
    }
    return best;
}
/** An HTTPS listener with `n` filter chains `default/eg/https-<i>`, each with its own SNI and route config. */
export function httpsListener(n) {
    const template = decodeListener(fixtureListeners('multiple-listeners-same-port.listeners.yaml')[0]);
    const chain = template.filterChains.find((c) => c.transportSocket !== undefined);
    const chains = Array.from({ length: n }, (_, i) => {
        const copy = clone(FilterChainSchema, chain);
        const section = `default/eg/https-${i}`;
        copy.name = section;
        if (copy.filterChainMatch)
            copy.filterChainMatch.serverNames = [`host-${i}.example.com`];
        const filter = copy.filters[0];
        if (filter.configType.case === 'typedConfig') {
            const hcm = anyUnpack(filter.configType.value, HttpConnectionManagerSchema);
            if (hcm.routeSpecifier.case === 'rds')
                hcm.routeSpecifier.value.routeConfigName = section;
            filter.configType = { case: 'typedConfig', value: anyPack(HttpConnectionManagerSchema, hcm) };
        }
        return copy;
    });
    return toBinary(ListenerSchema, create(ListenerSchema, { ...template, name: 'default/eg/https', filterChains: chains, defaultFilterChain: undefined }));
}
//# sourceMappingURL=listeners.js.map