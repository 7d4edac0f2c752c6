import type * as corev1 from '../../../../generated/k8s/core/v1.ts';

export type Node = corev1.Node & { metadata: NonNullable<corev1.Node['metadata']> };
