import type * as corev1 from '../../../../generated/k8s/core/v1.ts';

export type ResourceQuota = corev1.ResourceQuota & { metadata: NonNullable<corev1.ResourceQuota['metadata']> };
