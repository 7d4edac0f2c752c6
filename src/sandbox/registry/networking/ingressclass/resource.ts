// IngressClass (pkg/registry/networking/ingressclass): the controller is a domain-prefixed path
// and immutable, parameters reference a cluster or namespace resource; NAME CONTROLLER
// PARAMETERS AGE.
import { fieldErrors as fe, type FieldError, path } from '../../../../apimachinery/field-errors.ts';
import { isDNS1123Label, isDNS1123Subdomain } from '../../../../apimachinery/validation/names.ts';
import { validatePathSegmentName } from '../../../../apimachinery/validation/object-meta.ts';
import type * as api from '../../../../generated/k8s/networking/v1.ts';
import { defineResource } from '../../define.ts';
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import { isDomainPrefixedPath } from '../net-validation.ts';
import { generationOnCreate, generationOnUpdate } from '../spec-generation.ts';

type IngressClass = api.IngressClass & { metadata: NonNullable<api.IngressClass['metadata']> };

const MAX_CONTROLLER_LENGTH = 250;
const SCOPES = ['Cluster', 'Namespace'];

function validateParameters(p: api.IngressClassParametersReference | undefined): FieldError[] {
  if (!p) return [];
  const fld = path('spec', 'parameters');
  const errs: FieldError[] = [];
  if (p.apiGroup !== undefined) for (const m of isDNS1123Subdomain(p.apiGroup)) errs.push(fe.invalid(fld.child('apiGroup'), p.apiGroup, m));
  if (!p.kind) errs.push(fe.required(fld.child('kind')));
  else for (const m of validatePathSegmentName(p.kind, false)) errs.push(fe.invalid(fld.child('kind'), p.kind, m));
  if (!p.name) errs.push(fe.required(fld.child('name')));
  else for (const m of validatePathSegmentName(p.name, false)) errs.push(fe.invalid(fld.child('name'), p.name, m));
  if (p.scope === undefined) {
    errs.push(fe.required(fld.child('scope')));
    return errs;
  }
  if (!SCOPES.includes(p.scope)) errs.push(fe.notSupported(fld.child('scope'), p.scope, SCOPES));
  else if (p.scope === 'Namespace') {
    if (p.namespace === undefined) errs.push(fe.required(fld.child('namespace'), "`parameters.scope` is set to 'Namespace'"));
    else for (const m of isDNS1123Label(p.namespace)) errs.push(fe.invalid(fld.child('namespace'), p.namespace, m));
  } else if (p.namespace !== undefined) {
    errs.push(fe.forbidden(fld.child('namespace'), "`parameters.scope` is set to 'Cluster'"));
  }
  return errs;
}

export function validateIngressClass(ic: IngressClass): FieldError[] {
  const controller = ic.spec?.controller ?? '';
  const fld = path('spec', 'controller');
  const errs: FieldError[] = [];
  if (!controller) errs.push(fe.required(fld));
  else {
    if (controller.length > MAX_CONTROLLER_LENGTH) errs.push(fe.tooLong(fld, '', MAX_CONTROLLER_LENGTH));
    errs.push(...isDomainPrefixedPath(fld, controller));
  }
  errs.push(...validateParameters(ic.spec?.parameters));
  return errs;
}

function formatParameters(p: api.IngressClassParametersReference | undefined): string {
  if (!p) return '<none>';
  return `${p.kind}${p.apiGroup !== undefined ? `.${p.apiGroup}` : ''}/${p.name}`;
}

export const ingressClassResource = defineResource<IngressClass>({
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'IngressClass',
  resource: 'ingressclasses',
  namespaced: false,
  defaults(ic) {
    if (ic.spec?.parameters && ic.spec.parameters.scope === undefined) ic.spec.parameters.scope = 'Cluster';
  },
  strategy: {
    prepareForCreate: (ic) => generationOnCreate(ic),
    prepareForUpdate: (ic, old) => generationOnUpdate(ic, old),
    validate: validateIngressClass,
    validateUpdate(ic, old) {
      const errs: FieldError[] = [];
      if ((ic.spec?.controller ?? '') !== (old.spec?.controller ?? '')) {
        errs.push(fe.invalid(path('spec', 'controller'), ic.spec?.controller ?? '', 'field is immutable'));
      }
      return [...errs, ...validateIngressClass(ic)];
    },
  },
  printer: {
    columns: [
      nameColumn,
      column('Controller', 'string', 'Controller that is responsible for handling this class'),
      column('Parameters', 'string', 'A reference to a resource with additional parameters'),
      ageColumn,
    ],
    cells: (ic, ctx) => [ic.metadata.name, ic.spec?.controller ?? '', formatParameters(ic.spec?.parameters), age(ic.metadata.creationTimestamp, ctx.now)],
  },
});
