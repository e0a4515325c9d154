// CheckRequest bytes → the protobuf JSON of its AttributeContext, in one pass.
//
// Why not fromBinary + toJson: on the request path that pair costs ~27 µs per
// Check (protobuf-es decodes through reflection and a TextDecoder per short
// string), more than a third of what the whole gRPC transport costs. This
// decoder reads the wire format once and builds the JSON directly for the
// messages Envoy fills on every request; rare or intricate messages
// (Metadata, HeaderMap, unusual addresses, out-of-range timestamps) are handed
// to protobuf-es with their exact bytes. The output equals
// toJson(AttributeContextSchema, ...) value for value and key order for key order
// (test/authz/attributes.test.ts holds it to that).
import { create, fromBinary, toJson } from '@bufbuild/protobuf';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { TimestampSchema } from '@bufbuild/protobuf/wkt';
import { AddressSchema } from '../gen/envoy/config/core/v3/address_pb.js';
import { HeaderMapSchema, MetadataSchema } from '../gen/envoy/config/core/v3/base_pb.js';
/** Reads strings straight from the Buffer, without an intermediate subarray per string. */
class Reader extends BinaryReader {
    buffer;
    constructor(buffer) {
        super(buffer);
        this.buffer = buffer;
    }
    text() {
        const stop = end(this);
        const value = this.buffer.toString('utf8', this.pos, stop);
        this.pos = stop;
        return value;
    }
}
/**
 * The AttributeContext JSON of a serialized CheckRequest, or undefined when
 * the request carries no `attributes`. Throws on malformed protobuf.
 */
