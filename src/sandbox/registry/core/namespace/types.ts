import type * as corev1 from '../../../../generated/k8s/core/v1.ts';

export type Namespace = corev1.Namespace & { metadata: NonNullable<corev1.Namespace['metadata']> };
