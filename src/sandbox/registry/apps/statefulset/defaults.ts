// SetDefaults_StatefulSet (pkg/apis/apps/v1/defaults.go) with 1.36's feature gates:
// OrderedReady, RollingUpdate with partition 0 and maxUnavailable 1 (MaxUnavailableStatefulSet is
// on by default since 1.35), Retain/Retain claim retention, one replica, ten revisions; plus the
// defaults of the embedded pod template and claim templates (which v1 prints with their
// apiVersion/kind and a Pending phase).
import { defaultPodTemplate } from '../shared/pod-template.ts';
import type { StatefulSet, StatefulSetSpec } from './types.ts';

export function defaultStatefulSet(sts: StatefulSet): void {
  const spec = (sts.spec ??= {} as StatefulSetSpec);
  spec.podManagementPolicy ||= 'OrderedReady';
  const us = (spec.updateStrategy ??= {});
  if (!us.type) {
    us.type = 'RollingUpdate';
    us.rollingUpdate ??= {};
  }
  if (us.type === 'RollingUpdate' && us.rollingUpdate) {
    us.rollingUpdate.partition ??= 0;
    us.rollingUpdate.maxUnavailable ??= 1;
  }
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  retention.whenDeleted ||= 'Retain';
  retention.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(spec.template);
  for (const claim of spec.volumeClaimTemplates ?? []) {
    claim.apiVersion = 'v1';
    claim.kind = 'PersistentVolumeClaim';
    const claimSpec = (claim.spec ??= {});
    claimSpec.volumeMode ??= 'Filesystem';
    const status = (claim.status ??= {});
    status.phase ||= 'Pending';
  }
}
