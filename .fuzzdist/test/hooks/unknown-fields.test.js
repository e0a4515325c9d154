// Fields newer than our protos, at every level the hook descends through and
// beside it, come back byte for byte.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { anyPack, anyUnpack } from '@bufbuild/protobuf/wkt';
import { ListenerSchema } from '../../src/gen/envoy/config/listener/v3/listener_pb.js';
import { HttpConnectionManagerSchema } from '../../src/gen/envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager_pb.js';
import { canonical, decodeListener, fixtureListeners, hcmsOf, kgateFilters, toBinary, withoutKgate } from './support/envoy.js';
import { listenerRequest, policyObject, replyField, startHooks } from './support/harness.js';
/** Field 9000+n carrying a marker string: an unknown field of any Envoy message. */
function unknown(n) {
    const marker = new TextEncoder().encode(`kgate-unknown-${n}`);
    const data = new BinaryWriter().bytes(marker).finish();
    const encoded = Buffer.from(new BinaryWriter()
        .tag(9000 + n, WireType.LengthDelimited)
        .bytes(marker)
        .finish());
    return { no: 9000 + n, wireType: WireType.LengthDelimited, data, encoded };
}
function addUnknown(message, n) {
    const field = unknown(n);
    message.$unknown = [...(message.$unknown ?? []), { no: field.no, wireType: field.wireType, data: field.data }];
    return field.encoded;
}
let hooks;
before(async () => {
    hooks = await startHooks();
});
after(() => hooks.close());
describe('unknown fields', () => {
    it('survive at the listener, chain, filter, Any, HCM, HTTP filter and Any payload levels', async () => {
        // HTTPS chains with TLS transport sockets, TCP chains, a plain-HTTP default chain and a listener filter.
        const listener = decodeListener(fixtureListeners('multiple-listeners-same-port.listeners.yaml')[0]);
        const markers = [addUnknown(listener, 0)];
        let n = 1;
        for (const chain of [...listener.filterChains, listener.defaultFilterChain]) {
            markers.push(addUnknown(chain, n++));
            if (chain.transportSocket?.configType.case === 'typedConfig') {
                const tls = chain.transportSocket.configType.value;
                const extra = unknown(n++);
                tls.value = Buffer.concat([tls.value, extra.encoded]);
                markers.push(extra.encoded);
            }
            for (const filter of chain.filters) {
                markers.push(addUnknown(filter, n++));
                if (filter.configType.case !== 'typedConfig')
                    continue;
                const any = filter.configType.value;
                const hcm = anyUnpack(any, HttpConnectionManagerSchema);
                if (!hcm) {
                    const extra = unknown(n++);
                    any.value = Buffer.concat([any.value, extra.encoded]);
                    markers.push(extra.encoded);
                    continue;
                }
                markers.push(addUnknown(hcm, n++));
                for (const http of hcm.httpFilters) {
                    markers.push(addUnknown(http, n++));
                    if (http.configType.case === 'typedConfig') {
                        const extra = unknown(n++);
                        http.configType.value.value = Buffer.concat([http.configType.value.value, extra.encoded]);
                        markers.push(extra.encoded);
                    }
                }
                const packed = anyPack(HttpConnectionManagerSchema, hcm);
                markers.push(addUnknown(packed, n++));
                filter.configType = { case: 'typedConfig', value: packed };
            }
        }
        const input = toBinary(ListenerSchema, listener);
        const out = replyField(await hooks.call('PostHTTPListenerModify', listenerRequest(input, [policyObject('wide', [{ name: 'gateway-1' }])])));
        assert.ok(out);
        assert.equal(hcmsOf(decodeListener(out)).filter((s) => kgateFilters(s.hcm).length === 1).length, 3, 'three HCMs got the filter');
        const bytes = Buffer.from(out);
        for (const marker of markers)
            assert.ok(bytes.includes(marker), `unknown field ${marker.toString('latin1')} kept byte for byte`);
        assert.ok(markers.length > 20);
        assert.deepEqual(withoutKgate(out), canonical(input));
    });
});
//# sourceMappingURL=unknown-fields.test.js.map