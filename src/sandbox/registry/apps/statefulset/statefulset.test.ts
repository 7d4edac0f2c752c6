import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PrintContext } from '../../types.ts';
import { messages, stored } from '../shared/testing.ts';
import { defaultStatefulSet } from './defaults.ts';
import { statefulSetPrinter } from './printer.ts';
import type { StatefulSet } from './types.ts';
import { STATEFULSET_UPDATE_FORBIDDEN, validateStatefulSet, validateStatefulSetUpdate } from './validation.ts';

function sts(mutate: (s: StatefulSet) => void = () => {}): StatefulSet {
  const s = {
    metadata: { name: 'db' },
    spec: {
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  } as StatefulSet;
  mutate(s);
  defaultStatefulSet(s);
  return s;
}

describe('StatefulSet', () => {
  it('defaults 1.36 values, claim templates included', () => {
    const s = sts();
    assert.equal(s.spec?.podManagementPolicy, 'OrderedReady');
    assert.deepEqual(s.spec?.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 1 } });
    assert.deepEqual(s.spec?.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
    assert.equal(s.spec?.replicas, 1);
    assert.equal(s.spec?.revisionHistoryLimit, 10);
    const claim = s.spec?.volumeClaimTemplates?.[0];
    assert.equal(claim?.apiVersion, 'v1');
    assert.equal(claim?.kind, 'PersistentVolumeClaim');
    assert.equal(claim?.spec?.volumeMode, 'Filesystem');
    assert.deepEqual(claim?.status, { phase: 'Pending' });
  });

  it('gives OnDelete no rolling update defaults', () => {
    assert.deepEqual(sts((s) => (s.spec!.updateStrategy = { type: 'OnDelete' })).spec?.updateStrategy, { type: 'OnDelete' });
  });

  it('validates policies, strategy and selector', () => {
    assert.deepEqual(messages(validateStatefulSet(sts())), []);
    const bad = sts((s) => {
      s.spec!.podManagementPolicy = 'Random';
      s.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: -1, maxUnavailable: 0 } };
      s.spec!.selector = { matchLabels: { app: 'x' } };
    });
    assert.deepEqual(messages(validateStatefulSet(bad)), [
      "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
      'spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0',
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: cannot be 0',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"db"}: `selector` does not match template `labels`',
    ]);
  });

  it('forbids updates outside the mutable fields, with the current wording', () => {
    assert.equal(
      STATEFULSET_UPDATE_FORBIDDEN,
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
    const old = sts();
    const scaled = sts((s) => {
      s.spec!.replicas = 3;
      s.spec!.revisionHistoryLimit = 2;
      s.spec!.minReadySeconds = 5;
    });
    assert.deepEqual(messages(validateStatefulSetUpdate(scaled, old)), []);
    const resized = sts((s) => (s.spec!.volumeClaimTemplates![0]!.spec!.resources = { requests: { storage: '2Gi' } }));
    assert.deepEqual(messages(validateStatefulSetUpdate(resized, old)), [`spec: Forbidden: ${STATEFULSET_UPDATE_FORBIDDEN}`]);
  });

  it('prints READY as ready/desired', () => {
    const s = stored({ ...sts(), metadata: { name: 'db', creationTimestamp: '2026-01-01T00:00:00Z' }, status: { replicas: 1, readyReplicas: 1 } });
    assert.deepEqual(statefulSetPrinter.cells(s, { now: Date.parse('2026-01-03T00:00:00Z') } as PrintContext), ['db', '1/1', '2d', 'pg', 'postgres']);
  });
});
