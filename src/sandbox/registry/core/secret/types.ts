import type * as corev1 from '../../../../generated/k8s/core/v1.ts';

export type Secret = corev1.Secret & { metadata: NonNullable<corev1.Secret['metadata']> };
