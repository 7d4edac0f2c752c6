import type * as corev1 from '../../../../generated/k8s/core/v1.ts';

export type PersistentVolume = corev1.PersistentVolume & { metadata: NonNullable<corev1.PersistentVolume['metadata']> };
