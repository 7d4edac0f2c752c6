// Applies JSON, merge and strategic-merge patches for the generic store, mapping engine errors
// to upstream's Status wording (k8s.io/apiserver/pkg/endpoints/handlers/patch.go).
import { badRequest, StatusError } from '../../apimachinery/errors.ts';
import { isPlainObject, type KubeObject } from '../../apimachinery/object.ts';
import { applyJsonPatch, JsonPatchError } from '../../apimachinery/patch/json-patch.ts';
import { mergePatch } from '../../apimachinery/patch/merge-patch.ts';
import { strategicMergePatch, StrategicMergePatchError } from '../../apimachinery/patch/strategic-merge-patch.ts';
import type { Patcher } from './generic-store.ts';

function jsonTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/**
 * errors.NewGenericServerResponse(422, ...): how upstream reports a patch that cannot apply. The
 * engine's message is not passed on (the Status carries empty details).
 */
function unprocessable(): StatusError {
  return new StatusError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
}

function mapToObject(patch: unknown, type: 'merge' | 'strategic'): Record<string, unknown> {
  // A null merge patch is rejected by json-patch; a null strategic patch decodes to no change.
  if (patch === null) {
    if (type === 'merge') throw badRequest('Invalid JSON Patch');
    return {};
  }
  if (!isPlainObject(patch)) throw badRequest(`json: cannot unmarshal ${jsonTypeName(patch)} into Go value of type map[string]interface {}`);
  return patch;
}

export const patcher: Patcher = {
  patch(def, type, current, patch): KubeObject {
    try {
      switch (type) {
        case 'json':
          return applyJsonPatch(current, patch) as KubeObject;
        case 'merge':
          return mergePatch(current, mapToObject(patch, 'merge')) as KubeObject;
        case 'strategic':
          // (The API handler refuses strategic merge patches of custom resources, as upstream.)
          return strategicMergePatch(current as Record<string, unknown>, mapToObject(patch, 'strategic'), def.schema()) as KubeObject;
      }
    } catch (e) {
      if (e instanceof StatusError) throw e;
      if (e instanceof JsonPatchError) throw e.phase === 'decode' ? badRequest(e.message) : unprocessable();
      if (e instanceof StrategicMergePatchError) {
        if (e.kind === 'bad-request') throw badRequest(e.message);
        if (e.kind === 'unprocessable') throw unprocessable();
        // Upstream returns these as plain errors: a 500 Status without a reason.
        throw new StatusError(500, '', e.message);
      }
      throw badRequest((e as Error).message);
    }
  },
};
