// PodTemplate (core/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/core/v1.ts';
import { defineResource } from '../../define.ts';

type PodTemplate = api.PodTemplate & { metadata: NonNullable<api.PodTemplate['metadata']> };

export const podTemplateResource = defineResource<PodTemplate>({
  group: '',
  version: 'v1',
  kind: 'PodTemplate',
  resource: 'podtemplates',
  namespaced: true,
});
