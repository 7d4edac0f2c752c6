// ReplicationController (core/v1, pkg/registry/core/replicationcontroller): defaults, strategy,
// status and scale subresources, the table printer and the status.replicas field selector.
import { path } from '../../../../apimachinery/field-errors.ts';
import { defineResource } from '../../define.ts';
import { carryOver } from '../../apps/shared/carry.ts';
import { initialGeneration, nextGeneration } from '../../apps/shared/generation.ts';
import { podNameWarnings } from '../../apps/shared/name-warning.ts';
import { podTemplateWarnings } from '../../apps/shared/pod-template.ts';
import { defaultReplicationController } from './defaults.ts';
import { replicationControllerPrinter } from './printer.ts';
import type { ReplicationController } from './types.ts';
import { validateReplicationController, validateReplicationControllerStatus } from './validation.ts';

const templatePath = path('spec', 'template');

export const replicationControllerResource = defineResource<ReplicationController>({
  group: '',
  version: 'v1',
  kind: 'ReplicationController',
  resource: 'replicationcontrollers',
  namespaced: true,
  shortNames: ['rc'],
  categories: ['all'],
  defaults: defaultReplicationController,
  strategy: {
    prepareForCreate(rc) {
      rc.status = { replicas: 0 };
      initialGeneration(rc);
    },
    prepareForUpdate(rc, old) {
      carryOver(rc, old, 'status');
      nextGeneration(rc, old);
    },
    validate: (rc) => validateReplicationController(rc),
    validateUpdate: (rc) => validateReplicationController(rc),
    warningsOnCreate: (rc) => [...podNameWarnings(rc.metadata.name), ...podTemplateWarnings(rc.spec?.template, templatePath)],
    warningsOnUpdate: (rc, old) =>
      rc.metadata.generation !== old.metadata.generation ? podTemplateWarnings(rc.spec?.template, templatePath, old.spec?.template) : [],
  },
  statusStrategy: {
    prepareForUpdate(rc, old) {
      carryOver(rc, old, 'spec');
    },
    validateUpdate: (rc) => validateReplicationControllerStatus(rc),
  },
  scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.spec.selector' },
  printer: replicationControllerPrinter,
  fieldLabels: (rc) => ({ 'status.replicas': String(rc.status?.replicas ?? 0) }),
});
