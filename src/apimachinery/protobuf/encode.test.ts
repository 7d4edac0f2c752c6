import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageEncoder, parseGoDuration } from './encode.ts';
import { decodeProtobufObject } from './envelope.ts';
import { KUBECTL_BODIES, withoutNulls } from './test-fixtures.ts';

const encoder = new MessageEncoder();
const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('protobuf test encoder', () => {
  it('writes the hand-checked bytes of a small ConfigMap', () => {
    // k8s\0 | Unknown{ typeMeta(1){ apiVersion(1) "v1", kind(2) "ConfigMap" },
    //                  raw(2){ metadata(1){ name(1) "x" }, data(2){ key(1) "a", value(2) "b" } },
    //                  contentEncoding(3) "", contentType(4) "" }
    // ObjectMeta's other string fields and generation are written as zero values, as gogo does.
    const want =
      '6b387300' +
      '0a0f' + '0a027631' + '1209436f6e6669674d6170' +
      '1219' + '0a0f' + '0a0178' + '1200' + '1a00' + '2200' + '2a00' + '3200' + '3800' + '1206' + '0a0161' + '120162' +
      '1a00' + '2200';
    assert.equal(hexOf(encoder.encodeObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'b' } })), want);
  });

  for (const [name, fixture] of Object.entries(KUBECTL_BODIES)) {
    it(`reproduces kubectl's ${name} body byte for byte from Go's JSON`, () => {
      assert.equal(hexOf(encoder.encodeObject(fixture.goJson)), fixture.body);
    });
  }

  it('round-trips a pod that touches most kinds of field', () => {
    const pod = {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: {
        name: 'p',
        namespace: 'ns',
        labels: { app: 'web' },
        annotations: { note: 'x' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1', controller: true, blockOwnerDeletion: true }],
        finalizers: ['f'],
        deletionGracePeriodSeconds: 0,
      },
      spec: {
        volumes: [
          { name: 'cfg', configMap: { name: 'c', items: [{ key: 'k', path: 'p', mode: 420 }], defaultMode: 420, optional: false } },
          { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
        ],
        containers: [
          {
            name: 'c',
            image: 'nginx:1.27',
            command: ['sh', '-c'],
            args: ['echo "hi"'],
            env: [{ name: 'A', value: 'b' }, { name: 'S', valueFrom: { secretKeyRef: { name: 's', key: 'k', optional: true } } }],
            resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m' } },
            readinessProbe: { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' }, periodSeconds: 5, failureThreshold: 3 },
            livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 10 },
            stdin: true,
          },
        ],
        nodeSelector: { disk: 'ssd' },
        tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 }],
        securityContext: { runAsUser: 1000, fsGroup: 2000, supplementalGroups: [3, 4], sysctls: [{ name: 'a', value: 'b' }] },
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } },
        priority: 0,
        enableServiceLinks: false,
      },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-02T03:04:05Z' }],
        startTime: '2026-01-02T03:04:00Z',
        podIPs: [{ ip: '10.0.0.1' }],
      },
    };
    assert.deepEqual(decodeProtobufObject(encoder.encodeObject(pod)).object, pod);
  });

  it('round-trips every kubectl fixture object through its Go JSON', () => {
    for (const fixture of Object.values(KUBECTL_BODIES)) {
      const obj = withoutNulls(fixture.goJson) as Record<string, unknown>;
      assert.deepEqual(decodeProtobufObject(encoder.encodeObject(obj)).object, obj);
    }
  });

  it('parses Go durations for Duration fields', () => {
    assert.equal(parseGoDuration('1h0m0s'), 3_600_000_000_000n);
    assert.equal(parseGoDuration('1.5s'), 1_500_000_000n);
    assert.equal(parseGoDuration('-300ms'), -300_000_000n);
    assert.throws(() => parseGoDuration('soon'));
  });
});
