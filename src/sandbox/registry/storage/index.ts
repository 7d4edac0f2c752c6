// The storage group's resources, in discovery order.
import type { ResourceDef } from '../types.ts';
import { storageClassResource } from './storageclass/resource.ts';

export const storageResources = [storageClassResource] as unknown as ResourceDef[];
