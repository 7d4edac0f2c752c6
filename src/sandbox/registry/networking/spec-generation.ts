// metadata.generation for kinds with a spec (upstream strategies): 1 on create, incremented when
// an update changes the spec.
import { deepEqual, type KubeObject } from '../../../apimachinery/object.ts';

type WithSpec = KubeObject & { spec?: unknown };

export function generationOnCreate(obj: WithSpec): void {
  obj.metadata = { ...obj.metadata, generation: 1 };
}

export function generationOnUpdate(obj: WithSpec, old: WithSpec): void {
  const prev = old.metadata?.generation ?? 0;
  obj.metadata = { ...obj.metadata, generation: deepEqual(obj.spec, old.spec) ? prev : prev + 1 };
}
