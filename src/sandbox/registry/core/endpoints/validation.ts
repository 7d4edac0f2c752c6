// Endpoints validation (ValidateEndpoints and validateEndpointSubsets).
import { fieldErrors as fe, type FieldError, type FieldPath, path } from '../../../../apimachinery/field-errors.ts';
import { isDNS1123Label, isQualifiedName, isValidPortNum } from '../../../../apimachinery/validation/names.ts';
import { nameFuncs } from '../../../../apimachinery/validation/object-meta.ts';
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';
import { validateIP, validateNonSpecialIP } from '../shared/ip-address.ts';
import type { Endpoints } from './types.ts';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateAddress(a: corev1.EndpointAddress, fld: FieldPath): FieldError[] {
  const errs = validateIP(fld.child('ip'), a.ip ?? '');
  if (a.hostname) for (const m of isDNS1123Label(a.hostname)) errs.push(fe.invalid(fld.child('hostname'), a.hostname, m));
  if (a.nodeName !== undefined) for (const m of nameFuncs.subdomain(a.nodeName, false)) errs.push(fe.invalid(fld.child('nodeName'), a.nodeName, m));
  errs.push(...validateNonSpecialIP(a.ip ?? '', fld.child('ip')));
  return errs;
}

function validatePort(p: corev1.EndpointPort, requireName: boolean, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(fe.required(fld.child('name'), ''));
  else if (p.name) for (const m of isDNS1123Label(p.name)) errs.push(fe.invalid(fld.child('name'), p.name, m));
  for (const m of isValidPortNum(p.port ?? 0)) errs.push(fe.invalid(fld.child('port'), p.port ?? 0, m));
  if (!p.protocol) errs.push(fe.required(fld.child('protocol'), ''));
  else if (!PROTOCOLS.includes(p.protocol)) errs.push(fe.notSupported(fld.child('protocol'), p.protocol, PROTOCOLS));
  if (p.appProtocol !== undefined) for (const m of isQualifiedName(p.appProtocol)) errs.push(fe.invalid(fld.child('appProtocol'), p.appProtocol, m));
  return errs;
}

export function validateEndpoints(ep: Endpoints): FieldError[] {
  const errs: FieldError[] = [];
  (ep.subsets ?? []).forEach((ss, i) => {
    const p = path('subsets').index(i);
    if ((ss.addresses ?? []).length === 0 && (ss.notReadyAddresses ?? []).length === 0) {
      errs.push(fe.required(p, 'must specify `addresses` or `notReadyAddresses`'));
    }
    (ss.addresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, p.child('addresses').index(j))));
    (ss.notReadyAddresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, p.child('notReadyAddresses').index(j))));
    const ports = ss.ports ?? [];
    ports.forEach((port, j) => errs.push(...validatePort(port, ports.length > 1, p.child('ports').index(j))));
  });
  return errs;
}
