// The StatefulSet strategy (pkg/registry/apps/statefulset/strategy.go).
import { path } from '../../../../apimachinery/field-errors.ts';
import type { Strategy } from '../../types.ts';
import { carryOver } from '../shared/carry.ts';
import { initialGeneration, nextGeneration } from '../shared/generation.ts';
import { podTemplateWarnings } from '../shared/pod-template.ts';
import type { StatefulSet } from './types.ts';
import { validateStatefulSet, validateStatefulSetStatusUpdate, validateStatefulSetUpdate } from './validation.ts';

const templatePath = path('spec', 'template');

function revisionHistoryWarning(sts: StatefulSet): string[] {
  const limit = sts.spec?.revisionHistoryLimit;
  return limit !== undefined && limit < 0 ? ['spec.revisionHistoryLimit: a negative value retains all historical revisions; a value >= 0 is recommended'] : [];
}

export const statefulSetStrategy: Strategy<StatefulSet> = {
  prepareForCreate(sts) {
    sts.status = { availableReplicas: 0, replicas: 0 };
    initialGeneration(sts);
  },
  prepareForUpdate(sts, old) {
    carryOver(sts, old, 'status');
    nextGeneration(sts, old);
  },
  validate: (sts) => validateStatefulSet(sts),
  validateUpdate: (sts, old) => validateStatefulSetUpdate(sts, old),
  warningsOnCreate: (sts) => [...podTemplateWarnings(sts.spec?.template, templatePath), ...revisionHistoryWarning(sts)],
  warningsOnUpdate: (sts, old) =>
    sts.metadata.generation !== old.metadata.generation
      ? [...podTemplateWarnings(sts.spec?.template, templatePath, old.spec?.template), ...revisionHistoryWarning(sts)]
      : [],
};

export const statefulSetStatusStrategy: Strategy<StatefulSet> = {
  prepareForUpdate(sts, old) {
    carryOver(sts, old, 'spec');
  },
  validateUpdate: (sts, old) => validateStatefulSetStatusUpdate(sts, old),
};
