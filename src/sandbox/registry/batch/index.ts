// The batch group's resources, in discovery order.
import type { ResourceDef } from '../types.ts';
import { jobResource } from './job/resource.ts';
import { cronJobResource } from './cronjob/resource.ts';

export const batchResources = [jobResource, cronJobResource] as unknown as ResourceDef[];
