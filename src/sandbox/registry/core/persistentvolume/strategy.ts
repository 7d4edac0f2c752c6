// The PersistentVolume strategies (pkg/registry/core/persistentvolume/strategy.go): a new volume
// is Pending since now; /status moves lastPhaseTransitionTime when the phase changes.
import { deepClone } from '../../../../apimachinery/object.ts';
import type { Strategy } from '../../types.ts';
import { persistentVolumeWarnings } from '../shared/volume-warnings.ts';
import type { PersistentVolume } from './types.ts';
import { validatePersistentVolume, validatePersistentVolumeStatusUpdate, validatePersistentVolumeUpdate } from './validation.ts';

function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export const persistentVolumeStrategy: Strategy<PersistentVolume> = {
  prepareForCreate(pv, ctx) {
    pv.status = { phase: 'Pending', lastPhaseTransitionTime: rfc3339(ctx.now) };
  },
  prepareForUpdate(pv, old) {
    pv.status = deepClone(old.status);
  },
  validate: (pv) => validatePersistentVolume(pv),
  validateUpdate: (pv, old) => validatePersistentVolumeUpdate(pv, old),
  warningsOnCreate: (pv) => persistentVolumeWarnings(pv.metadata, pv.spec),
  warningsOnUpdate: (pv) => persistentVolumeWarnings(pv.metadata, pv.spec),
};

export const persistentVolumeStatusStrategy: Strategy<PersistentVolume> = {
  prepareForUpdate(pv, old, ctx) {
    pv.spec = deepClone(old.spec);
    const status = (pv.status ??= {});
    const oldStatus = old.status ?? {};
    if (oldStatus.phase === status.phase && status.lastPhaseTransitionTime === undefined) {
      if (oldStatus.lastPhaseTransitionTime !== undefined) status.lastPhaseTransitionTime = oldStatus.lastPhaseTransitionTime;
    } else if (oldStatus.phase !== status.phase && (status.lastPhaseTransitionTime === undefined || status.lastPhaseTransitionTime === oldStatus.lastPhaseTransitionTime)) {
      status.lastPhaseTransitionTime = rfc3339(ctx.now);
    }
  },
  validateUpdate: (pv) => validatePersistentVolumeStatusUpdate(pv),
};