export function decodeCheckRequest(bytes) {
    const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const r = new Reader(buffer);
    let context;
    eachField(r, r.len, (no, wt) => {
        if (no !== 1 || wt !== LEN)
            return false;
        context = readContext(r, end(r), context ?? {});
        return true;
    });
    return context && contextJson(context);
}
/** End offset of the length-delimited value at the reader's position. */
function end(r) {
    const len = r.uint32();
    const stop = r.pos + len;
    if (stop > r.len)
        throw new RangeError('premature EOF');
    return stop;
}
// Repeated occurrences of a message field merge (protobuf semantics): the
// readers fill an accumulator, and delegated messages keep every chunk.
/** Visits each field up to `stop`; a field the visitor does not take (returns false) is skipped. */
function eachField(r, stop, visit) {
    while (r.pos < stop) {
        const [no, wt] = r.tag();
        if (!visit(no, wt))
            r.skip(wt, no);
    }
}
const LEN = WireType.LengthDelimited;
function readContext(r, stop, c) {
    eachField(r, stop, (no, wt) => {
        if (wt !== LEN)
            return false;
        switch (no) {
            case 1:
                c.source = readPeer(r, end(r), c.source ?? {});
                return true;
            case 2:
                c.destination = readPeer(r, end(r), c.destination ?? {});
                return true;
            case 4:
                c.request = readRequest(r, end(r), c.request ?? {});
                return true;
            case 10:
                c.contextExtensions = readEntry(r, end(r), c.contextExtensions ?? {});
                return true;
            case 11:
                (c.metadataContext ??= []).push(r.bytes());
                return true;
            case 12:
                c.tlsSession = readTls(r, end(r), c.tlsSession ?? {});
                return true;
            case 13:
                (c.routeMetadataContext ??= []).push(r.bytes());
                return true;
            default:
                return false;
        }
    });
    return c;
}
function readPeer(r, stop, p) {
    eachField(r, stop, (no, wt) => {
        if (wt !== LEN)
            return false;
        switch (no) {
            case 1:
                (p.address ??= []).push(r.bytes());
                return true;
            case 2:
                p.service = r.text();
                return true;
            case 3:
                p.labels = readEntry(r, end(r), p.labels ?? {});
                return true;
            case 4:
                p.principal = r.text();
                return true;
            case 5:
                p.certificate = r.text();
                return true;
            default:
                return false;
        }
    });
    return p;
}
function readRequest(r, stop, q) {
    eachField(r, stop, (no, wt) => {
        if (wt !== LEN)
            return false;
        if (no === 1)
            q.time = readTimestamp(r, end(r), q.time ?? { seconds: 0n, nanos: 0 });
        else if (no === 2)
            q.http = readHttp(r, end(r), q.http ?? {});
        else
            return false;
        return true;
    });
    return q;
}
function readTimestamp(r, stop, t) {
    eachField(r, stop, (no, wt) => {
        if (wt !== WireType.Varint)
            return false;
        if (no === 1)
            t.seconds = BigInt(r.int64());
        else if (no === 2)
            t.nanos = r.int32();
        else
            return false;
        return true;
    });
    return t;
}
function readHttp(r, stop, h) {
    eachField(r, stop, (no, wt) => {
        if (no === 9 && wt === WireType.Varint) {
            h.size = BigInt(r.int64());
            return true;
        }
        if (wt !== LEN)
            return false;
        switch (no) {
            case 1:
                h.id = r.text();
                return true;
            case 2:
                h.method = r.text();
                return true;
            case 3:
                h.headers = readEntry(r, end(r), h.headers ?? {});
                return true;
            case 4:
                h.path = r.text();
                return true;
            case 5:
                h.host = r.text();
                return true;
            case 6:
                h.scheme = r.text();
                return true;
            case 7:
                h.query = r.text();
                return true;
            case 8:
                h.fragment = r.text();
                return true;
            case 10:
                h.protocol = r.text();
                return true;
            case 11:
                h.body = r.text();
                return true;
            case 12:
                h.rawBody = r.bytes();
                return true;
            case 13:
                (h.headerMap ??= []).push(r.bytes());
                return true;
            default:
                return false;
        }
    });
    return h;
}
function readTls(r, stop, t) {
    eachField(r, stop, (no, wt) => {
        if (no !== 1 || wt !== LEN)
            return false;
        t.sni = r.text();
        return true;
    });
    return t;
}
/** One map<string, string> entry, added to `map` (a later duplicate key wins). */
function readEntry(r, stop, map) {
    let key = '';
    let value = '';
    eachField(r, stop, (no, wt) => {
        if (wt !== LEN || (no !== 1 && no !== 2))
            return false;
        if (no === 1)
            key = r.text();
        else
            value = r.text();
        return true;
    });
    map[key] = value;
    return map;
}
// JSON assembly, in field-number order (toJson's key order), leaving out
// fields at their default value as toJson does.
function contextJson(c) {
    const out = {};
    if (c.source)
        out.source = peerJson(c.source);
    if (c.destination)
        out.destination = peerJson(c.destination);
    if (c.request)
        out.request = requestJson(c.request);
    if (c.contextExtensions)
        out.contextExtensions = c.contextExtensions;
    if (c.metadataContext)
        out.metadataContext = delegated(MetadataSchema, c.metadataContext);
    if (c.tlsSession)
        out.tlsSession = c.tlsSession.sni ? { sni: c.tlsSession.sni } : {};
    if (c.routeMetadataContext)
        out.routeMetadataContext = delegated(MetadataSchema, c.routeMetadataContext);
    return out;
}
function peerJson(p) {
    const out = {};
    if (p.address)
        out.address = (p.address.length === 1 && plainSocketAddress(p.address[0])) || delegated(AddressSchema, p.address);
    if (p.service)
        out.service = p.service;
    if (p.labels)
        out.labels = p.labels;
    if (p.principal)
        out.principal = p.principal;
    if (p.certificate)
        out.certificate = p.certificate;
    return out;
}
function requestJson(q) {
    const out = {};
    if (q.time)
        out.time = timestampJson(q.time.seconds, q.time.nanos);
    if (q.http)
        out.http = httpJson(q.http);
    return out;
}
function httpJson(h) {
    const out = {};
    if (h.id)
        out.id = h.id;
    if (h.method)
        out.method = h.method;
    if (h.headers)
        out.headers = h.headers;
    if (h.path)
        out.path = h.path;
    if (h.host)
        out.host = h.host;
    if (h.scheme)
        out.scheme = h.scheme;
    if (h.query)
        out.query = h.query;
    if (h.fragment)
        out.fragment = h.fragment;
    if (h.size)
        out.size = h.size.toString();
    if (h.protocol)
        out.protocol = h.protocol;
    if (h.body)
        out.body = h.body;
    if (h.rawBody?.length)
        out.rawBody = Buffer.from(h.rawBody.buffer, h.rawBody.byteOffset, h.rawBody.byteLength).toString('base64');
    if (h.headerMap)
        out.headerMap = delegated(HeaderMapSchema, h.headerMap);
    return out;
}
function delegated(schema, chunks) {
    // Envoy sends an empty metadata_context on every request.
    if (chunks.every((c) => c.length === 0))
        return {};
    return toJson(schema, fromBinary(schema, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
}
/**
 * The address Envoy sends on every request, `{socketAddress: {address,
 * portValue}}` with a non-zero port, decoded directly; undefined for any other
 * shape (protobuf-es then handles it).
 */
function plainSocketAddress(bytes) {
    const r = new Reader(bytes);
    const [no, wt] = r.tag();
    if (no !== 1 || wt !== WireType.LengthDelimited)
        return undefined;
    const stop = end(r);
    if (stop !== r.len)
        return undefined;
    let address = '';
    let port = 0;
    while (r.pos < stop) {
        const [field, type] = r.tag();
        if (field === 2 && type === WireType.LengthDelimited)
            address = r.text();
        else if (field === 3 && type === WireType.Varint)
            port = r.uint32();
        else
            return undefined;
    }
    if (port === 0)
        return undefined;
    return { socketAddress: address ? { address, portValue: port } : { portValue: port } };
}
const MIN_SECONDS = -62135596800n; // 0001-01-01T00:00:00Z
const MAX_SECONDS = 253402300799n; // 9999-12-31T23:59:59Z
/** RFC 3339 with 0, 3, 6 or 9 fractional digits, as protobuf JSON writes a Timestamp. */
function timestampJson(seconds, nanos) {
    if (seconds < MIN_SECONDS || seconds > MAX_SECONDS || nanos < 0 || nanos > 999_999_999) {
        // protobuf-es refuses these with its own error: let it say why.
        return toJson(TimestampSchema, create(TimestampSchema, { seconds, nanos }));
    }
    const whole = wholeSeconds(Number(seconds));
    if (nanos === 0)
        return `${whole}Z`;
    const digits = String(nanos + 1_000_000_000).slice(1);
    const fraction = digits.endsWith('000000') ? digits.slice(0, 3) : digits.endsWith('000') ? digits.slice(0, 6) : digits;
    return `${whole}.${fraction}Z`;
}
// Requests arriving within the same second share its formatting.
let lastSecond = NaN;
let lastWhole = '';
/** `YYYY-MM-DDTHH:MM:SS` of a Unix second. */
function wholeSeconds(second) {
    if (second !== lastSecond) {
        lastWhole = new Date(second * 1000).toISOString().slice(0, 19);
        lastSecond = second;
    }
    return lastWhole;
}
//# sourceMappingURL=attributes.js.map