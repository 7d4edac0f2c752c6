// A strategy for a version that is stored as another: each hook converts to the stored form,
// runs the stored version's hook there, and (for the preparing hooks) writes the result back in
// the served form. Upstream runs its strategies on the internal form for the same reason: a v1
// HorizontalPodAutoscaler is prepared and validated as the v2 object it becomes.
import type { KubeObject, StoredObject } from '../../../../apimachinery/object.ts';
import type { Strategy } from '../../types.ts';

export interface Conversion<Served extends KubeObject, Stored extends KubeObject> {
  toStored(obj: Served): Stored;
  toServed(obj: Stored): Served;
}

function replaceContents(target: KubeObject, source: KubeObject): void {
  const t = target as Record<string, unknown>;
  for (const k of Object.keys(t)) delete t[k];
  Object.assign(t, source);
}

export function strategyThroughStorage<Served extends KubeObject, Stored extends KubeObject>(
  inner: Strategy<Stored>,
  conv: Conversion<Served, Stored>,
): Strategy<Served> {
  const stored = (o: Served) => conv.toStored(o);
  const storedOld = (o: StoredObject & Served) => conv.toStored(o) as StoredObject & Stored;
  return {
    prepareForCreate(obj, ctx) {
      const s = stored(obj);
      inner.prepareForCreate?.(s, ctx);
      replaceContents(obj, conv.toServed(s));
    },
    prepareForUpdate(obj, old, ctx) {
      const s = stored(obj);
      inner.prepareForUpdate?.(s, storedOld(old), ctx);
      replaceContents(obj, conv.toServed(s));
    },
    validate: (obj, ctx) => inner.validate?.(stored(obj), ctx) ?? [],
    validateUpdate: (obj, old, ctx) => inner.validateUpdate?.(stored(obj), storedOld(old), ctx) ?? [],
    warningsOnCreate: (obj, ctx) => inner.warningsOnCreate?.(stored(obj), ctx) ?? [],
    warningsOnUpdate: (obj, old, ctx) => inner.warningsOnUpdate?.(stored(obj), storedOld(old), ctx) ?? [],
  };
}
