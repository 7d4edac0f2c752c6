import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageEncoder } from './encode.ts';
import { decodeProtobufObject, ProtobufBodyError } from './envelope.ts';
import { KUBECTL_BODIES, prng } from './test-fixtures.ts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const encoder = new MessageEncoder();

/** runtime.Unknown{typeMeta{apiVersion, kind}, raw} behind the magic. */
function envelope(apiVersion: string, kind: string, raw: Uint8Array): Buffer {
  const unknown = encoder.encode('k8s.io.apimachinery.pkg.runtime.Unknown', {
    typeMeta: { apiVersion, kind },
    raw: Buffer.from(raw).toString('base64'),
  });
  return Buffer.concat([hex('6b387300'), unknown]);
}

function bodyError(body: Uint8Array): string {
  try {
    decodeProtobufObject(body);
  } catch (e) {
    assert.ok(e instanceof ProtobufBodyError, `expected a ProtobufBodyError, got ${String(e)}`);
    return e.message;
  }
  assert.fail('decoding succeeded');
}

describe('protobuf envelope', () => {
  it('reads the kind from runtime.Unknown and puts kind and apiVersion first', () => {
    const raw = encoder.encode('k8s.io.api.core.v1.Namespace', { metadata: { name: 'dev' }, spec: {} });
    const got = decodeProtobufObject(envelope('v1', 'Namespace', raw));
    assert.equal(got.kind, 'Namespace');
    assert.equal(got.apiVersion, 'v1');
    assert.equal(JSON.stringify(got.object), '{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"dev"},"spec":{}}');
  });

  it('decodes DeleteOptions sent in any group version', () => {
    const raw = encoder.encode('k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions', { gracePeriodSeconds: 0, propagationPolicy: 'Foreground' });
    assert.deepEqual(decodeProtobufObject(envelope('apps/v1', 'DeleteOptions', raw)).object, {
      kind: 'DeleteOptions',
      apiVersion: 'apps/v1',
      gracePeriodSeconds: 0,
      propagationPolicy: 'Foreground',
    });
  });

  it('rejects a body without the k8s magic as upstream does', () => {
    assert.equal(
      bodyError(Buffer.from('{"kind":"ConfigMap"}')),
      'the object provided is unrecognized: provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({"kind":"ConfigMap"})',
    );
    assert.match(bodyError(hex('0102')), /expected prefix \[107 56 115 0\] \(0102\)$/);
  });

  it('reports a missing kind or apiVersion and an unregistered kind', () => {
    assert.match(bodyError(envelope('v1', '', new Uint8Array(0))), /Object 'Kind' is missing in 'runtime\.TypeMeta\{APIVersion:"v1", Kind:""\}'/);
    assert.equal(
      bodyError(envelope('', 'ConfigMap', new Uint8Array(0))),
      `ConfigMap in version "" cannot be handled as a ConfigMap: Object 'apiVersion' is missing in 'runtime.TypeMeta{APIVersion:"", Kind:"ConfigMap"}'`,
    );
    assert.equal(
      bodyError(envelope('example.com/v1', 'Widget', new Uint8Array(0))),
      'Widget in version "v1" cannot be handled as a Widget: no kind "Widget" is registered for version "example.com/v1" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"',
    );
  });

  it('reports malformed object bytes with the kind and gogo wording', () => {
    // ConfigMap field 1 (metadata) with wire type 0
    assert.equal(
      bodyError(envelope('v1', 'ConfigMap', hex('0801'))),
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: proto: wrong wireType = 0 for field Metadata',
    );
    assert.equal(bodyError(envelope('v1', 'ConfigMap', hex('0a05 0a01'))), 'ConfigMap in version "v1" cannot be handled as a ConfigMap: unexpected EOF');
    // a RawExtension holding something that is not JSON
    const cr = encoder.encode('k8s.io.api.apps.v1.ControllerRevision', { metadata: { name: 'r' } });
    const bad = Buffer.concat([cr, hex('1205 0a03 7b7b7b')]);
    assert.match(bodyError(envelope('apps/v1', 'ControllerRevision', bad)), /cannot be handled as a ControllerRevision: RawExtension does not hold valid JSON/);
    // an IntOrString of type 2
    const svc = hex('1208 0a06 2204 0802 1000');
    assert.match(bodyError(envelope('v1', 'Service', svc)), /impossible IntOrString\.Type/);
  });

  it('refuses pathological nesting instead of overflowing the stack', () => {
    // JSONSchemaProps.not (field 28) nested 400 deep inside a CRD's openAPIV3Schema
    let schema: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < 400; i++) schema = Buffer.concat([Buffer.from([0xe2, 0x01]), varint(schema.length), schema]);
    const validation = Buffer.concat([hex('0a'), varint(schema.length), schema]);
    const version = Buffer.concat([hex('0a0276311001 1801 22'), varint(validation.length), validation]);
    const spec = Buffer.concat([hex('3a'), varint(version.length), version]);
    const crd = Buffer.concat([hex('12'), varint(spec.length), spec]);
    assert.match(bodyError(envelope('apiextensions.k8s.io/v1', 'CustomResourceDefinition', crd)), /nested too deeply/);
  });

  it('never fails with anything but a 400 on mutated or random bodies', () => {
    const random = prng(20260102);
    const seeds = Object.values(KUBECTL_BODIES).map((b) => hex(b.body));
    let decoded = 0;
    for (let round = 0; round < 3000; round++) {
      const seed = seeds[round % seeds.length]!;
      const body = Buffer.from(seed);
      const mutations = 1 + Math.floor(random() * 4);
      let mutated: Buffer = body;
      for (let m = 0; m < mutations; m++) {
        const at = 4 + Math.floor(random() * (mutated.length - 4));
        const op = random();
        if (op < 0.5) mutated[at] = Math.floor(random() * 256);
        else if (op < 0.7) mutated = mutated.subarray(0, at);
        else if (op < 0.85) mutated = Buffer.concat([mutated.subarray(0, at), Buffer.from([Math.floor(random() * 256)]), mutated.subarray(at)]);
        else mutated = Buffer.concat([mutated.subarray(0, at), mutated.subarray(at + 1)]);
      }
      try {
        const out = decodeProtobufObject(mutated);
        JSON.stringify(out.object);
        decoded++;
      } catch (e) {
        assert.ok(e instanceof ProtobufBodyError, `round ${round}: ${(e as Error).stack}`);
      }
    }
    for (let round = 0; round < 1000; round++) {
      const junk = Buffer.alloc(Math.floor(random() * 64));
      for (let i = 0; i < junk.length; i++) junk[i] = Math.floor(random() * 256);
      try {
        decodeProtobufObject(Buffer.concat([hex('6b387300'), junk]));
      } catch (e) {
        assert.ok(e instanceof ProtobufBodyError, `junk ${junk.toString('hex')}: ${(e as Error).stack}`);
      }
    }
    // Some mutations land in string bytes and still decode: the fuzzer reaches the decoder.
    assert.ok(decoded > 0);
  });
});

function varint(n: number): Buffer {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return Buffer.from(out);
}
