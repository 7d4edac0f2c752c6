// A Kubernetes protobuf body (`application/vnd.kubernetes.protobuf`): the magic prefix `k8s\x00`
// and a runtime.Unknown envelope whose typeMeta names the kind and whose raw bytes are the
// object's message. Decoding gives the object as JSON (with kind and apiVersion first, as Go's
// TypeMeta writes them); failures carry the API server's wording for a 400.
import { MessageDecoder } from './decode.ts';
import { hasMagic, PROTOBUF_MAGIC } from './go-json-types.ts';
import { builtinMessageTable, type MessageTable } from './message-table.ts';
import { RawMessage } from './raw-message.ts';
import { ProtobufError } from './wire-reader.ts';

const UNKNOWN = 'k8s.io.apimachinery.pkg.runtime.Unknown';
const TYPE_META = 'k8s.io.apimachinery.pkg.runtime.TypeMeta';

/** Where upstream's not-registered errors say the scheme lives. */
const SCHEME = 'k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30';

export interface DecodedObject {
  apiVersion: string;
  kind: string;
  object: Record<string, unknown>;
}

/** The envelope could not be read or names no known kind; `message` is upstream's 400 text. */
export class ProtobufBodyError extends Error {}

/** upstream's summarizeData: the first bytes of a body that could not be recognized. */
function summarize(body: Uint8Array, max = 30): string {
  if (body.length === 0) return '<empty>';
  const head = Buffer.from(body.subarray(0, max));
  const text = body[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  return body.length > max ? `${text} ...` : text;
}

function goQuote(s: string): string {
  return JSON.stringify(s);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function decodeProtobufObject(body: Uint8Array, table: MessageTable = builtinMessageTable(), depth = 0): DecodedObject {
  if (!hasMagic(body)) {
    throw new ProtobufBodyError(
      `the object provided is unrecognized: provided data does not appear to be a protobuf message, expected prefix [${[...PROTOBUF_MAGIC].join(' ')}] (${summarize(body)})`,
    );
  }
  let apiVersion: string;
  let kind: string;
  let raw: Uint8Array;
  try {
    const unknown = new RawMessage(table.message(UNKNOWN), body.subarray(PROTOBUF_MAGIC.length));
    const typeMetaBytes = unknown.all('typeMeta').filter((v): v is Uint8Array => v instanceof Uint8Array);
    const typeMeta = new RawMessage(table.message(TYPE_META), Buffer.concat(typeMetaBytes));
    apiVersion = str(typeMeta.last('apiVersion'));
    kind = str(typeMeta.last('kind'));
    const r = unknown.last('raw');
    raw = r instanceof Uint8Array ? r : new Uint8Array(0);
  } catch (e) {
    if (e instanceof ProtobufError) throw new ProtobufBodyError(`the object provided is unrecognized: ${e.message} (${summarize(body)})`);
    throw e;
  }
  const typeMetaText = `runtime.TypeMeta{APIVersion:${goQuote(apiVersion)}, Kind:${goQuote(kind)}}`;
  if (!kind) throw new ProtobufBodyError(`the object provided is unrecognized: Object 'Kind' is missing in '${typeMetaText}' (${summarize(body)})`);
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  const prefix = `${kind} in version ${goQuote(version)} cannot be handled as a ${kind}`;
  if (!apiVersion) throw new ProtobufBodyError(`${prefix}: Object 'apiVersion' is missing in '${typeMetaText}'`);
  const info = table.messageForKind(apiVersion, kind);
  if (!info) {
    throw new ProtobufBodyError(`${prefix}: no kind ${goQuote(kind)} is registered for version ${goQuote(apiVersion)} in scheme ${goQuote(SCHEME)}`);
  }
  try {
    const decoder = new MessageDecoder(table, {
      embeddedObject: (bytes, d) => {
        const inner = decodeProtobufObject(bytes, table, d);
        return inner.object;
      },
    });
    const fields = decoder.decode(info.fullName, raw, depth);
    return { apiVersion, kind, object: { kind, apiVersion, ...fields } };
  } catch (e) {
    if (e instanceof ProtobufError) throw new ProtobufBodyError(`${prefix}: ${e.message}`);
    if (e instanceof ProtobufBodyError) throw new ProtobufBodyError(`${prefix}: ${e.message}`);
    throw e;
  }
}
