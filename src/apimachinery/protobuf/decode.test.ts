import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageDecoder } from './decode.ts';
import { MessageEncoder } from './encode.ts';
import { decodeProtobufObject } from './envelope.ts';
import { builtinMessageTable } from './message-table.ts';
import { KUBECTL_BODIES, withoutNulls } from './test-fixtures.ts';

const encoder = new MessageEncoder();
/** Encodes as gogo would (every non-pointer scalar written) and decodes again. */
const viaProtobuf = (obj: Record<string, unknown>) => decodeProtobufObject(encoder.encodeObject(obj)).object;

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('protobuf decoding: kubectl bodies', () => {
  for (const [name, fixture] of Object.entries(KUBECTL_BODIES)) {
    it(`decodes kubectl's ${name} body to Go's JSON of the same object`, () => {
      const got = decodeProtobufObject(hex(fixture.body)).object;
      // Same keys in the same order as Go writes them; Go's nulls (zero creationTimestamp) absent.
      assert.equal(JSON.stringify(got), JSON.stringify(withoutNulls(fixture.goJson)));
    });
  }

  it('drops every zero value kubectl writes for unset ObjectMeta fields', () => {
    // kubectl create configmap x --from-literal=a=b: ObjectMeta carries generateName, namespace,
    // selfLink, uid, resourceVersion (all ""), generation 0 and an empty creationTimestamp.
    const body = hex(`6b387300 0a0f 0a027631 1209436f6e6669674d6170
      121b 0a11 0a0178 1200 1a00 2200 2a00 3200 3800 4200  1206 0a0161 120162  1a00 2200`);
    assert.deepEqual(decodeProtobufObject(body).object, { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'x' }, data: { a: 'b' } });
  });
});

describe('protobuf decoding: zero values', () => {
  it('keeps pointer fields that are zero and drops omitempty zeros', () => {
    const got = viaProtobuf({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: {},
          spec: {
            automountServiceAccountToken: false,
            terminationGracePeriodSeconds: 0,
            containers: [
              {
                name: 'c',
                image: 'nginx',
                ports: [{ containerPort: 0 }],
                securityContext: { runAsUser: 0, runAsNonRoot: false, privileged: false, allowPrivilegeEscalation: false },
              },
            ],
          },
        },
      },
    });
    assert.deepEqual(got, {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'web' },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: {},
          spec: {
            containers: [
              {
                name: 'c',
                image: 'nginx',
                // containerPort has no omitempty (required); hostPort, protocol, stdin, tty... do.
                ports: [{ containerPort: 0 }],
                securityContext: { privileged: false, runAsUser: 0, runAsNonRoot: false, allowPrivilegeEscalation: false },
              },
            ],
            terminationGracePeriodSeconds: 0,
            automountServiceAccountToken: false,
          },
        },
      },
    });
  });

  it('keeps the zero of Job counters, TokenRequest expiry and an empty storageClassName', () => {
    const job = viaProtobuf({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j' },
      spec: { parallelism: 0, completions: 0, backoffLimit: 0, template: { spec: { containers: [{ name: 'c' }] } } },
    });
    assert.deepEqual((job.spec as Record<string, unknown>).parallelism, 0);
    assert.deepEqual((job.spec as Record<string, unknown>).completions, 0);
    assert.deepEqual((job.spec as Record<string, unknown>).backoffLimit, 0);
    const tr = viaProtobuf({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {}, spec: { expirationSeconds: 0 }, status: {} });
    assert.deepEqual(tr.spec, { expirationSeconds: 0 });
    // TokenRequestStatus.token has no omitempty (go-fields.json keepZero).
    assert.deepEqual(tr.status, { token: '' });
    const pvc = viaProtobuf({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'p' }, spec: { storageClassName: '' } });
    assert.deepEqual(pvc.spec, { storageClassName: '' });
  });

  it('drops a zero Service targetPort but keeps a zero probe port and a zero PDB minAvailable', () => {
    const svc = viaProtobuf({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 0 }] } });
    assert.deepEqual((svc.spec as { ports: unknown[] }).ports, [{ port: 80 }]);
    const pod = viaProtobuf({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', livenessProbe: { httpGet: { port: 0 } } }] },
    });
    const c = (pod.spec as { containers: Array<Record<string, unknown>> }).containers[0]!;
    assert.deepEqual(c.livenessProbe, { httpGet: { port: 0 } });
    const pdb = viaProtobuf({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { maxUnavailable: '0%' } });
    assert.deepEqual(pdb.spec, { maxUnavailable: '0%' });
  });

  it('keeps zero values Go writes without omitempty that the OpenAPI does not call required', () => {
    const pc = viaProtobuf({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'p' } });
    assert.equal(pc.value, 0);
    assert.equal('globalDefault' in pc, false);
    const rb = viaProtobuf({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'r' }, roleRef: { kind: 'Role', name: 'x' } });
    assert.deepEqual(rb.roleRef, { apiGroup: '', kind: 'Role', name: 'x' });
  });

  it('gives the fields of an inlined struct the required list of its parent', () => {
    const pod = viaProtobuf({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { ephemeralContainers: [{ targetContainerName: 't' }] } });
    // EphemeralContainer requires name; the field lives in the inlined EphemeralContainerCommon.
    assert.deepEqual((pod.spec as { ephemeralContainers: unknown[] }).ephemeralContainers, [{ name: '', targetContainerName: 't' }]);
  });
});

