// The OpenAPI v2 document in the protobuf encoding kubectl asks for
// (application/com.github.proto-openapi.spec.v2@v1.0+protobuf): gnostic's openapi_v2.Document
// (github.com/google/gnostic-models openapiv2/OpenAPIv2.proto). kubectl reads it for client-side
// validation of what the server cannot validate (e.g. `kind: List` files) and for strategic merge
// patch metadata when OpenAPI v3 does not serve a kind. Values of `Any` fields (defaults,
// enums, examples, x-* extensions) are carried as YAML text; JSON is valid YAML.

type Json = Record<string, unknown>;

/** A protobuf message under construction: fields appended in order, sub-messages length-prefixed. */
class Message {
  private readonly parts: Buffer[] = [];
  private length = 0;

  private push(b: Buffer): void {
    this.parts.push(b);
    this.length += b.length;
  }

  private varint(n: bigint): void {
    let v = BigInt.asUintN(64, n);
    const bytes: number[] = [];
    while (v >= 0x80n) {
      bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    bytes.push(Number(v));
    this.push(Buffer.from(bytes));
  }

  private tag(field: number, wire: number): void {
    this.varint(BigInt((field << 3) | wire));
  }

  string(field: number, v: unknown): this {
    if (typeof v !== 'string' || v === '') return this;
    const b = Buffer.from(v, 'utf8');
    this.tag(field, 2);
    this.varint(BigInt(b.length));
    this.push(b);
    return this;
  }

  strings(field: number, v: unknown): this {
    if (Array.isArray(v)) for (const s of v) if (typeof s === 'string') this.stringAlways(field, s);
    return this;
  }

  private stringAlways(field: number, s: string): void {
    const b = Buffer.from(s, 'utf8');
    this.tag(field, 2);
    this.varint(BigInt(b.length));
    this.push(b);
  }

  bool(field: number, v: unknown): this {
    if (v !== true) return this;
    this.tag(field, 0);
    this.varint(1n);
    return this;
  }

  int64(field: number, v: unknown): this {
    if (typeof v !== 'number' || v === 0 || !Number.isFinite(v)) return this;
    this.tag(field, 0);
    this.varint(BigInt(Math.trunc(v)));
    return this;
  }

  double(field: number, v: unknown): this {
    if (typeof v !== 'number' || v === 0) return this;
    this.tag(field, 1);
    const b = Buffer.alloc(8);
    b.writeDoubleLE(v);
    this.push(b);
    return this;
  }

  message(field: number, m: Message | undefined): this {
    if (!m) return this;
    this.tag(field, 2);
    this.varint(BigInt(m.length));
    for (const p of m.parts) this.push(p);
    return this;
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts, this.length);
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function any(v: unknown): Message {
  return new Message().string(2, JSON.stringify(v));
}

function namedAny(name: string, v: unknown): Message {
  return new Message().string(1, name).message(2, any(v));
}

function vendorExtensions(m: Message, field: number, o: Json): void {
  for (const [k, v] of Object.entries(o)) if (k.startsWith('x-')) m.message(field, namedAny(k, v));
}

function schema(s: unknown): Message {
  const m = new Message();
  if (!isObject(s)) return m;
  m.string(1, s.$ref).string(2, s.format).string(3, s.title).string(4, s.description);
  if (s.default !== undefined) m.message(5, any(s.default));
  m.double(6, s.multipleOf).double(7, s.maximum).bool(8, s.exclusiveMaximum).double(9, s.minimum).bool(10, s.exclusiveMinimum);
  m.int64(11, s.maxLength).int64(12, s.minLength).string(13, s.pattern).int64(14, s.maxItems).int64(15, s.minItems).bool(16, s.uniqueItems);
  m.int64(17, s.maxProperties).int64(18, s.minProperties).strings(19, s.required);
  if (Array.isArray(s.enum)) for (const e of s.enum) m.message(20, any(e));
  if (typeof s.additionalProperties === 'boolean') m.message(21, new Message().bool(2, s.additionalProperties));
  else if (isObject(s.additionalProperties)) m.message(21, new Message().message(1, schema(s.additionalProperties)));
  if (typeof s.type === 'string') m.message(22, new Message().string(1, s.type));
  else if (Array.isArray(s.type)) m.message(22, new Message().strings(1, s.type));
  if (isObject(s.items)) m.message(23, new Message().message(1, schema(s.items)));
  else if (Array.isArray(s.items)) {
    const items = new Message();
    for (const i of s.items) items.message(1, schema(i));
    m.message(23, items);
  }
  if (Array.isArray(s.allOf)) for (const a of s.allOf) m.message(24, schema(a));
  if (isObject(s.properties)) {
    const props = new Message();
    for (const [name, p] of Object.entries(s.properties)) props.message(1, new Message().string(1, name).message(2, schema(p)));
    m.message(25, props);
  }
  m.string(26, s.discriminator).bool(27, s.readOnly);
  if (s.example !== undefined) m.message(30, any(s.example));
  vendorExtensions(m, 31, s);
  return m;
}

function parameter(p: Json): Message {
  if (p.in === 'body') {
    return new Message().message(1, new Message().string(1, p.description).string(2, p.name).string(3, p.in).bool(4, p.required).message(5, schema(p.schema)));
  }
  const sub = new Message();
  if (p.in === 'path') {
    sub.bool(1, p.required).string(2, p.in).string(3, p.description).string(4, p.name).string(5, p.type).string(6, p.format).bool(19, p.uniqueItems);
    vendorExtensions(sub, 22, p);
    return new Message().message(2, new Message().message(4, sub));
  }
  // query (header and formData do not occur in the Kubernetes spec)
  sub.bool(1, p.required).string(2, p.in).string(3, p.description).string(4, p.name).string(6, p.type).string(7, p.format).bool(20, p.uniqueItems);
  vendorExtensions(sub, 23, p);
  return new Message().message(2, new Message().message(p.in === 'header' ? 1 : 3, sub));
}

function parametersItem(p: Json): Message {
  if (typeof p.$ref === 'string') return new Message().message(2, new Message().string(1, p.$ref));
  return new Message().message(1, parameter(p));
}

function operation(op: Json): Message {
  const m = new Message().strings(1, op.tags).string(2, op.summary).string(3, op.description).string(5, op.operationId).strings(6, op.produces).strings(7, op.consumes);
  if (Array.isArray(op.parameters)) for (const p of op.parameters) if (isObject(p)) m.message(8, parametersItem(p));
  if (isObject(op.responses)) {
    const responses = new Message();
    for (const [code, r] of Object.entries(op.responses)) {
      if (!isObject(r)) continue;
      const response = new Message().string(1, r.description);
      if (r.schema !== undefined) response.message(2, new Message().message(1, schema(r.schema)));
      responses.message(1, new Message().string(1, code).message(2, new Message().message(1, response)));
    }
    m.message(9, responses);
  }
  m.strings(10, op.schemes).bool(11, op.deprecated);
  vendorExtensions(m, 13, op);
  return m;
}

const METHODS: Record<string, number> = { get: 2, put: 3, post: 4, delete: 5, options: 6, head: 7, patch: 8 };

function pathItem(item: Json): Message {
  const m = new Message();
  for (const [method, field] of Object.entries(METHODS)) if (isObject(item[method])) m.message(field, operation(item[method] as Json));
  if (Array.isArray(item.parameters)) for (const p of item.parameters) if (isObject(p)) m.message(9, parametersItem(p));
  vendorExtensions(m, 10, item);
  return m;
}

/** Encodes a Swagger 2.0 document (as JSON) as an openapi_v2.Document. */
export function encodeOpenAPIV2(doc: Json): Buffer {
  const m = new Message().string(1, doc.swagger);
  if (isObject(doc.info)) m.message(2, new Message().string(1, doc.info.title).string(2, doc.info.version));
  if (isObject(doc.paths)) {
    const paths = new Message();
    for (const [p, item] of Object.entries(doc.paths)) if (isObject(item)) paths.message(2, new Message().string(1, p).message(2, pathItem(item)));
    m.message(8, paths);
  }
  if (isObject(doc.definitions)) {
    const defs = new Message();
    for (const [name, s] of Object.entries(doc.definitions)) defs.message(1, new Message().string(1, name).message(2, schema(s)));
    m.message(9, defs);
  }
  if (isObject(doc.parameters)) {
    const params = new Message();
    for (const [name, p] of Object.entries(doc.parameters)) if (isObject(p)) params.message(1, new Message().string(1, name).message(2, parameter(p)));
    m.message(10, params);
  }
  if (Array.isArray(doc.security)) {
    for (const req of doc.security) {
      if (!isObject(req)) continue;
      const r = new Message();
      for (const [name, scopes] of Object.entries(req)) r.message(1, new Message().string(1, name).message(2, new Message().strings(1, scopes)));
      m.message(12, r);
    }
  }
  if (isObject(doc.securityDefinitions)) {
    const defs = new Message();
    for (const [name, d] of Object.entries(doc.securityDefinitions)) {
      if (!isObject(d) || d.type !== 'apiKey') continue;
      const key = new Message().string(1, d.type).string(2, d.name).string(3, d.in).string(4, d.description);
      defs.message(1, new Message().string(1, name).message(2, new Message().message(2, key)));
    }
    m.message(13, defs);
  }
  return m.bytes();
}
