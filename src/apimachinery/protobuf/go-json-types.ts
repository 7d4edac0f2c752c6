// The types whose Go JSON form is not their struct: custom MarshalJSON methods in apimachinery
// and apiextensions (times, quantities, int-or-string, raw JSON holders, the JSON-schema
// "or" types) and the []string types that protobuf wraps in a message with `items`.
// Each handler turns a message's raw fields into the JSON value Go would write; undefined means
// Go writes null, which a decoded object leaves out.
import { formatDuration, formatMicroTime, formatTime } from './go-time.ts';
import type { RawMessage, RawValue } from './raw-message.ts';
import { ProtobufError } from './wire-reader.ts';

export interface GoJsonContext {
  /** Decodes a nested message (ordinary rules) from its payload. */
  message(fullName: string, bytes: Uint8Array): Record<string, unknown>;
  /** Decodes an embedded serialized object (a RawExtension holding `k8s\x00` protobuf). */
  embeddedObject(bytes: Uint8Array): Record<string, unknown>;
}

export type GoJsonType = (raw: RawMessage, ctx: GoJsonContext) => unknown;

export const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
export const INT_OR_STRING = 'k8s.io.apimachinery.pkg.util.intstr.IntOrString';
export const QUANTITY = 'k8s.io.apimachinery.pkg.api.resource.Quantity';
export const RAW_EXTENSION = 'k8s.io.apimachinery.pkg.runtime.RawExtension';
const APIEXTENSIONS = 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1';
const SCHEMA_PROPS = `${APIEXTENSIONS}.JSONSchemaProps`;

/** The magic prefix of a serialized Kubernetes protobuf object. */
export const PROTOBUF_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

export function hasMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && PROTOBUF_MAGIC.every((b, i) => bytes[i] === b);
}

function big(v: RawValue | undefined): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(v);
  return 0n;
}

function str(v: RawValue | undefined): string {
  return typeof v === 'string' ? v : '';
}

function bytesOf(v: RawValue | undefined): Uint8Array | undefined {
  return v instanceof Uint8Array ? v : undefined;
}

const utf8 = new TextDecoder('utf-8');

/** Raw JSON bytes (RawExtension.Raw, FieldsV1.Raw, apiextensions JSON.Raw); empty is Go's null. */
function rawJson(bytes: Uint8Array | undefined, what: string): unknown {
  if (!bytes || bytes.length === 0) return undefined;
  try {
    return JSON.parse(utf8.decode(bytes)) as unknown;
  } catch (e) {
    throw new ProtobufError(`${what} does not hold valid JSON: ${(e as Error).message}`);
  }
}

// metav1.Time and MicroTime Unmarshal: an empty payload is the zero time; Time keeps whole
// seconds only ("to match JSON marshalling"), MicroTime keeps the nanoseconds.
const time: GoJsonType = (raw) => (raw.size === 0 ? undefined : formatTime(big(raw.last('seconds')), 0n));
const microTime: GoJsonType = (raw) => (raw.size === 0 ? undefined : formatMicroTime(big(raw.last('seconds')), big(raw.last('nanos'))));

const stringItems: GoJsonType = (raw) => raw.all('items').map((v) => str(v));

function schemaProps(bytes: RawValue | undefined, ctx: GoJsonContext): Record<string, unknown> | undefined {
  const b = bytesOf(bytes);
  return b ? ctx.message(SCHEMA_PROPS, b) : undefined;
}

export const GO_JSON_TYPES: ReadonlyMap<string, GoJsonType> = new Map<string, GoJsonType>([
  [`${META}.Time`, time],
  [`${META}.MicroTime`, microTime],
  [`${META}.Duration`, (raw) => formatDuration(big(raw.last('duration')))],
  [`${META}.FieldsV1`, (raw) => rawJson(bytesOf(raw.last('Raw')), 'FieldsV1')],
  [`${META}.Verbs`, stringItems],
  ['k8s.io.api.authentication.v1.ExtraValue', stringItems],
  ['k8s.io.api.authorization.v1.ExtraValue', stringItems],
  // Quantity's proto form is its canonical string; the zero Quantity writes "0".
  [QUANTITY, (raw) => str(raw.last('string')) || '0'],
  [
    INT_OR_STRING,
    (raw) => {
      const type = big(raw.last('type'));
      if (type === 0n) return Number(big(raw.last('intVal')));
      if (type === 1n) return str(raw.last('strVal'));
      throw new ProtobufError('impossible IntOrString.Type');
    },
  ],
  [
    RAW_EXTENSION,
    (raw, ctx) => {
      const b = bytesOf(raw.last('raw'));
      return b && hasMagic(b) ? ctx.embeddedObject(b) : rawJson(b, 'RawExtension');
    },
  ],
  [`${APIEXTENSIONS}.JSON`, (raw) => rawJson(bytesOf(raw.last('raw')), 'JSON')],
  [
    `${APIEXTENSIONS}.JSONSchemaPropsOrArray`,
    (raw, ctx) => {
      const many = raw.all('jSONSchemas');
      if (many.length > 0) return many.map((b) => schemaProps(b, ctx) ?? {});
      return schemaProps(raw.last('schema'), ctx);
    },
  ],
  [
    `${APIEXTENSIONS}.JSONSchemaPropsOrBool`,
    (raw, ctx) => schemaProps(raw.last('schema'), ctx) ?? raw.last('allows') === true,
  ],
  [
    `${APIEXTENSIONS}.JSONSchemaPropsOrStringArray`,
    (raw, ctx) => {
      const props = raw.all('property');
      if (props.length > 0) return props.map((v) => str(v));
      return schemaProps(raw.last('schema'), ctx);
    },
  ],
]);
