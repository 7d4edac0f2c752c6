// Placeholder field manager until structured merge lands: keeps managedFields as they are and
// applies by merge patch (no conflict detection).
import { deepClone } from '../object.ts';
import { mergePatch } from '../patch/merge-patch.ts';
import type { FieldManager } from './field-manager.ts';
import type { KubeObject } from '../object.ts';

export const simpleFieldManager: FieldManager = {
  update(_ctx, live, obj) {
    if (live?.metadata?.managedFields && obj.metadata && !obj.metadata.managedFields) obj.metadata.managedFields = deepClone(live.metadata.managedFields);
  },
  apply(_ctx, live, applied) {
    return mergePatch(live ?? {}, applied) as KubeObject;
  },
};
