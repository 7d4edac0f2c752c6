// The policy group's resources, in discovery order.
import type { ResourceDef } from '../types.ts';
import { podDisruptionBudgetResource } from './poddisruptionbudget/resource.ts';

export const policyResources = [podDisruptionBudgetResource] as unknown as ResourceDef[];
