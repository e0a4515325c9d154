// Protobuf wire-level surgery: read a message as a list of field occurrences,
// then re-emit it with a few of them replaced. Everything not replaced,
// including fields our protos do not know, is copied byte for byte.
import { WireType } from '@bufbuild/protobuf/wire';
import { errorText } from '../engine/types.js';

/** One field occurrence in an encoded message. */
export class WireField {
  constructor(
    private readonly bytes: Uint8Array,
    readonly no: number,
    readonly wireType: WireType,
    /** Offset of its tag. */
    readonly start: number,
    /** Offset of its payload (after the length of a length-delimited field). */
    private readonly payloadStart: number,
    /** Offset one past its last byte. */
    readonly end: number,
  ) {}

  /** The payload of a length-delimited field (a sub-message, string or bytes), as a view: made only for fields read. */
  get payload(): Uint8Array {
    return this.bytes.subarray(this.payloadStart, this.end);
  }
}

const utf8 = new TextDecoder();

/** Input that is not a well-formed protobuf message, with where it was met. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

/** Every field occurrence of `bytes`, in order; `where` names the message in a DecodeError. */
export function scanFields(bytes: Uint8Array, where: string): WireField[] {
  const fields: WireField[] = [];
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
      } else {
        skip(bytes, cursor, wireType, no, 0);
      }
      if (cursor.pos > bytes.byteLength) throw new Error('premature EOF');
      fields.push(new WireField(bytes, no, wireType, start, payloadStart, cursor.pos));
    }
  } catch (error) {
    throw new DecodeError(`${where}: cannot decode: ${errorText(error)}`);
  }
  return fields;
}

const MAX_GROUP_DEPTH = 100;

function readTag(bytes: Uint8Array, cursor: { pos: number }): [number, WireType] {
  const tag = readVarint(bytes, cursor);
  const no = Math.floor(tag / 8);
  if (no < 1 || no > 0x1fffffff) throw new Error(`illegal tag: field no ${no}`);
  return [no, (tag % 8) as WireType];
}

/** Moves the cursor past a field that is not length-delimited (groups included, nested at most MAX_GROUP_DEPTH). */
function skip(bytes: Uint8Array, cursor: { pos: number }, wireType: WireType, no: number, depth: number): void {
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
      if (depth >= MAX_GROUP_DEPTH) throw new Error('maximum recursion depth reached');
      for (;;) {
        if (cursor.pos >= bytes.byteLength) throw new Error('premature EOF');
        const [n, type] = readTag(bytes, cursor);
        if (type === WireType.EndGroup) {
          if (n !== no) throw new Error('invalid end group tag');
          return;
        }
        skip(bytes, cursor, type, n, depth + 1);
      }
    default:
      throw new Error(`cannot skip wire type ${wireType}`);
  }
}

/** Reads a varint of at most 64 bits at the cursor (as a double: lengths and tags fit). */
function readVarint(bytes: Uint8Array, cursor: { pos: number }): number {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (cursor.pos >= bytes.byteLength) throw new Error('premature EOF');
    const byte = bytes[cursor.pos++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 128;
  }
  throw new Error('invalid varint');
}
/** Length-delimited occurrences of field `no`. */
export function messages(fields: readonly WireField[], no: number): WireField[] {
  return fields.filter((f) => f.no === no && f.wireType === WireType.LengthDelimited);
}

/** The last occurrence of string field `no` (proto3 semantics), or ''. */
export function stringField(fields: readonly WireField[], no: number): string {
  const found = messages(fields, no).at(-1);
  return found ? utf8.decode(found.payload) : '';
}

/** What replaces one field occurrence: length-delimited fields `[no, payload]`, possibly none. */
export type Replacement = readonly (readonly [no: number, payload: Uint8Array])[];

/**
 * `bytes` with the occurrences in `edits` replaced and `append` added at the
 * end. Untouched runs are copied as they are, into one allocation: a listener
 * with 1,000 filter chains is re-emitted once per changed level.
 */
export function rewrite(bytes: Uint8Array, fields: readonly WireField[], edits: ReadonlyMap<WireField, Replacement>, append: Replacement = []): Uint8Array {
  const changed = edits.size === 0 ? [] : fields.filter((f) => edits.has(f));
  let size = bytes.byteLength + replacementSize(append);
  for (const field of changed) size += replacementSize(edits.get(field)!) - (field.end - field.start);
  const out = Buffer.allocUnsafe(size);
  let copied = 0;
  let at = 0;
  for (const field of changed) {
    out.set(bytes.subarray(copied, field.start), at);
    at = writeReplacement(out, at + field.start - copied, edits.get(field)!);
    copied = field.end;
  }
  out.set(bytes.subarray(copied), at);
  writeReplacement(out, at + bytes.byteLength - copied, append);
  return out;
}

/** An encoded envoy.config.core.v3.HeaderValue (key = 1, value = 2). */
export function headerValue(key: string, value: string): Uint8Array {
  const fields: Replacement = [
    [1, Buffer.from(key)],
    [2, Buffer.from(value)],
  ];
  const out = Buffer.allocUnsafe(replacementSize(fields));
  writeReplacement(out, 0, fields);
  return out;
}

function replacementSize(replacement: Replacement): number {
  let size = 0;
  for (const [no, payload] of replacement) size += varintSize((no << 3) | WireType.LengthDelimited) + varintSize(payload.byteLength) + payload.byteLength;
  return size;
}

/** Writes the length-delimited fields at `at`; returns the offset after them. */
function writeReplacement(out: Uint8Array, at: number, replacement: Replacement): number {
  for (const [no, payload] of replacement) {
    at = writeVarint(out, at, (no << 3) | WireType.LengthDelimited);
    at = writeVarint(out, at, payload.byteLength);
    out.set(payload, at);
    at += payload.byteLength;
  }
  return at;
}

function varintSize(value: number): number {
  let size = 1;
  for (; value >= 0x80; size++) value = Math.floor(value / 128);
  return size;
}

function writeVarint(out: Uint8Array, at: number, value: number): number {
  for (; value >= 0x80; value = Math.floor(value / 128)) out[at++] = (value & 0x7f) | 0x80;
  out[at++] = value;
  return at;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}
