import type * as corev1 from '../../../../generated/k8s/core/v1.ts';

export type Endpoints = corev1.Endpoints & { metadata: NonNullable<corev1.Endpoints['metadata']> };
