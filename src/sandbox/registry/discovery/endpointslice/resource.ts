// EndpointSlice (discovery.k8s.io/v1, pkg/registry/discovery/endpointslice): generation starts
// at 1 and moves with every change beyond metadata (or to labels).
import { deepEqual } from '../../../../apimachinery/object.ts';
import { defineResource } from '../../define.ts';
import { endpointSlicePrinter } from './printer.ts';
import type { EndpointSlice } from './types.ts';
import { validateEndpointSlice, validateEndpointSliceUpdate } from './validation.ts';

function withoutMeta(s: EndpointSlice): Record<string, unknown> {
  const { metadata: _m, apiVersion: _a, kind: _k, ...rest } = s;
  return rest;
}

function addressTypeWarnings(s: EndpointSlice): string[] {
  return s.addressType === 'IP' ? ['addressType: IP type is deprecated, please use IPv4 or IPv6'] : [];
}

export const endpointSliceResource = defineResource<EndpointSlice>({
  group: 'discovery.k8s.io',
  version: 'v1',
  kind: 'EndpointSlice',
  resource: 'endpointslices',
  namespaced: true,
  defaults(s) {
    for (const p of s.ports ?? []) {
      p.protocol ||= 'TCP';
      p.name ??= '';
    }
  },
  strategy: {
    prepareForCreate(s) {
      s.metadata.generation = 1;
    },
    prepareForUpdate(s, old) {
      const changed = !deepEqual(withoutMeta(s), withoutMeta(old)) || !deepEqual(s.metadata.labels ?? {}, old.metadata.labels ?? {});
      s.metadata.generation = (old.metadata.generation ?? 0) + (changed ? 1 : 0);
    },
    validate: (s) => validateEndpointSlice(s),
    validateUpdate: (s, old) => validateEndpointSliceUpdate(s, old),
    warningsOnCreate: addressTypeWarnings,
    warningsOnUpdate: addressTypeWarnings,
  },
  printer: endpointSlicePrinter,
});
