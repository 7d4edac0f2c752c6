// The DaemonSet strategy (pkg/registry/apps/daemonset/strategy.go): a template change bumps both
// the generation and the template generation; other spec changes bump the generation only.
import { path } from '../../../../apimachinery/field-errors.ts';
import { deepEqual } from '../../../../apimachinery/object.ts';
import type { Strategy } from '../../types.ts';
import { carryOver } from '../shared/carry.ts';
import { initialGeneration, nextGeneration } from '../shared/generation.ts';
import { podNameWarnings } from '../shared/name-warning.ts';
import { podTemplateWarnings } from '../shared/pod-template.ts';
import { setTemplateGeneration, templateGeneration } from './template-generation.ts';
import type { DaemonSet } from './types.ts';
import { validateDaemonSet, validateDaemonSetStatusUpdate, validateDaemonSetUpdate } from './validation.ts';

const templatePath = path('spec', 'template');

export const daemonSetStrategy: Strategy<DaemonSet> = {
  prepareForCreate(ds) {
    ds.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
    initialGeneration(ds);
    if (templateGeneration(ds) < 1) setTemplateGeneration(ds, 1);
  },
  prepareForUpdate(ds, old) {
    carryOver(ds, old, 'status');
    const oldTemplateGeneration = templateGeneration(old);
    if (!deepEqual(ds.spec?.template, old.spec?.template)) {
      setTemplateGeneration(ds, oldTemplateGeneration + 1);
      nextGeneration(ds, old, true);
      return;
    }
    setTemplateGeneration(ds, oldTemplateGeneration);
    nextGeneration(ds, old);
  },
  validate: (ds) => validateDaemonSet(ds, templateGeneration(ds)),
  validateUpdate: (ds, old) => validateDaemonSetUpdate(ds, old, templateGeneration(ds)),
  warningsOnCreate: (ds) => [...podNameWarnings(ds.metadata.name), ...podTemplateWarnings(ds.spec?.template, templatePath)],
  warningsOnUpdate: (ds, old) =>
    ds.metadata.generation !== old.metadata.generation ? podTemplateWarnings(ds.spec?.template, templatePath, old.spec?.template) : [],
};

export const daemonSetStatusStrategy: Strategy<DaemonSet> = {
  prepareForUpdate(ds, old) {
    carryOver(ds, old, 'spec');
    setTemplateGeneration(ds, templateGeneration(old));
  },
  validateUpdate: (ds, old) => validateDaemonSetStatusUpdate(ds, old),
};
