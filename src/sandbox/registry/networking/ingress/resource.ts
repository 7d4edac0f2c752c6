// Ingress (pkg/registry/networking/ingress): status is written only through /status, generation
// follows the spec, validation and warnings as upstream, and upstream's table.
import type * as api from '../../../../generated/k8s/networking/v1.ts';
import { defineResource } from '../../define.ts';
import { generationOnCreate, generationOnUpdate } from '../spec-generation.ts';
import { ingressPrinter } from './printer.ts';
import { ingressWarnings, validateIngressCreate, validateIngressStatusUpdate, validateIngressUpdate } from './validation.ts';

type Ingress = api.Ingress & { metadata: NonNullable<api.Ingress['metadata']> };

export const ingressResource = defineResource<Ingress>({
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'Ingress',
  resource: 'ingresses',
  namespaced: true,
  shortNames: ['ing'],
  strategy: {
    prepareForCreate(ing) {
      ing.status = { loadBalancer: {} };
      generationOnCreate(ing);
    },
    prepareForUpdate(ing, old) {
      if (old.status === undefined) delete ing.status;
      else ing.status = old.status;
      generationOnUpdate(ing, old);
    },
    validate: (ing) => validateIngressCreate(ing),
    validateUpdate: (ing, old) => validateIngressUpdate(ing, old),
    warningsOnCreate: (ing) => ingressWarnings(ing),
  },
  statusStrategy: {
    prepareForUpdate(ing, old) {
      if (old.spec === undefined) delete ing.spec;
      else ing.spec = old.spec;
    },
    validateUpdate: (ing, old) => validateIngressStatusUpdate(ing, old),
  },
  printer: ingressPrinter,
});