describe('protobuf decoding: types with a Go JSON form of their own', () => {
  it('writes Time in seconds, MicroTime in microseconds and drops zero times', () => {
    const ev = viaProtobuf({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e', creationTimestamp: null },
      involvedObject: { kind: 'Pod', name: 'p' },
      firstTimestamp: '2026-01-02T03:04:05Z',
      eventTime: '2026-01-02T03:04:05.123456Z',
      reportingComponent: 'kubelet',
      reportingInstance: '',
    });
    assert.equal(ev.firstTimestamp, '2026-01-02T03:04:05Z');
    assert.equal(ev.eventTime, '2026-01-02T03:04:05.123456Z');
    assert.equal('lastTimestamp' in ev, false);
    assert.deepEqual(ev.metadata, { name: 'e' });
    assert.equal(ev.reportingInstance, '');
  });

  it('writes quantities, int-or-strings and base64 bytes', () => {
    const rq = viaProtobuf({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { cpu: '2', 'requests.memory': '1Gi' } } });
    assert.deepEqual(rq.spec, { hard: { cpu: '2', 'requests.memory': '1Gi' } });
    const d = viaProtobuf({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } } },
    });
    assert.deepEqual((d.spec as Record<string, unknown>).strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } });
    const s = viaProtobuf({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { bin: Buffer.from([0, 255, 1]).toString('base64'), empty: '' } });
    assert.deepEqual(s.data, { bin: 'AP8B', empty: '' });
    const cm = viaProtobuf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, binaryData: { b: 'aGk=' } });
    assert.deepEqual(cm.binaryData, { b: 'aGk=' });
  });

  it('embeds raw JSON and nested protobuf objects of a RawExtension, and managedFields', () => {
    const inner = encoder.encodeObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'inner' }, data: { k: 'v' } });
    const cr = viaProtobuf({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, data: { spec: { a: [1, 'x'] } }, revision: 3 });
    assert.deepEqual(cr.data, { spec: { a: [1, 'x'] } });
    const table = builtinMessageTable();
    const raw = new MessageEncoder(table).encode('k8s.io.api.apps.v1.ControllerRevision', { metadata: { name: 'r' }, revision: 1 });
    // Field 2 (data) as a RawExtension whose raw (field 1) holds a protobuf object.
    const rawExt = Buffer.concat([Buffer.from([0x0a]), varint(inner.length), inner]);
    const body = Buffer.concat([raw, Buffer.from([0x12]), varint(rawExt.length), rawExt]);
    const decoded = new MessageDecoder(table, {
      embeddedObject: (b) => decodeProtobufObject(b).object,
    }).decode('k8s.io.api.apps.v1.ControllerRevision', body);
    assert.deepEqual(decoded.data, { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'inner' }, data: { k: 'v' } });
    const mf = viaProtobuf({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', managedFields: [{ manager: 'kubectl', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} } } }] },
    });
    assert.deepEqual((mf.metadata as { managedFields: unknown[] }).managedFields, [
      { manager: 'kubectl', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} } } },
    ]);
  });

  it('writes map<string, ExtraValue> as string lists', () => {
    const sar = viaProtobuf({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      metadata: {},
      spec: { user: 'alice', groups: ['g'], extra: { scopes: ['a', 'b'], none: [] }, resourceAttributes: { verb: 'get', resource: 'pods' } },
    });
    assert.deepEqual((sar.spec as Record<string, unknown>).extra, { none: [], scopes: ['a', 'b'] });
  });

  it('writes JSON schemas of a CustomResourceDefinition with their JSON names and "or" forms', () => {
    const schema = {
      type: 'object',
      required: ['spec'],
      properties: {
        spec: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          properties: {
            replicas: { type: 'integer', minimum: 0, maximum: 10.5, default: 1, enum: [1, 2, 'three'] },
            ref: { $ref: '#/definitions/x', $schema: 'http://json-schema.org/draft-04/schema#' },
            tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
            tuple: { type: 'array', items: [{ type: 'string' }, { type: 'integer' }], additionalItems: false },
            labels: { type: 'object', additionalProperties: { type: 'string' } },
            open: { type: 'object', additionalProperties: true },
            port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
          },
          dependencies: { a: ['b'], c: { required: ['d'] } },
          'x-kubernetes-validations': [{ rule: 'self.replicas >= 0', message: 'no', optionalOldSelf: false }],
        },
      },
    };
    const crd = viaProtobuf({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
        scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: false, schema: { openAPIV3Schema: schema } }],
      },
    });
    const version = (crd.spec as { versions: Array<Record<string, unknown>> }).versions[0]!;
    assert.equal(version.storage, false);
    assert.deepEqual(version.schema, { openAPIV3Schema: schema });
  });
});

