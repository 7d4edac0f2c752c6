import type * as corev1 from '../../../../generated/k8s/core/v1.ts';

export type Event = corev1.Event & { metadata: NonNullable<corev1.Event['metadata']> };
