// Protobuf wire-level surgery: read a message as a list of field occurrences,
// then re-emit it with a few of them replaced. Everything not replaced,
// including fields our protos do not know, is copied byte for byte.
import { WireType } from '@bufbuild/protobuf/wire';
import { errorText } from '../engine/types.js';
/** One field occurrence in an encoded message. */
export class WireField {
    bytes;
    no;
    wireType;
    start;
    payloadStart;
    end;
    constructor(bytes, no, wireType, 
    /** Offset of its tag. */
    start, 
    /** Offset of its payload (after the length of a length-delimited field). */
    payloadStart, 
    /** Offset one past its last byte. */
    end) {
        this.bytes = bytes;
        this.no = no;
        this.wireType = wireType;
        this.start = start;
        this.payloadStart = payloadStart;
        this.end = end;
    }
    /** The payload of a length-delimited field (a sub-message, string or bytes), as a view: made only for fields read. */
    get payload() {
        return this.bytes.subarray(this.payloadStart, this.end);
    }
}
const utf8 = new TextDecoder();
/** Input that is not a well-formed protobuf message, with where it was met. */
export class DecodeError extends Error {
    name = 'DecodeError';
}
/** Every field occurrence of `bytes`, in order; `where` names the message in a DecodeError. */
export function scanFields(bytes, where) {
    const fields = [];
    const cursor = { pos: 0 };
    try {
        while (cursor.pos < bytes.byteLength) {
            const start = cursor.pos;
            const [no, wireType] = readTag(bytes, cursor);
            let payloadStart = cursor.pos;
            if (wireType === WireType.LengthDelimited) {
                const length = readVarint(bytes, cursor);
                payloadStart = cursor.pos;
                cursor.pos += length;
            }
            else {
                skip(bytes, cursor, wireType, no, 0);
            }
            if (cursor.pos > bytes.byteLength)
                throw new Error('premature EOF');
            fields.push(new WireField(bytes, no, wireType, start, payloadStart, cursor.pos));
        }
    }
    catch (error) {
        throw new DecodeError(`${where}: cannot decode: ${errorText(error)}`);
    }
    return fields;
}
const MAX_GROUP_DEPTH = 100;
function readTag(bytes, cursor) {
    const tag = readVarint(bytes, cursor);
    const no = Math.floor(tag / 8);
    if (no < 1 || no > 0x1fffffff)
        throw new Error(`illegal tag: field no ${no}`);
    return [no, (tag % 8)];
}
/** Moves the cursor past a field that is not length-delimited (groups included, nested at most MAX_GROUP_DEPTH). */
function skip(bytes, cursor, wireType, no, depth) {
    switch (wireType) {
        case WireType.Varint:
            readVarint(bytes, cursor);
            return;
        case WireType.Bit64:
            cursor.pos += 8;
            return;
        case WireType.Bit32:
            cursor.pos += 4;
            return;
        case WireType.LengthDelimited:
            cursor.pos += readVarint(bytes, cursor);
            return;
        case WireType.StartGroup:
            if (depth >= MAX_GROUP_DEPTH)
                throw new Error('maximum recursion depth reached');
            for (;;) {
                if (cursor.pos >= bytes.byteLength)
                    throw new Error('premature EOF');
                const [n, type] = readTag(bytes, cursor);
                if (type === WireType.EndGroup) {
                    if (n !== no)
                        throw new Error('invalid end group tag');
                    return;
                }
                skip(bytes, cursor, type, n, depth + 1);
            }
        default:
            throw new Error(`cannot skip wire type ${wireType}`);
    }
}
/** Reads a varint of at most 64 bits at the cursor (as a double: lengths and tags fit). */
function readVarint(bytes, cursor) {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
        if (cursor.pos >= bytes.byteLength)
            throw new Error('premature EOF');
        const byte = bytes[cursor.pos++];
        value += (byte & 0x7f) * scale;
        if (byte < 0x80)
            return value;
        scale *= 128;
    }
    throw new Error('invalid varint');
}
/** Length-delimited occurrences of field `no`. */
export function messages(fields, no) {
    return fields.filter((f) => f.no === no && f.wireType === WireType.LengthDelimited);
}
/** The last occurrence of string field `no` (proto3 semantics), or ''. */
export function stringField(fields, no) {
    const found = messages(fields, no).at(-1);
    return found ? utf8.decode(found.payload) : '';
}
/**
 * `bytes` with the occurrences in `edits` replaced and `append` added at the
 * end. Untouched runs are copied as they are, into one allocation: a listener
 * with 1,000 filter chains is re-emitted once per changed level.
 */
export function rewrite(bytes, fields, edits, append = []) {
    const changed = edits.size === 0 ? [] : fields.filter((f) => edits.has(f));
    let size = bytes.byteLength + replacementSize(append);
    for (const field of changed)
        size += replacementSize(edits.get(field)) - (field.end - field.start);
    const out = Buffer.allocUnsafe(size);
    let copied = 0;
    let at = 0;
    for (const field of changed) {
        out.set(bytes.subarray(copied, field.start), at);
        at = writeReplacement(out, at + field.start - copied, edits.get(field));
        copied = field.end;
    }
    out.set(bytes.subarray(copied), at);
    writeReplacement(out, at + bytes.byteLength - copied, append);
    return out;
}
/** An encoded envoy.config.core.v3.HeaderValue (key = 1, value = 2). */
export function headerValue(key, value) {
    const fields = [
        [1, Buffer.from(key)],
        [2, Buffer.from(value)],
    ];
    const out = Buffer.allocUnsafe(replacementSize(fields));
    writeReplacement(out, 0, fields);
    return out;
}
function replacementSize(replacement) {
    let size = 0;
    for (const [no, payload] of replacement)
        size += varintSize((no << 3) | WireType.LengthDelimited) + varintSize(payload.byteLength) + payload.byteLength;
    return size;
}
/** Writes the length-delimited fields at `at`; returns the offset after them. */
function writeReplacement(out, at, replacement) {
    for (const [no, payload] of replacement) {
        at = writeVarint(out, at, (no << 3) | WireType.LengthDelimited);
        at = writeVarint(out, at, payload.byteLength);
        out.set(payload, at);
        at += payload.byteLength;
    }
    return at;
}
function varintSize(value) {
    let size = 1;
    for (; value >= 0x80; size++)
        value = Math.floor(value / 128);
    return size;
}
function writeVarint(out, at, value) {
    for (; value >= 0x80; value = Math.floor(value / 128))
        out[at++] = (value & 0x7f) | 0x80;
    out[at++] = value;
    return at;
}
export function sameBytes(a, b) {
    return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}
//# sourceMappingURL=wire.js.map