// Object counting for any resource (upstream generic.NewObjectCountEvaluator): every stored object
// of the group/resource counts 1 towards `count/<resource>[.<group>]`, and towards a legacy alias
// where one exists (`configmaps`, `secrets`, `replicationcontrollers`, `resourcequotas`). Only
// creation can raise a count. No scopes apply.
import { Quantity } from '../../../apimachinery/quantity.ts';
import { objectCountName, type QuotaEvaluator } from './evaluator.ts';
import type { ResourceList } from './resource-list.ts';

export function objectCountEvaluator(group: string, resource: string, alias?: string): QuotaEvaluator {
  const names = [objectCountName(group, resource), ...(alias ? [alias] : [])];
  return {
    group,
    resource,
    handles: (operation) => operation === 'CREATE',
    matchingResources: (input) => input.filter((n) => names.includes(n)),
    matchesScope: () => false,
    usage: (): ResourceList => new Map(names.map((n) => [n, Quantity.fromInt(1)])),
    constraints: () => undefined,
  };
}
