// PodTemplate (core/v1, upstream pkg/registry/core/podtemplate): a stored pod template. Its
// spec gets the template defaults (not the Pod-only ones), is validated as
// ValidatePodTemplate (`template.spec.containers[0].image: Required value`), warns as workload
// templates do, and bumps generation when the template changes.
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { path } from '../../../../apimachinery/field-errors.ts';
import { deepEqual } from '../../../../apimachinery/object.ts';
import { formatLabels } from '../../../../apimachinery/labels.ts';
import { defineResource } from '../../define.ts';
import { column, nameColumn } from '../../printers/format.ts';
import { defaultPodSpec } from '../shared/pod-spec-defaults.ts';
import { validatePodTemplateSpec } from '../shared/pod-spec-validation.ts';
import { warningsForPodSpec } from '../shared/pod-spec-warnings.ts';

type PodTemplate = core.PodTemplate & { metadata: NonNullable<core.PodTemplate['metadata']> };

/** layoutContainerCells: comma-joined names and images. */
export function containerCells(containers: core.Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

const validate = (t: PodTemplate) => validatePodTemplateSpec(t.template, path('template'));
const warnings = (t: PodTemplate) => warningsForPodSpec(t.template?.spec, t.template?.metadata, path('template'));

export const podTemplateResource = defineResource<PodTemplate>({
  group: '',
  version: 'v1',
  kind: 'PodTemplate',
  resource: 'podtemplates',
  namespaced: true,
  defaults(t) {
    t.template ??= {};
    t.template.spec ??= {} as core.PodSpec;
    defaultPodSpec(t.template.spec);
  },
  strategy: {
    prepareForCreate(t) {
      t.metadata.generation = 1;
    },
    prepareForUpdate(t, old) {
      if (!deepEqual(t.template, old.template)) t.metadata.generation = (old.metadata.generation ?? 0) + 1;
    },
    validate,
    validateUpdate: validate,
    warningsOnCreate: warnings,
    warningsOnUpdate: (t, old) => (deepEqual(t.template, old.template) ? [] : warnings(t)),
    allowUnconditionalUpdate: true,
  },
  printer: {
    columns: [
      nameColumn,
      column('Containers', 'string', 'Names of each container in the template.'),
      column('Images', 'string', 'Images referenced by each container in the template.'),
      column('Pod Labels', 'string', 'The labels for the pod template.'),
    ],
    cells: (t) => [t.metadata.name, ...containerCells(t.template?.spec?.containers), formatLabels(t.template?.metadata?.labels)],
  },
});
