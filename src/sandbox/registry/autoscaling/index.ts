// The autoscaling group's resources, in discovery order (v2 first: it is stored and preferred).
import type { ResourceDef } from '../types.ts';
import { horizontalPodAutoscalerResource } from './horizontalpodautoscaler/resource.ts';
import { horizontalPodAutoscalerV1Resource } from './horizontalpodautoscaler/resource-v1.ts';

export const autoscalingResources = [horizontalPodAutoscalerResource, horizontalPodAutoscalerV1Resource] as unknown as ResourceDef[];
