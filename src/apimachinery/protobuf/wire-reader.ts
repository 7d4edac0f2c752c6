// The protobuf wire format, read side: varints, fixed 32/64-bit words and length-delimited
// fields, with the bounds and overflow checks (and the error wording) of gogo-protobuf's
// generated Unmarshal code, which is what the API server runs. It never reads past its window.

/** A malformed or undecodable protobuf body; `message` is what the API server would say. */
export class ProtobufError extends Error {}

export const WireType = {
  varint: 0,
  fixed64: 1,
  bytes: 2,
  startGroup: 3,
  endGroup: 4,
  fixed32: 5,
} as const;

export interface Tag {
  field: number;
  wireType: number;
}

export const unexpectedEOF = (): ProtobufError => new ProtobufError('unexpected EOF');
const intOverflow = (): ProtobufError => new ProtobufError('proto: integer overflow');
const invalidLength = (): ProtobufError => new ProtobufError('proto: negative length found during unmarshaling');

export class WireReader {
  private pos: number;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** A 64-bit varint as an unsigned bigint (gogo: shift >= 64 is an overflow). */
  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (shift >= 64n) throw intOverflow();
      if (this.pos >= this.end) throw unexpectedEOF();
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
    }
  }

  /** A varint that must fit a JavaScript number (tags and lengths). */
  smallVarint(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      if (i >= 10) throw intOverflow();
      if (this.pos >= this.end) throw unexpectedEOF();
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 128;
    }
    if (!Number.isSafeInteger(result)) throw intOverflow();
    return result;
  }

  /** The next field key. Field number 0 and end-group keys are rejected as gogo does. */
  tag(message: string): Tag {
    const key = this.smallVarint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (wireType === WireType.endGroup) throw new ProtobufError(`proto: ${message}: wiretype end group for non-group`);
    if (field <= 0) throw new ProtobufError(`proto: ${message}: illegal tag ${field} (wire type ${wireType})`);
    return { field, wireType };
  }

  fixed32(): Uint8Array {
    return this.take(4);
  }

  fixed64(): Uint8Array {
    return this.take(8);
  }

  /** A length-delimited payload (a view, not a copy). */
  bytes(): Uint8Array {
    const len = this.smallVarint();
    if (len < 0) throw invalidLength();
    return this.take(len);
  }

  /** Skips one field's payload, groups included, as gogo's skipGenerated does. */
  skip(wireType: number): void {
    switch (wireType) {
      case WireType.varint:
        this.varint();
        return;
      case WireType.fixed64:
        this.take(8);
        return;
      case WireType.bytes:
        this.bytes();
        return;
      case WireType.fixed32:
        this.take(4);
        return;
      case WireType.startGroup: {
        let depth = 1;
        while (depth > 0) {
          const key = this.smallVarint();
          const wt = key % 8;
          if (wt === WireType.startGroup) depth++;
          else if (wt === WireType.endGroup) depth--;
          else this.skip(wt);
        }
        return;
      }
      case WireType.endGroup:
        throw new ProtobufError('proto: unexpected end of group');
      default:
        throw new ProtobufError(`proto: illegal wireType ${wireType}`);
    }
  }

  private take(n: number): Uint8Array {
    if (n > this.end - this.pos) throw unexpectedEOF();
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

/** Little-endian helpers for fixed-width payloads. */
export function readFixed(bytes: Uint8Array, type: 'fixed32' | 'sfixed32' | 'float' | 'fixed64' | 'sfixed64' | 'double'): number | bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (type) {
    case 'fixed32':
      return view.getUint32(0, true);
    case 'sfixed32':
      return view.getInt32(0, true);
    case 'float':
      return view.getFloat32(0, true);
    case 'fixed64':
      return view.getBigUint64(0, true);
    case 'sfixed64':
      return view.getBigInt64(0, true);
    case 'double':
      return view.getFloat64(0, true);
  }
}
