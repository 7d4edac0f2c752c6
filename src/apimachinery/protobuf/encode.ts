// Test support: encodes a JSON object into Kubernetes protobuf from the same field tables, the
// way gogo-generated Marshal code does (fields in number order, map keys sorted, every
// non-pointer scalar written even when zero). The server never encodes protobuf; this exists so
// tests can round-trip objects and build bodies that kubectl would send.
import { INT_OR_STRING, META, PROTOBUF_MAGIC, QUANTITY, RAW_EXTENSION } from './go-json-types.ts';
import { builtinMessageTable, type FieldInfo, type MessageTable, type ValueType } from './message-table.ts';
import type { ScalarType } from './proto-file.ts';
import { wireTypeOf } from './raw-message.ts';
import { WireType } from './wire-reader.ts';

export interface EncodeOptions {
  /** Write repeated numeric fields packed (gogo writes them unpacked; both are valid). */
  packed?: boolean;
}

class WireWriter {
  private readonly parts: Uint8Array[] = [];

  varint(v: bigint | number): void {
    let x = BigInt.asUintN(64, BigInt(v));
    const out: number[] = [];
    do {
      let b = Number(x & 0x7fn);
      x >>= 7n;
      if (x > 0n) b |= 0x80;
      out.push(b);
    } while (x > 0n);
    this.parts.push(Uint8Array.from(out));
  }

  tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  bytes(field: number, b: Uint8Array): void {
    this.tag(field, WireType.bytes);
    this.varint(b.length);
    this.parts.push(b);
  }

  raw(b: Uint8Array): void {
    this.parts.push(b);
  }

  finish(): Uint8Array {
    return Buffer.concat(this.parts);
  }
}

const utf8 = new TextEncoder();

function scalarPayload(t: ScalarType, v: unknown): Uint8Array {
  const w = new WireWriter();
  switch (t) {
    case 'string':
      return withLength(utf8.encode(String(v)));
    case 'bytes':
      return withLength(Buffer.from(String(v), 'base64'));
    case 'bool':
      w.varint(v ? 1 : 0);
      return w.finish();
    case 'double': {
      const b = Buffer.alloc(8);
      b.writeDoubleLE(Number(v));
      return b;
    }
    case 'float': {
      const b = Buffer.alloc(4);
      b.writeFloatLE(Number(v));
      return b;
    }
    case 'fixed32':
    case 'sfixed32': {
      const b = Buffer.alloc(4);
      if (t === 'fixed32') b.writeUInt32LE(Number(v));
      else b.writeInt32LE(Number(v));
      return b;
    }
    case 'fixed64':
    case 'sfixed64': {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(BigInt.asUintN(64, BigInt(v as number)));
      return b;
    }
    case 'sint32':
    case 'sint64': {
      const n = BigInt(v as number);
      w.varint(n >= 0n ? n * 2n : -n * 2n - 1n);
      return w.finish();
    }
    default:
      w.varint(typeof v === 'bigint' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? BigInt(v) : BigInt(Math.trunc(Number(v))));
      return w.finish();
  }
}

function withLength(b: Uint8Array): Uint8Array {
  const w = new WireWriter();
  w.varint(b.length);
  w.raw(b);
  return w.finish();
}

function zeroJson(t: ScalarType): unknown {
  if (t === 'string' || t === 'bytes') return '';
  if (t === 'bool') return false;
  return 0;
}

