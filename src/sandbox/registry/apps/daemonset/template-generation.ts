// The DaemonSet's internal spec.templateGeneration, which apps/v1 carries in the
// `deprecated.daemonset.template.generation` annotation (pkg/apis/apps/v1/conversion.go).
import type { DaemonSet } from './types.ts';

export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

export function templateGeneration(ds: DaemonSet): number {
  const raw = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  return raw !== undefined && /^[+-]?\d+$/.test(raw) ? Number.parseInt(raw, 10) : 0;
}

export function setTemplateGeneration(ds: DaemonSet, value: number): void {
  ds.metadata.annotations = { ...ds.metadata.annotations, [TEMPLATE_GENERATION_ANNOTATION]: String(value) };
}
