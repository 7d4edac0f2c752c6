import type * as corev1 from '../../../../generated/k8s/core/v1.ts';

export type PersistentVolumeClaim = corev1.PersistentVolumeClaim & { metadata: NonNullable<corev1.PersistentVolumeClaim['metadata']> };
