// First pass of decoding: one message's wire bytes split into its fields' raw values, checked
// against the field table (wire types, packed and unpacked repeated scalars), in the order they
// appeared. Unknown field numbers are skipped, as gogo-generated Unmarshal does.
import type { FieldInfo, MessageInfo } from './message-table.ts';
import type { ScalarType } from './proto-file.ts';
import { ProtobufError, readFixed, WireReader, WireType } from './wire-reader.ts';

/** A decoded scalar: 64-bit integers stay bigint so that nothing is lost before formatting. */
export type ScalarValue = number | bigint | boolean | string | Uint8Array;

/** A scalar's value, or a message / map entry payload (`Uint8Array` views into the body). */
export type RawValue = ScalarValue;

export function wireTypeOf(t: ScalarType): number {
  switch (t) {
    case 'double':
    case 'fixed64':
    case 'sfixed64':
      return WireType.fixed64;
    case 'float':
    case 'fixed32':
    case 'sfixed32':
      return WireType.fixed32;
    case 'string':
    case 'bytes':
      return WireType.bytes;
    default:
      return WireType.varint;
  }
}

const utf8 = new TextDecoder('utf-8');

function fromVarint(t: ScalarType, v: bigint): ScalarValue {
  switch (t) {
    case 'int32':
      return Number(BigInt.asIntN(32, v));
    case 'uint32':
      return Number(BigInt.asUintN(32, v));
    case 'int64':
      return BigInt.asIntN(64, v);
    case 'uint64':
      return v;
    case 'sint32':
    case 'sint64': {
      const z = (v >> 1n) ^ -(v & 1n);
      return t === 'sint32' ? Number(BigInt.asIntN(32, z)) : BigInt.asIntN(64, z);
    }
    case 'bool':
      return v !== 0n;
    default:
      throw new ProtobufError(`proto: ${t} is not a varint type`);
  }
}

/** Reads one scalar of type `t` whose wire type has already been checked. */
export function readScalar(r: WireReader, t: ScalarType): ScalarValue {
  switch (t) {
    case 'string':
      return utf8.decode(r.bytes());
    case 'bytes':
      return Uint8Array.from(r.bytes());
    case 'double':
    case 'fixed64':
    case 'sfixed64':
      return readFixed(r.fixed64(), t);
    case 'float':
    case 'fixed32':
    case 'sfixed32':
      return readFixed(r.fixed32(), t);
    default:
      return fromVarint(t, r.varint());
  }
}

/** Go's name for a field in gogo's error messages (`Name`, `ObjectMeta`). */
export function goFieldName(f: FieldInfo): string {
  return f.name.charAt(0).toUpperCase() + f.name.slice(1);
}

export class RawMessage {
  readonly values = new Map<FieldInfo, RawValue[]>();
  /** The payload length: custom Unmarshal methods treat an empty payload specially. */
  readonly size: number;

  constructor(
    readonly info: MessageInfo,
    bytes: Uint8Array,
  ) {
    this.size = bytes.length;
    const r = new WireReader(bytes);
    while (!r.done) {
      const { field: number, wireType } = r.tag(info.name);
      const f = info.byNumber.get(number);
      if (!f) {
        r.skip(wireType);
        continue;
      }
      let list = this.values.get(f);
      if (!list) this.values.set(f, (list = []));
      if (f.value.kind === 'message' || f.label === 'map') {
        if (wireType !== WireType.bytes) throw wrongWireType(wireType, f);
        list.push(r.bytes());
        continue;
      }
      const scalar = f.value.scalar;
      const native = wireTypeOf(scalar);
      if (f.label === 'repeated' && wireType === WireType.bytes && native !== WireType.bytes) {
        const packed = new WireReader(r.bytes());
        while (!packed.done) list.push(readScalar(packed, scalar));
        continue;
      }
      if (wireType !== native) throw wrongWireType(wireType, f);
      list.push(readScalar(r, scalar));
    }
  }

  /** The last value of a field (proto2: the last occurrence of a singular field wins). */
  last(name: string): RawValue | undefined {
    const f = this.info.fields.find((x) => x.name === name);
    const list = f && this.values.get(f);
    return list?.[list.length - 1];
  }

  all(name: string): RawValue[] {
    const f = this.info.fields.find((x) => x.name === name);
    return (f && this.values.get(f)) ?? [];
  }
}

export function wrongWireType(wireType: number, f: FieldInfo): ProtobufError {
  return new ProtobufError(`proto: wrong wireType = ${wireType} for field ${goFieldName(f)}`);
}

/** Occurrences of a singular message field merge; on the wire that is concatenation. */
export function concatPayloads(parts: readonly RawValue[]): Uint8Array {
  const chunks = parts.filter((p): p is Uint8Array => p instanceof Uint8Array);
  if (chunks.length === 1) return chunks[0]!;
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
