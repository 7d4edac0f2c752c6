// Secret (core/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/core/v1.ts';
import { defineResource } from '../../define.ts';

type Secret = api.Secret & { metadata: NonNullable<api.Secret['metadata']> };

export const secretResource = defineResource<Secret>({
  group: '',
  version: 'v1',
  kind: 'Secret',
  resource: 'secrets',
  namespaced: true,
});
