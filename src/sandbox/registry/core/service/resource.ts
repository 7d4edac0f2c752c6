// Service (pkg/registry/core/service): ClusterIP, NodePort, LoadBalancer, ExternalName and
// headless Services, with clusterIPs from 10.96.0.0/12 and nodePorts from 30000-32767.
import { defineResource } from '../../define.ts';
import { setServiceDefaults } from './defaults.ts';
import { servicePrinter } from './printer.ts';
import { serviceStatusStrategy, serviceStrategy } from './strategy.ts';
import type { Service } from './types.ts';

export const serviceResource = defineResource<Service>({
  group: '',
  version: 'v1',
  kind: 'Service',
  resource: 'services',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  nameValidation: 'dns1035',
  verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
  defaults: setServiceDefaults,
  strategy: serviceStrategy,
  statusStrategy: serviceStatusStrategy,
  printer: servicePrinter,
  fieldLabels: (svc) => ({ 'spec.clusterIP': svc.spec?.clusterIP ?? '', 'spec.type': svc.spec?.type ?? '' }),
});
