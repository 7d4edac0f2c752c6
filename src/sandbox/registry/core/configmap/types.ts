import type * as corev1 from '../../../../generated/k8s/core/v1.ts';

export type ConfigMap = corev1.ConfigMap & { metadata: NonNullable<corev1.ConfigMap['metadata']> };
