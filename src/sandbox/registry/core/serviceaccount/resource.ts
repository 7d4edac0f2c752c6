// ServiceAccount (pkg/registry/core/serviceaccount), with its `token` subresource.
import { defineResource } from '../../define.ts';
import { serviceAccountPrinter } from './printer.ts';
import { serviceAccountStrategy } from './strategy.ts';
import { tokenSubresource } from './token.ts';
import type { ServiceAccount } from './types.ts';

export const serviceAccountResource = defineResource<ServiceAccount>({
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  resource: 'serviceaccounts',
  namespaced: true,
  shortNames: ['sa'],
  strategy: serviceAccountStrategy,
  printer: serviceAccountPrinter,
  subresources: { token: tokenSubresource },
});
