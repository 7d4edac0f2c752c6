// The Deployment strategy (pkg/registry/apps/deployment/strategy.go): status is the controller's,
// generation moves with the spec and with annotations (they are copied to ReplicaSets).
import { path } from '../../../../apimachinery/field-errors.ts';
import { deepEqual } from '../../../../apimachinery/object.ts';
import type { Strategy } from '../../types.ts';
import { carryOver } from '../shared/carry.ts';
import { initialGeneration, nextGeneration } from '../shared/generation.ts';
import { podNameWarnings } from '../shared/name-warning.ts';
import { podTemplateWarnings } from '../shared/pod-template.ts';
import type { Deployment } from './types.ts';
import { validateDeployment, validateDeploymentStatusUpdate, validateDeploymentUpdate } from './validation.ts';

const templatePath = path('spec', 'template');

export const deploymentStrategy: Strategy<Deployment> = {
  prepareForCreate(d) {
    d.status = {};
    initialGeneration(d);
  },
  prepareForUpdate(d, old) {
    carryOver(d, old, 'status');
    nextGeneration(d, old, !deepEqual(d.spec, old.spec) || !deepEqual(d.metadata.annotations, old.metadata.annotations));
  },
  validate: (d) => validateDeployment(d),
  validateUpdate: (d, old) => validateDeploymentUpdate(d, old),
  warningsOnCreate: (d) => [...podNameWarnings(d.metadata.name), ...podTemplateWarnings(d.spec?.template, templatePath)],
  warningsOnUpdate: (d, old) =>
    d.metadata.generation !== old.metadata.generation ? podTemplateWarnings(d.spec?.template, templatePath, old.spec?.template) : [],
};

/** /status: only the status (and not the labels) may change. */
export const deploymentStatusStrategy: Strategy<Deployment> = {
  prepareForUpdate(d, old) {
    carryOver(d, old, 'spec');
    d.metadata.labels = old.metadata.labels && { ...old.metadata.labels };
    if (d.metadata.labels === undefined) delete d.metadata.labels;
  },
  validateUpdate: (d, old) => validateDeploymentStatusUpdate(d, old),
};
