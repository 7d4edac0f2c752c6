// ControllerRevision (apps/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/apps/v1.ts';
import { defineResource } from '../../define.ts';

type ControllerRevision = api.ControllerRevision & { metadata: NonNullable<api.ControllerRevision['metadata']> };

export const controllerRevisionResource = defineResource<ControllerRevision>({
  group: 'apps',
  version: 'v1',
  kind: 'ControllerRevision',
  resource: 'controllerrevisions',
  namespaced: true,
});
