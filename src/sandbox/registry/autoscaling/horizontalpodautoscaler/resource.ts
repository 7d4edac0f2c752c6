// HorizontalPodAutoscaler (autoscaling/v2, the storage and preferred version;
// pkg/registry/autoscaling/horizontalpodautoscaler): defaults, strategy, status subresource and
// the table printer.
import { defineResource } from '../../define.ts';
import { defaultHPA } from './defaults.ts';
import { hpaPrinter } from './printer.ts';
import { hpaStatusStrategy, hpaStrategy } from './strategy.ts';
import type { HPA } from './types.ts';

export const horizontalPodAutoscalerResource = defineResource<HPA>({
  group: 'autoscaling',
  version: 'v2',
  kind: 'HorizontalPodAutoscaler',
  resource: 'horizontalpodautoscalers',
  namespaced: true,
  shortNames: ['hpa'],
  categories: ['all'],
  defaults: defaultHPA,
  strategy: hpaStrategy,
  statusStrategy: hpaStatusStrategy,
  printer: hpaPrinter,
});
