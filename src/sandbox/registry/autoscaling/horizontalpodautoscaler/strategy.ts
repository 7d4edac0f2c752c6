// The HorizontalPodAutoscaler strategy (pkg/registry/autoscaling/horizontalpodautoscaler/strategy.go):
// status is the controller's; upstream keeps no metadata.generation for HPAs.
import type { Strategy } from '../../types.ts';
import { carryOver } from '../../apps/shared/carry.ts';
import type { HPA } from './types.ts';
import { validateHPA, validateHPAStatusUpdate, validateHPAUpdate } from './validation.ts';

export const hpaStrategy: Strategy<HPA> = {
  prepareForCreate(hpa) {
    hpa.status = { desiredReplicas: 0 };
  },
  prepareForUpdate(hpa, old) {
    carryOver(hpa, old, 'status');
  },
  validate: (hpa) => validateHPA(hpa),
  validateUpdate: (hpa, old) => validateHPAUpdate(hpa, old),
};

export const hpaStatusStrategy: Strategy<HPA> = {
  prepareForUpdate(hpa, old) {
    carryOver(hpa, old, 'spec');
  },
  validateUpdate: (hpa) => validateHPAStatusUpdate(hpa),
};
