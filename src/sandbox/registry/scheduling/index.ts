// The scheduling group's resources, in discovery order.
import type { ResourceDef } from '../types.ts';
import { priorityClassResource } from './priorityclass/resource.ts';

export const schedulingResources = [priorityClassResource] as unknown as ResourceDef[];
