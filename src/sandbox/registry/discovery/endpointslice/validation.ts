// EndpointSlice validation (pkg/apis/discovery/validation): address type, up to 1000 endpoints
// of 1 to 100 addresses each, 100 ports; addressType is immutable.
import { fieldErrors as fe, type FieldError, type FieldPath, path } from '../../../../apimachinery/field-errors.ts';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '../../../../apimachinery/validation/names.ts';
import { nameFuncs, validateLabels } from '../../../../apimachinery/validation/object-meta.ts';
import { validateIPv4Address, validateIPv6Address, validateNonSpecialIP } from '../../core/shared/ip-address.ts';
import { validateImmutableField } from '../../core/shared/immutable.ts';
import type { EndpointSlice } from './types.ts';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 100;
const MAX_ENDPOINTS = 1000;
const MAX_HINTS = 8;

/** validation.IsFullyQualifiedDomainName. */
export function validateFQDN(fld: FieldPath, name: string): FieldError[] {
  if (name.length === 0) return [fe.required(fld, '')];
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  const sub = isDNS1123Subdomain(n);
  if (sub.length) return [fe.invalid(fld, n, sub.join(','))];
  const labels = n.split('.');
  if (labels.length < 2) return [fe.invalid(fld, n, 'should be a domain with at least two segments separated by dots')];
  for (const label of labels) {
    const e = isDNS1123Label(label);
    if (e.length) return [fe.invalid(fld, label, e.join(','))];
  }
  return [];
}

function validateEndpoints(slice: EndpointSlice): FieldError[] {
  const endpoints = slice.endpoints ?? [];
  const fld = path('endpoints');
  if (endpoints.length > MAX_ENDPOINTS) return [fe.tooMany(fld, endpoints.length, MAX_ENDPOINTS)];
  const errs: FieldError[] = [];
  endpoints.forEach((ep, i) => {
    const p = fld.index(i);
    const ap = p.child('addresses');
    const addresses = ep.addresses ?? [];
    if (addresses.length === 0) errs.push(fe.required(ap, 'must contain at least 1 address'));
    else if (addresses.length > MAX_ADDRESSES) errs.push(fe.tooMany(ap, addresses.length, MAX_ADDRESSES));
    addresses.forEach((a, j) => {
      const q = ap.index(j);
      if (slice.addressType === 'IPv4') {
        const e = validateIPv4Address(q, a);
        errs.push(...(e.length ? e : validateNonSpecialIP(a, q)));
      } else if (slice.addressType === 'IPv6') {
        const e = validateIPv6Address(q, a);
        errs.push(...(e.length ? e : validateNonSpecialIP(a, q)));
      } else if (slice.addressType === 'FQDN') {
        errs.push(...validateFQDN(q, a));
      }
    });
    if (ep.nodeName !== undefined) for (const m of nameFuncs.subdomain(ep.nodeName, false)) errs.push(fe.invalid(p.child('nodeName'), ep.nodeName, m));
    const topology = ep.deprecatedTopology ?? {};
    if (Object.keys(topology).length > MAX_TOPOLOGY_LABELS) errs.push(fe.tooMany(p.child('deprecatedTopology'), Object.keys(topology).length, MAX_TOPOLOGY_LABELS));
    errs.push(...validateLabels(topology, p.child('deprecatedTopology')));
    if (ep.zone !== undefined) for (const m of isValidLabelValue(ep.zone)) errs.push(fe.invalid(p.child('zone'), ep.zone, m));
    if (ep.hostname !== undefined) for (const m of isDNS1123Label(ep.hostname)) errs.push(fe.invalid(p.child('hostname'), ep.hostname, m));
    const zones = ep.hints?.forZones ?? [];
    if (zones.length > MAX_HINTS) errs.push(fe.tooMany(p.child('hints', 'forZones'), zones.length, MAX_HINTS));
    const seen = new Set<string>();
    zones.forEach((z, k) => {
      const zp = p.child('hints', 'forZones').index(k).child('name');
      if (seen.has(z.name)) errs.push(fe.duplicate(zp, z.name));
      else for (const m of isValidLabelValue(z.name)) errs.push(fe.invalid(zp, z.name, m));
      seen.add(z.name);
    });
  });
  return errs;
}

function validatePorts(slice: EndpointSlice): FieldError[] {
  const ports = slice.ports ?? [];
  const fld = path('ports');
  if (ports.length > MAX_PORTS) return [fe.tooMany(fld, ports.length, MAX_PORTS)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = fld.index(i);
    const name = port.name ?? '';
    if (name) for (const m of isDNS1123Label(name)) errs.push(fe.invalid(p.child('name'), name, m));
    if (names.has(name)) errs.push(fe.duplicate(p.child('name'), name));
    else names.add(name);
    if (!port.protocol) errs.push(fe.required(p.child('protocol'), ''));
    else if (!PROTOCOLS.includes(port.protocol)) errs.push(fe.notSupported(p.child('protocol'), port.protocol, PROTOCOLS));
    if (port.appProtocol !== undefined) for (const m of isQualifiedName(port.appProtocol)) errs.push(fe.invalid(p.child('appProtocol'), port.appProtocol, m));
  });
  return errs;
}

function validateAddressType(slice: EndpointSlice, allowed: string[]): FieldError[] {
  if (!slice.addressType) return [fe.required(path('addressType'), '')];
  if (!allowed.includes(slice.addressType)) return [fe.notSupported(path('addressType'), slice.addressType, allowed)];
  return [];
}

export function validateEndpointSlice(slice: EndpointSlice): FieldError[] {
  return [...validateAddressType(slice, ADDRESS_TYPES), ...validateEndpoints(slice), ...validatePorts(slice)];
}

export function validateEndpointSliceUpdate(slice: EndpointSlice, old: EndpointSlice): FieldError[] {
  return [
    ...validateAddressType(slice, ['FQDN', 'IP', 'IPv4', 'IPv6']),
    ...validateEndpoints(slice),
    ...validatePorts(slice),
    ...validateImmutableField(slice.addressType, old.addressType, path('addressType')),
  ];
}
