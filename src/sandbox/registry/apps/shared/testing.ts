// Test helpers for the workload kinds: a strategy context that strategies here never consult,
// objects typed as stored, and error lists as the strings kubectl prints.
import type { FieldError } from '../../../../apimachinery/field-errors.ts';
import { deepFreeze, type KubeObject, type StoredObject } from '../../../../apimachinery/object.ts';
import type { StrategyContext } from '../../types.ts';

export function testContext(now = Date.parse('2026-01-01T00:00:00Z')): StrategyContext {
  return { now, dryRun: false, warnings: [], user: { username: 'test', groups: [] } } as unknown as StrategyContext;
}

/** An object as the store hands it out: with system metadata, and frozen like in tests. */
export function stored<T extends KubeObject>(obj: T, rv = '1'): StoredObject & T {
  const meta = { uid: 'uid-1', resourceVersion: rv, name: 'x', ...obj.metadata };
  return deepFreeze({ ...obj, metadata: meta }) as StoredObject & T;
}

export const messages = (errs: readonly FieldError[]) => errs.map((e) => e.toString());
