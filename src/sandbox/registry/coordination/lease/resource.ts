// Lease (pkg/registry/coordination/lease): validation with upstream's messages and the table
// `kubectl get leases` prints (NAME HOLDER AGE).
import { fieldErrors as fe, type FieldError, path } from '../../../../apimachinery/field-errors.ts';
import { isQualifiedName } from '../../../../apimachinery/validation/names.ts';
import type * as api from '../../../../generated/k8s/coordination/v1.ts';
import { defineResource } from '../../define.ts';
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';

type Lease = api.Lease & { metadata: NonNullable<api.Lease['metadata']> };

const STRATEGIES = ['OldestEmulationVersion'];

export function validateLeaseSpec(spec: api.LeaseSpec | undefined): FieldError[] {
  const s = spec ?? {};
  const fld = path('spec');
  const errs: FieldError[] = [];
  if (s.leaseDurationSeconds !== undefined && s.leaseDurationSeconds <= 0) {
    errs.push(fe.invalid(fld.child('leaseDurationSeconds'), s.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (s.leaseTransitions !== undefined && s.leaseTransitions < 0) {
    errs.push(fe.invalid(fld.child('leaseTransitions'), s.leaseTransitions, 'must be greater than or equal to 0'));
  }
  if (s.strategy !== undefined) {
    if (!s.strategy.includes('/')) {
      if (!STRATEGIES.includes(s.strategy)) errs.push(fe.notSupported(fld.child('strategy'), s.strategy, STRATEGIES));
    } else {
      for (const m of isQualifiedName(s.strategy)) errs.push(fe.invalid(fld.child('strategy'), s.strategy, m));
    }
  }
  if (s.preferredHolder && !s.strategy) errs.push(fe.forbidden(fld.child('preferredHolder'), 'may only be specified if `strategy` is defined'));
  return errs;
}

export const leaseResource = defineResource<Lease>({
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  resource: 'leases',
  namespaced: true,
  strategy: {
    validate: (l) => validateLeaseSpec(l.spec),
    validateUpdate: (l) => validateLeaseSpec(l.spec),
  },
  printer: {
    columns: [
      nameColumn,
      column('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.'),
      ageColumn,
    ],
    cells: (l, ctx) => [l.metadata.name, l.spec?.holderIdentity ?? '', age(l.metadata.creationTimestamp, ctx.now)],
  },
});
