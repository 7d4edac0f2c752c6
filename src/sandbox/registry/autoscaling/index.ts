// The autoscaling group's resources, in discovery order.
import type { ResourceDef } from '../types.ts';
import { horizontalPodAutoscalerResource } from './horizontalpodautoscaler/resource.ts';

export const autoscalingResources = [horizontalPodAutoscalerResource] as unknown as ResourceDef[];
