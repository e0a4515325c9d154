// Protobuf wire-level surgery: read a message as a list of field occurrences,
// then re-emit it with a few of them replaced. Everything not replaced,
// including fields our protos do not know, is copied byte for byte.
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

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
  const reader = new BinaryReader(bytes);
  const fields: WireField[] = [];
  try {
    while (reader.pos < reader.len) {
      const start = reader.pos;
      const [no, wireType] = reader.tag();
      let payloadStart = reader.pos;
      if (wireType === WireType.LengthDelimited) {
        const length = reader.uint32();
        payloadStart = reader.pos;
        reader.pos += length;
        if (reader.pos > reader.len) throw new Error('premature EOF');
      } else {
        reader.skip(wireType, no);
      }
      fields.push(new WireField(bytes, no, wireType, start, payloadStart, reader.pos));
    }
  } catch (error) {
    throw new DecodeError(`${where}: cannot decode: ${error instanceof Error ? error.message : String(error)}`);
  }
  return fields;
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
 * end. Untouched runs are copied as they are, in one allocation: a listener
 * with 1,000 filter chains is re-emitted once per changed level.
 */
export function rewrite(bytes: Uint8Array, fields: readonly WireField[], edits: ReadonlyMap<WireField, Replacement>, append: Replacement = []): Uint8Array {
  const parts: Uint8Array[] = [];
  let copied = 0;
  for (const field of fields) {
    const replacement = edits.get(field);
    if (!replacement) continue;
    parts.push(bytes.subarray(copied, field.start), ...encode(replacement));
    copied = field.end;
  }
  parts.push(bytes.subarray(copied), ...encode(append));
  return Buffer.concat(parts);
}

function encode(replacement: Replacement): Uint8Array[] {
  return replacement.flatMap(([no, payload]) => [new BinaryWriter().tag(no, WireType.LengthDelimited).uint32(payload.byteLength).finish(), payload]);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}
