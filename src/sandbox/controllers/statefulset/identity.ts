// A StatefulSet pod's stable identity (upstream stateful_set_utils.go): the name `<set>-<ordinal>`,
// hostname and subdomain (spec.serviceName), the pod-name / pod-index / revision labels, and one
// PersistentVolumeClaim `<template>-<set>-<ordinal>` per volumeClaimTemplate, mounted under the
// template's name.
import type * as core from '../../../generated/k8s/core/v1.ts';
import type { StatefulSet } from '../../registry/apps/statefulset/types.ts';
import { type PersistentVolumeClaim, type Pod, podFromTemplate } from './pod-state.ts';
import type { StoredObject } from '../../../apimachinery/object.ts';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';

export type StoredStatefulSet = StatefulSet & StoredObject;

/** getParentNameAndOrdinal: the ordinal of a pod named `<set>-<n>`, or -1. */
export function getOrdinal(set: StatefulSet, podName: string): number {
  const m = /^(.*)-([0-9]+)$/.exec(podName);
  if (!m || m[1] !== set.metadata.name) return -1;
  const n = Number.parseInt(m[2]!, 10);
  return Number.isSafeInteger(n) ? n : -1;
}

export const startOrdinal = (set: StatefulSet): number => set.spec?.ordinals?.start ?? 0;
export const replicaCount = (set: StatefulSet): number => set.spec?.replicas ?? 1;

/** podInOrdinalRange: start ≤ ordinal < start + replicas. */
export function inOrdinalRange(set: StatefulSet, ordinal: number): boolean {
  return ordinal >= startOrdinal(set) && ordinal < startOrdinal(set) + replicaCount(set);
}

export const podName = (set: StatefulSet, ordinal: number): string => `${set.metadata.name}-${ordinal}`;

export function claimName(set: StatefulSet, template: string, ordinal: number): string {
  return `${template}-${set.metadata.name}-${ordinal}`;
}

/** getPersistentVolumeClaims: the claims a pod of `ordinal` uses, labelled with the set's selector. */
export function claimsFor(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  const selector = set.spec?.selector?.matchLabels ?? {};
  return (set.spec?.volumeClaimTemplates ?? []).map((t) => {
    const c = structuredClone(t) as core.PersistentVolumeClaim;
    const meta = c.metadata ?? {};
    return {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { ...meta, name: claimName(set, meta.name ?? '', ordinal), namespace: set.metadata.namespace, labels: { ...meta.labels, ...selector } },
      spec: c.spec,
    } as PersistentVolumeClaim;
  });
}

/** newStatefulSetPod + setPodRevision: the pod for `ordinal` from `template` at revision `revision`. */
export function newStatefulSetPod(set: StoredStatefulSet, template: core.PodTemplateSpec | undefined, ordinal: number, revision: string): Pod {
  const pod = podFromTemplate(template, set);
  const name = podName(set, ordinal);
  pod.metadata.name = name;
  pod.metadata.labels = { ...pod.metadata.labels, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [REVISION_LABEL]: revision };
  const spec = pod.spec!;
  spec.hostname = name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  // updateStorage: one volume per claim template, then the pod's other volumes.
  const templates = set.spec?.volumeClaimTemplates ?? [];
  if (templates.length > 0) {
    const names = new Set(templates.map((t) => t.metadata?.name ?? ''));
    const claimVolumes: core.Volume[] = templates.map((t) => ({ name: t.metadata?.name ?? '', persistentVolumeClaim: { claimName: claimName(set, t.metadata?.name ?? '', ordinal) } }));
    spec.volumes = [...claimVolumes, ...(spec.volumes ?? []).filter((v) => !names.has(v.name))];
  }
  return pod;
}
