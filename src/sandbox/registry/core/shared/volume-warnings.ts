// Warnings for PersistentVolumes and claims (pkg/api/persistentvolume/util.go,
// pkg/api/persistentvolumeclaim/util.go): deprecated annotations, reclaim policy, node labels and
// volume plugins, fractional byte quantities.
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';
import { quantityOf } from './resource-quantity.ts';
import { BETA_STORAGE_CLASS_ANNOTATION } from './volumes.ts';

const DEPRECATED_STORAGE_CLASS = 'deprecated since v1.8; use "storageClassName" attribute instead';

const DEPRECATED_NODE_LABELS: Record<string, string> = {
  'beta.kubernetes.io/arch': 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  'beta.kubernetes.io/os': 'deprecated since v1.14; use "kubernetes.io/os" instead',
  'failure-domain.beta.kubernetes.io/region': 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  'failure-domain.beta.kubernetes.io/zone': 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  'beta.kubernetes.io/instance-type': 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
};

const DEPRECATED_PLUGINS: Array<[keyof corev1.PersistentVolumeSpec, string]> = [
  ['cephfs', 'deprecated in v1.28, non-functional in v1.31+'],
  ['photonPersistentDisk', 'deprecated in v1.11, non-functional in v1.16+'],
  ['scaleIO', 'deprecated in v1.16, non-functional in v1.22+'],
  ['storageos', 'deprecated in v1.22, non-functional in v1.25+'],
  ['glusterfs', 'deprecated in v1.25, non-functional in v1.26+'],
  ['rbd', 'deprecated in v1.28, non-functional in v1.31+'],
];

export function persistentVolumeWarnings(meta: { annotations?: Record<string, string> }, spec: corev1.PersistentVolumeSpec | undefined): string[] {
  const w: string[] = [];
  if (meta.annotations && BETA_STORAGE_CLASS_ANNOTATION in meta.annotations) {
    w.push(`metadata.annotations[${BETA_STORAGE_CLASS_ANNOTATION}]: ${DEPRECATED_STORAGE_CLASS}`);
  }
  if (spec?.persistentVolumeReclaimPolicy === 'Recycle') {
    w.push('spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning.');
  }
  (spec?.nodeAffinity?.required?.nodeSelectorTerms ?? []).forEach((term, i) => {
    (term.matchExpressions ?? []).forEach((e, j) => {
      const msg = DEPRECATED_NODE_LABELS[e.key ?? ''];
      if (msg) w.push(`spec.nodeAffinity.required.nodeSelectorTerms[${i}].matchExpressions[${j}].key: ${e.key} is ${msg}`);
    });
  });
  for (const [field, msg] of DEPRECATED_PLUGINS) if (spec?.[field] !== undefined) w.push(`spec.${field}: ${msg}`);
  return w;
}

export function persistentVolumeClaimWarnings(meta: { annotations?: Record<string, string> }, spec: corev1.PersistentVolumeClaimSpec | undefined): string[] {
  const w: string[] = [];
  if (meta.annotations && BETA_STORAGE_CLASS_ANNOTATION in meta.annotations) {
    w.push(`metadata.annotations[${BETA_STORAGE_CLASS_ANNOTATION}]: ${DEPRECATED_STORAGE_CLASS}`);
  }
  const storage = spec?.resources?.requests?.storage;
  const q = quantityOf(storage);
  if (storage !== undefined && q && q.milliValue() % 1000n !== 0n) {
    w.push(`spec.resources.requests[storage]: fractional byte value "${storage}" is invalid, must be an integer`);
  }
  const limit = spec?.resources?.limits?.storage;
  const ql = quantityOf(limit);
  if (limit !== undefined && ql && ql.milliValue() % 1000n !== 0n) {
    w.push(`spec.resources.limits[storage]: fractional byte value "${limit}" is invalid, must be an integer`);
  }
  return w;
}
