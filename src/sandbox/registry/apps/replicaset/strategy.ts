// The ReplicaSet strategy (pkg/registry/apps/replicaset/strategy.go): status is the controller's,
// generation moves with the spec.
import { path } from '../../../../apimachinery/field-errors.ts';
import type { Strategy } from '../../types.ts';
import { carryOver } from '../shared/carry.ts';
import { initialGeneration, nextGeneration } from '../shared/generation.ts';
import { podNameWarnings } from '../shared/name-warning.ts';
import { podTemplateWarnings } from '../shared/pod-template.ts';
import type { ReplicaSet } from './types.ts';
import { validateReplicaCountsStatus, validateReplicaSet, validateReplicaSetUpdate } from './validation.ts';

const templatePath = path('spec', 'template');

export const replicaSetStrategy: Strategy<ReplicaSet> = {
  prepareForCreate(rs) {
    rs.status = { replicas: 0 };
    initialGeneration(rs);
  },
  prepareForUpdate(rs, old) {
    carryOver(rs, old, 'status');
    nextGeneration(rs, old);
  },
  validate: (rs) => validateReplicaSet(rs),
  validateUpdate: (rs, old) => validateReplicaSetUpdate(rs, old),
  warningsOnCreate: (rs) => [...podNameWarnings(rs.metadata.name), ...podTemplateWarnings(rs.spec?.template, templatePath)],
  warningsOnUpdate: (rs, old) =>
    rs.metadata.generation !== old.metadata.generation ? podTemplateWarnings(rs.spec?.template, templatePath, old.spec?.template) : [],
};

export const replicaSetStatusStrategy: Strategy<ReplicaSet> = {
  prepareForUpdate(rs, old) {
    carryOver(rs, old, 'spec');
  },
  validateUpdate: (rs) => validateReplicaCountsStatus(rs.status ?? { replicas: 0 }, path('status')),
};
