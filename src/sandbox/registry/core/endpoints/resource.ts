// Endpoints (pkg/registry/core/endpoint): deprecated since v1.33 in favour of EndpointSlices;
// every request to it carries upstream's deprecation warning.
import { defineResource } from '../../define.ts';
import { endpointsPrinter } from './printer.ts';
import type { Endpoints } from './types.ts';
import { validateEndpoints } from './validation.ts';

export const ENDPOINTS_DEPRECATION = 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice';

export const endpointsResource = defineResource<Endpoints>({
  group: '',
  version: 'v1',
  kind: 'Endpoints',
  resource: 'endpoints',
  namespaced: true,
  shortNames: ['ep'],
  defaults(ep) {
    for (const ss of ep.subsets ?? []) for (const p of ss.ports ?? []) p.protocol ||= 'TCP';
  },
  strategy: {
    allowCreateOnUpdate: true,
    validate: (ep) => validateEndpoints(ep),
    validateUpdate: (ep) => validateEndpoints(ep),
  },
  printer: endpointsPrinter,
  deprecationWarning: ENDPOINTS_DEPRECATION,
});
