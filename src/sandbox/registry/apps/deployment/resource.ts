// Deployment (apps/v1, pkg/registry/apps/deployment): defaults, strategy, status and scale
// subresources, and the table printer.
import { defineResource } from '../../define.ts';
import { defaultDeployment } from './defaults.ts';
import { deploymentPrinter } from './printer.ts';
import { deploymentStatusStrategy, deploymentStrategy } from './strategy.ts';
import type { Deployment } from './types.ts';

export const deploymentResource = defineResource<Deployment>({
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  resource: 'deployments',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  defaults: defaultDeployment,
  strategy: deploymentStrategy,
  statusStrategy: deploymentStatusStrategy,
  scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.spec.selector' },
  printer: deploymentPrinter,
});
