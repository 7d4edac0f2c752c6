// The field tables of every served protobuf package, resolved: each message's fields with their
// numbers and types (from the generated.proto skeletons), the Go facts the .proto does not carry
// (pointer scalars, inlined embedded structs, JSON names that differ; go-fields.json) and the
// OpenAPI `required` list of the matching definition. The decoder and the test encoder read
// types only through this table.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinSchema, type SchemaModel } from '../openapi/schema-model.ts';
import { isScalarType, parseProtoFile, type ProtoFileDecl, type ScalarType } from './proto-file.ts';

export type ValueType = { kind: 'scalar'; scalar: ScalarType } | { kind: 'message'; message: string };

export interface FieldInfo {
  /** The proto field name. */
  name: string;
  number: number;
  label: 'optional' | 'repeated' | 'map';
  value: ValueType;
  /** Map key type (maps only). */
  key?: ScalarType;
  /** The JSON name of the Go field (the proto name unless go-fields.json says otherwise). */
  jsonName: string;
  /** A Go pointer: present on the wire means present in JSON, zero or not. */
  pointer: boolean;
  /** A Go embedded struct with `json:",inline"`: its fields are the parent's fields. */
  inline: boolean;
  /**
   * Go writes the field even when it is zero (no omitempty): it is in the OpenAPI definition's
   * required list, or go-fields.json lists it in `keepZero`.
   */
  keepZero: boolean;
}

export interface MessageInfo {
  /** `k8s.io.api.core.v1.ConfigMap` */
  fullName: string;
  name: string;
  fields: FieldInfo[];
  byNumber: ReadonlyMap<number, FieldInfo>;
  /** The OpenAPI definition of the same type, when there is one. */
  definition?: string;
  /** JSON names of its required properties; an inlined struct's fields take its parent's. */
  required: ReadonlySet<string>;
}

export interface GoFields {
  pointers: string[];
  keepZero: string[];
  inline: string[];
  jsonNames: Record<string, string>;
}

export class TableError extends Error {}

/** `k8s.io.api.core.v1.Pod` <-> `io.k8s.api.core.v1.Pod` (apiextensions-apiserver has a dash in OpenAPI). */
export function definitionOfMessage(fullName: string): string {
  return 'io.k8s.' + fullName.replace(/^k8s\.io\./, '').replace(/^apiextensions_apiserver\./, 'apiextensions-apiserver.');
}

export function messageOfDefinition(definition: string): string {
  return 'k8s.io.' + definition.replace(/^io\.k8s\./, '').replace(/^apiextensions-apiserver\./, 'apiextensions_apiserver.');
}

export class MessageTable {
  private readonly messages = new Map<string, MessageInfo>();

  constructor(
    files: readonly ProtoFileDecl[],
    goFields: GoFields,
    readonly schema: SchemaModel,
  ) {
    const known = new Set<string>();
    for (const f of files) for (const m of f.messages) known.add(`${f.package}.${m.name}`);
    const pointers = new Set(goFields.pointers);
    const keepZero = new Set(goFields.keepZero);
    const inline = new Set(goFields.inline);
    const used = new Set<string>();
    for (const f of files) {
      for (const m of f.messages) {
        const fullName = `${f.package}.${m.name}`;
        const definition = definitionOfMessage(fullName);
        const raw = schema.swagger.definitions[definition];
        const required = new Set(raw?.required ?? []);
        const fields: FieldInfo[] = m.fields.map((d) => {
          const key = `${fullName}.${d.name}`;
          const jsonName = goFields.jsonNames[key] ?? d.name;
          if (pointers.has(key) || keepZero.has(key) || inline.has(key) || key in goFields.jsonNames) used.add(key);
          let value: ValueType;
          if (isScalarType(d.type)) value = { kind: 'scalar', scalar: d.type };
          else {
            const target = d.type.startsWith('.') ? d.type.slice(1) : `${f.package}.${d.type}`;
            if (!known.has(target)) throw new TableError(`${key}: unknown type ${d.type}`);
            value = { kind: 'message', message: target };
          }
          let mapKey: ScalarType | undefined;
          if (d.label === 'map') {
            if (!d.keyType || !isScalarType(d.keyType)) throw new TableError(`${key}: bad map key ${d.keyType}`);
            mapKey = d.keyType;
          }
          return {
            name: d.name,
            number: d.number,
            label: d.label,
            value,
            key: mapKey,
            jsonName,
            pointer: pointers.has(key),
            inline: inline.has(key),
            keepZero: required.has(jsonName) || keepZero.has(key),
          };
        });
        this.messages.set(fullName, {
          fullName,
          name: m.name,
          fields,
          byNumber: new Map(fields.map((x) => [x.number, x])),
          definition: raw ? definition : undefined,
          required,
        });
      }
    }
    for (const k of [...goFields.pointers, ...goFields.keepZero, ...goFields.inline, ...Object.keys(goFields.jsonNames)]) {
      if (!used.has(k)) throw new TableError(`go-fields.json names ${k}, which is not a field of the tables`);
    }
  }

  message(fullName: string): MessageInfo {
    const m = this.messages.get(fullName);
    if (!m) throw new TableError(`unknown protobuf message ${fullName}`);
    return m;
  }

  has(fullName: string): boolean {
    return this.messages.has(fullName);
  }

  all(): IterableIterator<MessageInfo> {
    return this.messages.values();
  }

  /**
   * The message for a serialized kind (`apps/v1`, `Deployment`), through the OpenAPI
   * group-version-kind index; undefined when the kind is not registered or has no table.
   */
  messageForKind(apiVersion: string, kind: string): MessageInfo | undefined {
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    const definition = this.schema.definitionFor(group, version, kind);
    if (!definition) return undefined;
    return this.messages.get(messageOfDefinition(definition));
  }
}

const DATA_DIR = fileURLToPath(new URL('../../../spec/kubernetes/protobuf/', import.meta.url));

function protoFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...protoFiles(full));
    else if (entry.endsWith('.proto')) out.push(full);
  }
  return out;
}

/** The skeleton files of the data directory, parsed (exported for the cross-check test). */
export function loadProtoFiles(dir = DATA_DIR): ProtoFileDecl[] {
  return protoFiles(dir).map((file) => parseProtoFile(readFileSync(file, 'utf8'), file.slice(dir.length)));
}

export function loadGoFields(dir = DATA_DIR): GoFields {
  return JSON.parse(readFileSync(join(dir, 'go-fields.json'), 'utf8')) as GoFields;
}

let shared: MessageTable | undefined;

/** The built-in tables (spec/kubernetes/protobuf), loaded once per process. */
export function builtinMessageTable(): MessageTable {
  shared ??= new MessageTable(loadProtoFiles(), loadGoFields(), builtinSchema());
  return shared;
}
