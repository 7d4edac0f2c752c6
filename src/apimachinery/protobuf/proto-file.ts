// Reads the comment-free generated.proto skeletons under spec/kubernetes/protobuf: the proto2
// subset go-to-protobuf emits (package, imports, flat messages of optional / repeated / map
// fields). Anything else is a mistake in the data and fails loudly at start-up.

export const SCALAR_TYPES = [
  'double',
  'float',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
  'bool',
  'string',
  'bytes',
] as const;

export type ScalarType = (typeof SCALAR_TYPES)[number];

export function isScalarType(t: string): t is ScalarType {
  return (SCALAR_TYPES as readonly string[]).includes(t);
}

export interface ProtoFieldDecl {
  name: string;
  number: number;
  label: 'optional' | 'repeated' | 'map';
  /** The value type as written: a scalar, `Local` or `.fully.qualified.Name`. */
  type: string;
  /** Map key type (maps only). */
  keyType?: string;
}

export interface ProtoMessageDecl {
  name: string;
  fields: ProtoFieldDecl[];
}

export interface ProtoFileDecl {
  package: string;
  imports: string[];
  messages: ProtoMessageDecl[];
}

export class ProtoSyntaxError extends Error {}

const FIELD = /^(optional|repeated)\s+(\.?[A-Za-z_][\w.]*)\s+([A-Za-z_]\w*)\s*=\s*(\d+)\s*;$/;
const MAP_FIELD = /^map\s*<\s*(\w+)\s*,\s*(\.?[A-Za-z_][\w.]*)\s*>\s+([A-Za-z_]\w*)\s*=\s*(\d+)\s*;$/;

export function parseProtoFile(text: string, source = 'proto'): ProtoFileDecl {
  const out: ProtoFileDecl = { package: '', imports: [], messages: [] };
  let current: ProtoMessageDecl | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const fail = (why: string): never => {
      throw new ProtoSyntaxError(`${source}:${i + 1}: ${why}: ${line}`);
    };
    if (line === '' || line.startsWith('//')) continue;
    if (current) {
      if (line === '}') {
        out.messages.push(current);
        current = undefined;
        continue;
      }
      let m = FIELD.exec(line);
      let field: ProtoFieldDecl | undefined;
      if (m) field = { label: m[1] as 'optional' | 'repeated', type: m[2]!, name: m[3]!, number: Number(m[4]) };
      else if ((m = MAP_FIELD.exec(line))) field = { label: 'map', keyType: m[1]!, type: m[2]!, name: m[3]!, number: Number(m[4]) };
      if (!field) return fail('not a field declaration');
      if (field.number < 1 || field.number > 0x1fffffff) fail('field number out of range');
      if (current.fields.some((f) => f.number === field.number || f.name === field.name)) fail('duplicate field');
      current.fields.push(field);
      continue;
    }
    let m: RegExpExecArray | null;
    if (/^syntax\s*=\s*"proto2"\s*;$/.test(line)) continue;
    if ((m = /^package\s+([\w.]+)\s*;$/.exec(line))) out.package = m[1]!;
    else if ((m = /^import\s+"([^"]+)"\s*;$/.exec(line))) out.imports.push(m[1]!);
    else if ((m = /^message\s+([A-Za-z_]\w*)\s*\{\s*(\})?$/.exec(line))) {
      if (out.messages.some((x) => x.name === m![1])) fail('duplicate message');
      if (m[2]) out.messages.push({ name: m[1]!, fields: [] });
      else current = { name: m[1]!, fields: [] };
    } else fail('unsupported statement');
  }
  if (current) throw new ProtoSyntaxError(`${source}: message ${current.name} is not closed`);
  if (!out.package) throw new ProtoSyntaxError(`${source}: no package statement`);
  return out;
}
