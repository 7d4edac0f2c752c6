import type * as corev1 from '../../../../generated/k8s/core/v1.ts';

export type LimitRange = corev1.LimitRange & { metadata: NonNullable<corev1.LimitRange['metadata']> };
