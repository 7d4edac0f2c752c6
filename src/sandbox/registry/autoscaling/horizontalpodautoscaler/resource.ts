// HorizontalPodAutoscaler (autoscaling/v2): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/autoscaling/v2.ts';
import { defineResource } from '../../define.ts';

type HorizontalPodAutoscaler = api.HorizontalPodAutoscaler & { metadata: NonNullable<api.HorizontalPodAutoscaler['metadata']> };

export const horizontalPodAutoscalerResource = defineResource<HorizontalPodAutoscaler>({
  group: 'autoscaling',
  version: 'v2',
  kind: 'HorizontalPodAutoscaler',
  resource: 'horizontalpodautoscalers',
  namespaced: true,
  shortNames: ['hpa'],
  categories: ['all'],
  statusStrategy: {},
});
