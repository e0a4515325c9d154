import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { create, fromBinary, toBinary, toJson } from '@bufbuild/protobuf';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { decodeCheckRequest } from '../../src/authz/attributes.js';
import { AttributeContextSchema } from '../../src/gen/envoy/service/auth/v3/attribute_context_pb.js';
import { CheckRequestSchema } from '../../src/gen/envoy/service/auth/v3/external_auth_pb.js';
import { SocketAddress_Protocol } from '../../src/gen/envoy/config/core/v3/address_pb.js';
/** What protobuf-es makes of the same bytes: the reference the fast decoder must equal. */
function reference(bytes) {
    const request = fromBinary(CheckRequestSchema, bytes);
    return request.attributes && toJson(AttributeContextSchema, request.attributes);
}
function assertSame(bytes) {
    const fast = decodeCheckRequest(Buffer.from(bytes));
    const expected = reference(bytes);
    assert.deepStrictEqual(fast, expected);
    // Same key order too: `kgate check` prints and policies may iterate keys.
    assert.equal(JSON.stringify(fast), JSON.stringify(expected));
}
const socket = (address, port) => ({
    address: { case: 'socketAddress', value: { address, portSpecifier: { case: 'portValue', value: port } } },
});
const typical = {
    attributes: {
        source: { address: socket('10.244.0.12', 48712), principal: 'spiffe://cluster.local/ns/default/sa/client' },
        destination: { address: socket('10.244.0.7', 8080) },
        request: {
            time: { seconds: 1795000000n, nanos: 123_000_000 },
            http: {
                id: '13359530607844510314',
                method: 'POST',
                headers: { ':authority': 'books.example.com', ':method': 'POST', ':path': '/book?x=1', 'x-request-id': 'abc', 'user-agent': 'curl/8.5.0' },
                path: '/book?x=1',
                host: 'books.example.com',
                scheme: 'http',
                size: 51n,
                protocol: 'HTTP/1.1',
                body: '{"title":"Dune"}',
            },
        },
        contextExtensions: { 'x-kgate-gateway': 'default/eg' },
        metadataContext: { filterMetadata: { 'envoy.filters.http.jwt_authn': { payload: { sub: 'alice', roles: ['a', 'b'], n: 1.5 } } } },
        tlsSession: { sni: 'books.example.com' },
    },
};
const exotic = {
    attributes: {
        source: {
            address: { address: { case: 'pipe', value: { path: '/var/run/envoy.sock', mode: 0o644 } } },
            service: 'frontend',
            labels: { app: 'web', tier: 'front' },
            certificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
        },
        destination: {
            address: {
                address: {
                    case: 'socketAddress',
                    value: { protocol: SocketAddress_Protocol.UDP, address: '::1', portSpecifier: { case: 'namedPort', value: 'http' }, ipv4Compat: true },
                },
            },
        },
        request: {
            time: { seconds: -1n, nanos: 1 },
            http: {
                method: 'GET',
                headerMap: {
                    headers: [
                        { key: 'x-bin', rawValue: new Uint8Array([0, 255, 10]) },
                        { key: 'x-text', value: 'täst ✓' },
                    ],
                },
                query: 'a=1',
                fragment: 'top',
                size: -1n,
                rawBody: new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x00]),
            },
        },
        routeMetadataContext: { filterMetadata: { route: { name: 'r1' } } },
        tlsSession: {},
    },
};
describe('decodeCheckRequest', () => {
    it('equals protobuf-es toJson for a typical Envoy request', () => {
        assertSame(toBinary(CheckRequestSchema, create(CheckRequestSchema, typical)));
    });
    it('equals protobuf-es toJson for rarely used fields and delegated messages', () => {
        assertSame(toBinary(CheckRequestSchema, create(CheckRequestSchema, exotic)));
    });
    it('handles explicit zero ports, empty addresses and every timestamp precision', () => {
        for (const nanos of [0, 1_000_000, 1_000, 1, 999_999_999]) {
            const init = {
                attributes: {
                    source: { address: socket('', 0) },
                    destination: { address: socket('', 443) },
                    request: { time: { seconds: 0n, nanos }, http: {} },
                },
            };
            assertSame(toBinary(CheckRequestSchema, create(CheckRequestSchema, init)));
        }
    });
    it('returns {} for empty attributes and undefined when attributes are absent', () => {
        assert.deepStrictEqual(decodeCheckRequest(Buffer.from(toBinary(CheckRequestSchema, create(CheckRequestSchema, { attributes: {} })))), {});
        assert.equal(decodeCheckRequest(Buffer.alloc(0)), undefined);
    });
    it('merges repeated messages as protobuf does (concatenated requests)', () => {
        const a = toBinary(CheckRequestSchema, create(CheckRequestSchema, typical));
        const b = toBinary(CheckRequestSchema, create(CheckRequestSchema, exotic));
        assertSame(Buffer.concat([a, b]));
    });
    it('skips unknown fields at every level', () => {
        const http = new BinaryWriter()
            .tag(2, WireType.LengthDelimited)
            .string('GET')
            .tag(99, WireType.Varint)
            .uint32(7)
            .tag(98, WireType.LengthDelimited)
            .string('x')
            .finish();
        const request = new BinaryWriter().tag(2, WireType.LengthDelimited).bytes(http).tag(77, WireType.Bit64).fixed64(1n).finish();
        const context = new BinaryWriter().tag(4, WireType.LengthDelimited).bytes(request).tag(55, WireType.Bit32).fixed32(3).finish();
        const bytes = new BinaryWriter().tag(1, WireType.LengthDelimited).bytes(context).tag(9, WireType.Varint).uint32(1).finish();
        assertSame(bytes);
        assert.deepStrictEqual(decodeCheckRequest(Buffer.from(bytes)), { request: { http: { method: 'GET' } } });
    });
    it('accepts a plain Uint8Array as well as a Buffer', () => {
        const bytes = toBinary(CheckRequestSchema, create(CheckRequestSchema, typical));
        assert.deepStrictEqual(decodeCheckRequest(bytes), reference(bytes));
    });
    it('throws on truncated or garbage input', () => {
        const bytes = Buffer.from(toBinary(CheckRequestSchema, create(CheckRequestSchema, typical)));
        assert.throws(() => decodeCheckRequest(bytes.subarray(0, bytes.length - 10)));
        assert.throws(() => decodeCheckRequest(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])));
        assert.throws(() => decodeCheckRequest(Buffer.from([0x07])));
    });
    it('refuses a timestamp outside the JSON range, like protobuf-es', () => {
        const bytes = toBinary(CheckRequestSchema, create(CheckRequestSchema, { attributes: { request: { time: { seconds: 999999999999n } } } }));
        assert.throws(() => reference(bytes));
        assert.throws(() => decodeCheckRequest(Buffer.from(bytes)), /9999-12-31/);
    });
});
//# sourceMappingURL=attributes.test.js.map