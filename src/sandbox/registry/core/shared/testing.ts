// Test support for strategies: a request context over an in-memory store holding given objects.
import type { KubeObject } from '../../../../apimachinery/object.ts';
import { seededIds } from '../../../ids.ts';
import { ObjectStore, type StoredObjectDraft } from '../../../storage/object-store.ts';
import type { ResourceDef, StrategyContext, UserInfo } from '../../types.ts';

export const TEST_NOW = Date.parse('2025-01-02T03:04:05Z');

export function testContext(objects: Array<{ resource: string; object: KubeObject }> = [], now = TEST_NOW): StrategyContext {
  const store = new ObjectStore();
  if (objects.length) store.write(objects.map((o) => ({ type: 'create' as const, resource: o.resource, object: o.object as StoredObjectDraft })));
  const user: UserInfo = { username: 'tester', groups: ['system:authenticated'] };
  const none: ResourceDef[] = [];
  return {
    cluster: {
      id: 'test',
      store,
      clock: { now: () => now },
      ids: seededIds('test'),
      resources: { byResource: () => undefined, byKind: () => undefined, all: () => none },
    },
    user,
    now,
    dryRun: false,
    warnings: [],
  };
}

/** Messages of a list of field errors, for assertions. */
export function messages(errs: ReadonlyArray<{ toString(): string }>): string[] {
  return errs.map((e) => e.toString());
}
