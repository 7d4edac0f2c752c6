// The generation rules of upstream's workload strategies: 1 on create, bumped by one when an
// update changes the spec (status and metadata-only writes keep it).
import { deepEqual, type KubeObject, type ObjectMeta } from '../../../../apimachinery/object.ts';

type WithSpec = KubeObject & { metadata: ObjectMeta; spec?: unknown };

export function initialGeneration(obj: WithSpec): void {
  obj.metadata.generation = 1;
}

/** Sets the new generation from the old one: +1 when `changed`, else unchanged. */
export function nextGeneration(obj: WithSpec, old: WithSpec, changed: boolean = !deepEqual(obj.spec, old.spec)): void {
  const prev = old.metadata.generation ?? 0;
  obj.metadata.generation = changed ? prev + 1 : prev;
}
