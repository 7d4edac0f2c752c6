// The HorizontalPodAutoscaler shapes the registry works with: autoscaling/v2 (the stored and
// preferred version) and autoscaling/v1, with metadata always present.
import type * as v1 from '../../../../generated/k8s/autoscaling/v1.ts';
import type * as v2 from '../../../../generated/k8s/autoscaling/v2.ts';

export type HPA = v2.HorizontalPodAutoscaler & { metadata: NonNullable<v2.HorizontalPodAutoscaler['metadata']> };
export type HPAV1 = v1.HorizontalPodAutoscaler & { metadata: NonNullable<v1.HorizontalPodAutoscaler['metadata']> };
export type { v1, v2 };
