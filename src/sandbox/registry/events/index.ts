// The events group's resources, in discovery order.
import type { ResourceDef } from '../types.ts';
import { eventsV1EventResource } from './event/resource.ts';

export const eventsResources = [eventsV1EventResource] as unknown as ResourceDef[];
