import type * as corev1 from '../../../../generated/k8s/core/v1.ts';

export type ServiceAccount = corev1.ServiceAccount & { metadata: NonNullable<corev1.ServiceAccount['metadata']> };
