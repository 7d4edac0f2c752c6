// Applies JSON, merge and strategic-merge patches for the generic store, mapping engine errors
// to upstream's Status wording.
import { badRequest, StatusError } from '../../apimachinery/errors.ts';
import type { KubeObject } from '../../apimachinery/object.ts';
import { applyJsonPatch, JsonPatchError } from '../../apimachinery/patch/json-patch.ts';
import { mergePatch } from '../../apimachinery/patch/merge-patch.ts';
import type { Patcher } from './generic-store.ts';

export const patcher: Patcher = {
  patch(_def, type, current, patch): KubeObject {
    try {
      switch (type) {
        case 'json':
          return applyJsonPatch(current, patch) as KubeObject;
        case 'merge':
        case 'strategic':
          if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
          return mergePatch(current, patch) as KubeObject;
      }
    } catch (e) {
      if (e instanceof StatusError) throw e;
      if (e instanceof JsonPatchError) throw new StatusError(422, 'Invalid', e.message);
      throw badRequest((e as Error).message);
    }
  },
};
