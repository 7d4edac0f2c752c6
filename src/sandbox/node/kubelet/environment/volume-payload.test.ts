import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { volumePayload, type PayloadInputs } from './volume-payload.ts';
import { b64, fakeSources } from './testing.ts';

const pod: core.Pod = {
  metadata: { namespace: 'shop', name: 'web', labels: { app: 'web' } },
  spec: { containers: [{ name: 'app', resources: { limits: { memory: '128Mi' } } }] },
};
const inputs: PayloadInputs = {
  pod,
  sources: fakeSources({
    configMaps: [{ metadata: { namespace: 'shop', name: 'cfg' }, data: { a: '1', b: '2' }, binaryData: { bin: b64('raw') } }],
    secrets: [{ metadata: { namespace: 'shop', name: 'sec' }, data: { token: b64('t0k') } }],
  }),
  field: { pod, podIPs: [], hostIPs: [] },
  allocatable: { memory: '16Gi', cpu: '8' },
  token: (s) => ({ ok: true, value: `jwt-for-${s.audience ?? 'api'}` }),
};
const files = (v: core.Volume) => {
  const r = volumePayload(v, inputs);
  return r.ok ? r.files.map((f) => `${f.path}=${f.content} ${f.mode?.toString(8)}`) : `error: ${r.message}`;
};

test('a configMap projects data and binaryData keys with the defaultMode', () => {
  assert.deepEqual(files({ name: 'v', configMap: { name: 'cfg', defaultMode: 0o640 } }), ['a=1 640', 'b=2 640', 'bin=raw 640']);
});

test('a projected volume merges its sources; errors of several sources are aggregated', () => {
  assert.deepEqual(
    files({
      name: 'v',
      projected: {
        defaultMode: 0o444,
        sources: [
          { configMap: { name: 'cfg', items: [{ key: 'a', path: 'conf/a' }] } },
          { secret: { name: 'sec' } },
          { serviceAccountToken: { path: 'vault-token', audience: 'vault' } },
          { downwardAPI: { items: [{ path: 'mem', resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } }] } },
        ],
      },
    }),
    ['conf/a=1 444', 'token=t0k 444', 'vault-token=jwt-for-vault 444', 'mem=128 444'],
  );
  assert.equal(
    files({ name: 'v', projected: { sources: [{ configMap: { name: 'gone' } }, { secret: { name: 'sec', items: [{ key: 'nope', path: 'x' }] } }] } }),
    'error: [configmap "gone" not found, references non-existent secret key: nope]',
  );
});

test('optional sources project what exists and skip the rest', () => {
  assert.deepEqual(files({ name: 'v', secret: { secretName: 'gone', optional: true } }), []);
  assert.deepEqual(files({ name: 'v', configMap: { name: 'cfg', optional: true, items: [{ key: 'nope', path: 'x' }, { key: 'b', path: 'b' }] } }), ['b=2 644']);
});

test('a downwardAPI volume rejects fields a volume cannot carry', () => {
  assert.equal(files({ name: 'v', downwardAPI: { items: [{ path: 'x', fieldRef: { fieldPath: 'spec.restartPolicy' } }] } }), 'error: unsupported fieldPath: spec.restartPolicy');
});
