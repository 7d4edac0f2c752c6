// LimitRange (core/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/core/v1.ts';
import { defineResource } from '../../define.ts';

type LimitRange = api.LimitRange & { metadata: NonNullable<api.LimitRange['metadata']> };

export const limitRangeResource = defineResource<LimitRange>({
  group: '',
  version: 'v1',
  kind: 'LimitRange',
  resource: 'limitranges',
  namespaced: true,
  shortNames: ['limits'],
});