describe('protobuf decoding: wire details', () => {
  const table = builtinMessageTable();
  const decoder = new MessageDecoder(table);
  const PSC = 'k8s.io.api.core.v1.PodSecurityContext';

  it('reads packed and unpacked repeated scalars alike', () => {
    const unpacked = new MessageEncoder(table).encode(PSC, { supplementalGroups: [1, 2, 300] });
    const packed = new MessageEncoder(table, { packed: true }).encode(PSC, { supplementalGroups: [1, 2, 300] });
    assert.notDeepEqual(unpacked, packed);
    assert.deepEqual([...packed], [0x22, 0x04, 0x01, 0x02, 0xac, 0x02]);
    assert.deepEqual(decoder.decode(PSC, unpacked), { supplementalGroups: [1, 2, 300] });
    assert.deepEqual(decoder.decode(PSC, packed), { supplementalGroups: [1, 2, 300] });
  });

  it('skips unknown fields, lets the last scalar win and merges repeated messages', () => {
    const CM = 'k8s.io.api.core.v1.ConfigMap';
    const body = Buffer.concat([
      hex('0a03 0a0161'), // metadata{name: a}
      hex('f806 2a'), // field 111, varint 42: unknown
      hex('0a05 1a03 6e7331'), // metadata{namespace: ns1}, merged into the first
      hex('0a03 0a0162'), // metadata{name: b} overrides name
      hex('2001 2000'), // immutable true, then false: last wins
    ]);
    assert.deepEqual(decoder.decode(CM, body), { metadata: { name: 'b', namespace: 'ns1' }, immutable: false });
  });

  it('reads negative int32 and int64 values from ten-byte varints', () => {
    const body = new MessageEncoder(table).encode(PSC, { runAsUser: -1, supplementalGroups: [-2] });
    assert.deepEqual(decoder.decode(PSC, body), { runAsUser: -1, supplementalGroups: [-2] });
    const probe = new MessageEncoder(table).encode('k8s.io.api.core.v1.Probe', { initialDelaySeconds: -5 });
    assert.deepEqual(decoder.decode('k8s.io.api.core.v1.Probe', probe), { initialDelaySeconds: -5 });
  });

  it('keeps a "__proto__" map key as an ordinary key', () => {
    const body = new MessageEncoder(table).encode('k8s.io.api.core.v1.ConfigMap', { data: JSON.parse('{"__proto__":"x","a":"b"}') as Record<string, unknown> });
    const got = decoder.decode('k8s.io.api.core.v1.ConfigMap', body);
    const data = got.data as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(data), Object.prototype);
    assert.deepEqual(Object.keys(data), ['__proto__', 'a']);
    assert.equal(JSON.stringify(got), '{"data":{"__proto__":"x","a":"b"}}');
  });

  it('fills missing map keys and values with zero values, as gogo does', () => {
    // data entry with only a value; binaryData entry with only a key
    const body = hex('1203 120178 1a03 0a016b');
    assert.deepEqual(decoder.decode('k8s.io.api.core.v1.ConfigMap', body), { data: { '': 'x' }, binaryData: { k: '' } });
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
