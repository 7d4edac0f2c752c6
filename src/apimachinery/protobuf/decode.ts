// Schema-driven decoding of one protobuf message into the JSON object the API server's Go JSON
// encoder would write for the same Go value, so that the rest of the server sees exactly what a
// JSON client would have sent.
//
// Zero values: gogo-protobuf writes every non-pointer scalar field, even "", 0 and false, while
// Go's JSON encoder drops `omitempty` zero values. The rule here:
//   - a pointer field (go-fields.json `pointers`) present on the wire is kept, zero or not;
//   - a non-pointer scalar that is zero is dropped unless Go serializes it without omitempty:
//     the OpenAPI definition lists it as required (for an inlined struct: its parent's), or
//     go-fields.json lists it in `keepZero`;
//   - a non-pointer IntOrString that is 0 or "" is dropped under the same rule (Go writes 0, and
//     upstream's defaulting treats it as unset, e.g. Service targetPort);
//   - messages present on the wire are kept, empty ones as {} (Go never omits a struct);
//   - Time and MicroTime at Go's zero time, and empty raw JSON holders, are Go's null: dropped;
//   - repeated and map fields are present when they have at least one element; elements and map
//     values are kept as they are, zero or not.
import { GO_JSON_TYPES, type GoJsonContext, INT_OR_STRING } from './go-json-types.ts';
import type { FieldInfo, MessageInfo, MessageTable, ValueType } from './message-table.ts';
import { concatPayloads, RawMessage, type RawValue, readScalar, wireTypeOf, wrongWireType } from './raw-message.ts';
import { ProtobufError, WireReader, WireType } from './wire-reader.ts';

export const MAX_MESSAGE_DEPTH = 256;

export interface DecodeOptions {
  /** Decodes an object embedded in a RawExtension as `k8s\x00` protobuf (see envelope.ts). */
  embeddedObject?: (bytes: Uint8Array, depth: number) => Record<string, unknown>;
}

function scalarJson(v: RawValue): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' && !Number.isFinite(v)) throw new ProtobufError(`json: unsupported value: ${v}`);
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  return v;
}

function isZero(v: RawValue): boolean {
  if (v instanceof Uint8Array) return v.length === 0;
  return v === 0 || v === 0n || v === '' || v === false;
}

export class MessageDecoder {
  constructor(
    readonly table: MessageTable,
    private readonly options: DecodeOptions = {},
  ) {}

  /** The JSON object for `bytes` read as message `fullName`. */
  decode(fullName: string, bytes: Uint8Array, depth = 0): Record<string, unknown> {
    return this.object(this.table.message(fullName), bytes, depth);
  }

  private object(info: MessageInfo, bytes: Uint8Array, depth: number, parentRequired?: ReadonlySet<string>): Record<string, unknown> {
    if (depth > MAX_MESSAGE_DEPTH) throw new ProtobufError(`the object is nested too deeply (more than ${MAX_MESSAGE_DEPTH} levels)`);
    const raw = new RawMessage(info, bytes);
    const out: Record<string, unknown> = {};
    for (const f of info.fields) {
      const values = raw.values.get(f);
      if (!values || values.length === 0) continue;
      if (f.inline) {
        if (f.value.kind !== 'message') throw new ProtobufError(`proto: inline field ${f.name} is not a message`);
        const required = new Set([...info.required, ...(parentRequired ?? [])]);
        Object.assign(out, this.object(this.table.message(f.value.message), concatPayloads(values), depth + 1, required));
        continue;
      }
      const value = this.field(f, values, depth, f.keepZero || parentRequired?.has(f.jsonName) === true);
      if (value !== undefined) out[f.jsonName] = value;
    }
    return out;
  }

  private field(f: FieldInfo, values: RawValue[], depth: number, keepZero: boolean): unknown {
    switch (f.label) {
      case 'repeated':
        return values.map((v) => this.element(f.value, v, depth) ?? null);
      case 'map': {
        const map: Record<string, unknown> = {};
        for (const entry of values) {
          const [k, v] = this.mapEntry(f, entry as Uint8Array, depth);
          // An own property even for keys like "__proto__", as JSON.parse would make it.
          Object.defineProperty(map, k, { value: v, enumerable: true, writable: true, configurable: true });
        }
        return map;
      }
      default: {
        const last = values[values.length - 1]!;
        if (f.value.kind === 'scalar') {
          return f.pointer || keepZero || !isZero(last) ? scalarJson(last) : undefined;
        }
        const v = this.element(f.value, concatPayloads(values), depth);
        if (f.value.message === INT_OR_STRING && !f.pointer && !keepZero && (v === 0 || v === '')) return undefined;
        return v;
      }
    }
  }

  /** A single value: a scalar, an ordinary message or one with a Go JSON form of its own. */
  private element(type: ValueType, v: RawValue, depth: number): unknown {
    if (type.kind === 'scalar') return scalarJson(v);
    const bytes = v as Uint8Array;
    const special = GO_JSON_TYPES.get(type.message);
    if (!special) return this.object(this.table.message(type.message), bytes, depth + 1);
    if (depth + 1 > MAX_MESSAGE_DEPTH) throw new ProtobufError(`the object is nested too deeply (more than ${MAX_MESSAGE_DEPTH} levels)`);
    const ctx: GoJsonContext = {
      message: (name, b) => this.object(this.table.message(name), b, depth + 2),
      embeddedObject: (b) => {
        if (!this.options.embeddedObject) throw new ProtobufError('a protobuf object embedded in a RawExtension cannot be decoded here');
        return this.options.embeddedObject(b, depth + 2);
      },
    };
    return special(new RawMessage(this.table.message(type.message), bytes), ctx);
  }

  /** A map entry: key = 1, value = 2; a missing key or value is its zero value, as in gogo. */
  private mapEntry(f: FieldInfo, bytes: Uint8Array, depth: number): [string, unknown] {
    const r = new WireReader(bytes);
    let key: RawValue = f.key === 'string' ? '' : 0;
    let value: RawValue | undefined;
    const keyType = f.key ?? 'string';
    while (!r.done) {
      const { field, wireType } = r.tag(`${f.name} map entry`);
      if (field === 1) {
        if (wireType !== wireTypeOf(keyType)) throw wrongWireType(wireType, f);
        key = readScalar(r, keyType);
      } else if (field === 2) {
        if (f.value.kind === 'message') {
          if (wireType !== WireType.bytes) throw wrongWireType(wireType, f);
          value = r.bytes();
        } else {
          if (wireType !== wireTypeOf(f.value.scalar)) throw wrongWireType(wireType, f);
          value = readScalar(r, f.value.scalar);
        }
      } else r.skip(wireType);
    }
    if (value === undefined) value = f.value.kind === 'message' ? new Uint8Array(0) : zeroOf(f.value.scalar);
    const k = typeof key === 'string' ? key : String(key);
    return [k, this.element(f.value, value, depth) ?? null];
  }
}

function zeroOf(t: string): RawValue {
  switch (t) {
    case 'string':
      return '';
    case 'bytes':
      return new Uint8Array(0);
    case 'bool':
      return false;
    case 'int64':
    case 'uint64':
    case 'sint64':
    case 'fixed64':
    case 'sfixed64':
      return 0n;
    default:
      return 0;
  }
}
