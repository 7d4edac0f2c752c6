// The coordination group's resources, in discovery order.
import type { ResourceDef } from '../types.ts';
import { leaseResource } from './lease/resource.ts';

export const coordinationResources = [leaseResource] as unknown as ResourceDef[];
