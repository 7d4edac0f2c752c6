// IP addresses and CIDRs as upstream validates them (k8s.io/apimachinery/pkg/util/validation/ip.go,
// k8s.io/utils/net ParseIPSloppy) and the special ranges Endpoints, EndpointSlices and external IPs
// may not use (ValidateNonSpecialIP in pkg/apis/core/validation).
import { isIPv6 } from 'node:net';
import { fieldErrors as fe, type FieldError, type FieldPath } from '../../../../apimachinery/field-errors.ts';

export type IPFamily = 'IPv4' | 'IPv6';

/** Parses an IPv4 address the way Go's sloppy parser does (leading zeros allowed) into 32 bits. */
export function parseIPv4(value: string): number | undefined {
  const parts = value.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function formatIPv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** The family of a valid IP address, or undefined when `value` is not one. */
export function ipFamilyOf(value: string): IPFamily | undefined {
  if (parseIPv4(value) !== undefined) return 'IPv4';
  if (!value.includes('%') && isIPv6(value)) {
    // An IPv4-mapped IPv6 address is an IPv4 address to Go.
    return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(value) ? 'IPv4' : 'IPv6';
  }
  return undefined;
}

export const IP_EXAMPLE_MESSAGE = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/** validation.IsValidIP. */
export function validateIP(fld: FieldPath, value: string): FieldError[] {
  return ipFamilyOf(value) ? [] : [fe.invalid(fld, value, IP_EXAMPLE_MESSAGE)];
}

/** validation.IsValidIPv4Address. */
export function validateIPv4Address(fld: FieldPath, value: string): FieldError[] {
  return ipFamilyOf(value) === 'IPv4' ? [] : [fe.invalid(fld, value, 'must be a valid IPv4 address')];
}

/** validation.IsValidIPv6Address. */
export function validateIPv6Address(fld: FieldPath, value: string): FieldError[] {
  return ipFamilyOf(value) === 'IPv6' ? [] : [fe.invalid(fld, value, 'must be a valid IPv6 address')];
}

/** validation.IsValidCIDR. */
export function validateCIDR(fld: FieldPath, value: string): FieldError[] {
  const slash = value.indexOf('/');
  const ip = slash < 0 ? '' : value.slice(0, slash);
  const bits = slash < 0 ? '' : value.slice(slash + 1);
  const family = ipFamilyOf(ip);
  const max = family === 'IPv4' ? 32 : 128;
  const ok = family !== undefined && /^\d{1,3}$/.test(bits) && Number(bits) <= max;
  return ok ? [] : [fe.invalid(fld, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

function ipv6Words(value: string): number[] {
  const [head = '', tail] = value.toLowerCase().split('::');
  const parse = (s: string) => (s ? s.split(':') : []).flatMap((w) => {
    const v4 = parseIPv4(w);
    return v4 !== undefined ? [Math.floor(v4 / 65536), v4 % 65536] : [parseInt(w, 16)];
  });
  const h = parse(head);
  const t = tail === undefined ? [] : parse(tail);
  return [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
}

/** ValidateNonSpecialIP: no unspecified, loopback or link-local addresses. */
export function validateNonSpecialIP(value: string, fld: FieldPath): FieldError[] {
  const family = ipFamilyOf(value);
  if (!family) return [fe.invalid(fld, value, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  let unspecified: boolean, loopback: boolean, linkLocal: boolean, linkLocalMulticast: boolean;
  if (family === 'IPv4') {
    const n = parseIPv4(value.replace(/^::ffff:/i, ''))!;
    const a = Math.floor(n / 2 ** 24);
    const b = Math.floor(n / 2 ** 16) % 256;
    const c = Math.floor(n / 2 ** 8) % 256;
    unspecified = n === 0;
    loopback = a === 127;
    linkLocal = a === 169 && b === 254;
    linkLocalMulticast = a === 224 && b === 0 && c === 0;
  } else {
    const w = ipv6Words(value);
    unspecified = w.every((x) => x === 0);
    loopback = w.slice(0, 7).every((x) => x === 0) && w[7] === 1;
    linkLocal = (w[0]! & 0xffc0) === 0xfe80;
    linkLocalMulticast = (w[0]! & 0xff0f) === 0xff02;
  }
  if (unspecified) errs.push(fe.invalid(fld, value, `may not be unspecified (${value})`));
  if (loopback) errs.push(fe.invalid(fld, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (linkLocal) errs.push(fe.invalid(fld, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (linkLocalMulticast) errs.push(fe.invalid(fld, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}