/** Parses Go duration strings ("1h0m0s", "1.5s", "300ms") into nanoseconds. */
export function parseGoDuration(s: string): bigint {
  const units: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  const neg = s.startsWith('-');
  let rest = s.replace(/^[-+]/, '');
  if (rest === '0') return 0n;
  let total = 0;
  while (rest) {
    const m = /^(\d+(?:\.\d*)?)(ns|us|µs|ms|s|m|h)/.exec(rest);
    if (!m) throw new Error(`invalid duration ${JSON.stringify(s)}`);
    total += Number(m[1]) * units[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  const n = BigInt(Math.round(total));
  return neg ? -n : n;
}

function timeParts(v: unknown): { seconds: number; nanos: number } | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(.*?)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(v);
  if (!m) throw new Error(`invalid time ${v}`);
  const ms = Date.parse(`${m[1]}${m[3]}`);
  return { seconds: Math.floor(ms / 1000), nanos: Number((m[2] ?? '').padEnd(9, '0').slice(0, 9)) };
}

export class MessageEncoder {
  constructor(
    readonly table: MessageTable = builtinMessageTable(),
    private readonly options: EncodeOptions = {},
  ) {}

  encode(fullName: string, json: Record<string, unknown>): Uint8Array {
    const w = new WireWriter();
    const info = this.table.message(fullName);
    for (const f of [...info.fields].sort((a, b) => a.number - b.number)) this.field(w, f, json);
    return w.finish();
  }

  /** A whole body: magic, runtime.Unknown{typeMeta, raw, contentEncoding, contentType}. */
  encodeObject(obj: Record<string, unknown>): Uint8Array {
    const apiVersion = String(obj.apiVersion ?? '');
    const kind = String(obj.kind ?? '');
    const info = this.table.messageForKind(apiVersion, kind);
    if (!info) throw new Error(`no protobuf message for ${apiVersion} ${kind}`);
    const raw = this.encode(info.fullName, obj);
    const unknown = this.encode('k8s.io.apimachinery.pkg.runtime.Unknown', {
      typeMeta: { apiVersion, kind },
      raw: Buffer.from(raw).toString('base64'),
      contentEncoding: '',
      contentType: '',
    });
    return Buffer.concat([PROTOBUF_MAGIC, unknown]);
  }

  private field(w: WireWriter, f: FieldInfo, json: Record<string, unknown>): void {
    if (f.inline && f.value.kind === 'message') {
      w.bytes(f.number, this.encode(f.value.message, json));
      return;
    }
    let v = json[f.jsonName];
    if (f.label === 'repeated') {
      if (!Array.isArray(v)) return;
      if (this.options.packed && f.value.kind === 'scalar' && wireTypeOf(f.value.scalar) !== WireType.bytes) {
        const scalar = f.value.scalar;
        w.bytes(f.number, Buffer.concat(v.map((x) => scalarPayload(scalar, x))));
        return;
      }
      for (const x of v) this.value(w, f.number, f.value, x);
      return;
    }
    if (f.label === 'map') {
      if (v === null || typeof v !== 'object') return;
      const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [k, x] of entries) {
        const e = new WireWriter();
        this.value(e, 1, { kind: 'scalar', scalar: f.key ?? 'string' }, k);
        this.value(e, 2, f.value, x);
        w.bytes(f.number, e.finish());
      }
      return;
    }
    if (v === undefined || v === null) {
      // A null metav1.Time is Go's zero time, which gogo writes as an empty message.
      if (v === null && f.value.kind === 'message' && (f.value.message === `${META}.Time` || f.value.message === `${META}.MicroTime`)) {
        w.bytes(f.number, new Uint8Array(0));
        return;
      }
      if (f.pointer || f.value.kind !== 'scalar') return;
      v = zeroJson(f.value.scalar);
    }
    this.value(w, f.number, f.value, v);
  }

  private value(w: WireWriter, number: number, type: ValueType, v: unknown): void {
    if (type.kind === 'scalar') {
      w.tag(number, wireTypeOf(type.scalar));
      w.raw(scalarPayload(type.scalar, v));
      return;
    }
    w.bytes(number, this.messageOf(type.message, v));
  }

  /** The payload of a message value, through the inverse of its Go JSON form. */
  private messageOf(name: string, v: unknown): Uint8Array {
    const json = (x: unknown): string => Buffer.from(JSON.stringify(x)).toString('base64');
    switch (name) {
      case `${META}.Time`:
      case `${META}.MicroTime`:
        return v == null ? new Uint8Array(0) : this.encode(name, timeParts(v) ?? {});
      case `${META}.Duration`:
        return this.encode(name, { duration: parseGoDuration(String(v)).toString() });
      case `${META}.FieldsV1`:
        return this.encode(name, { Raw: json(v) });
      case `${META}.Verbs`:
      case 'k8s.io.api.authentication.v1.ExtraValue':
      case 'k8s.io.api.authorization.v1.ExtraValue':
        return this.encode(name, { items: v });
      case QUANTITY:
        return this.encode(name, { string: String(v) });
      case INT_OR_STRING:
        return this.encode(name, typeof v === 'string' ? { type: 1, intVal: 0, strVal: v } : { type: 0, intVal: v, strVal: '' });
      case RAW_EXTENSION:
      case 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSON':
        return this.encode(name, { raw: json(v) });
      case 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray':
        return this.encode(name, Array.isArray(v) ? { jSONSchemas: v } : { schema: v });
      case 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool':
        return this.encode(name, typeof v === 'boolean' ? { allows: v } : { allows: true, schema: v });
      case 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray':
        return this.encode(name, Array.isArray(v) ? { property: v } : { schema: v });
      default:
        return this.encode(name, (v ?? {}) as Record<string, unknown>);
    }
  }
}
