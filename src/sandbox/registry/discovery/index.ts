// The discovery group's resources, in discovery order.
import type { ResourceDef } from '../types.ts';
import { endpointSliceResource } from './endpointslice/resource.ts';

export const discoveryResources = [endpointSliceResource] as unknown as ResourceDef[];
