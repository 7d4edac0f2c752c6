// String validators the networking kinds use, with upstream's messages
// (k8s.io/apimachinery/pkg/util/validation and k8s.io/kubernetes/pkg/apis/core/validation).
import { isIP } from 'node:net';
import { fieldErrors as fe, type FieldError, type FieldPath } from '../../../apimachinery/field-errors.ts';
import { isDNS1123Subdomain, maxLenError, regexError } from '../../../apimachinery/validation/names.ts';

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const wildcardFmt = `\\*\\.${dns1123SubdomainFmt}`;
const wildcardRe = new RegExp(`^${wildcardFmt}$`);

/** IsWildcardDNS1123Subdomain: `*.` then a DNS subdomain. */
export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!wildcardRe.test(value)) {
    errs.push(
      regexError(
        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
        wildcardFmt,
        '*.example.com',
      ),
    );
  }
  return errs;
}

const httpPathFmt = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const httpPathRe = new RegExp(`^${httpPathFmt}$`);

/** IsDomainPrefixedPath: `example.com/path`. */
export function isDomainPrefixedPath(fld: FieldPath, value: string): FieldError[] {
  if (value.length === 0) return [fe.required(fld)];
  const slash = value.indexOf('/');
  const host = slash < 0 ? value : value.slice(0, slash);
  const rest = slash < 0 ? '' : value.slice(slash + 1);
  if (slash < 0 || !host || !rest) return [fe.invalid(fld, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const errs = isDNS1123Subdomain(host).map((m) => fe.invalid(fld, host, m));
  if (!httpPathRe.test(rest)) errs.push(fe.invalid(fld, rest, regexError('Invalid path', httpPathFmt)));
  return errs;
}

export interface CIDR {
  family: 4 | 6;
  /** The network address (host bits cleared). */
  network: bigint;
  prefix: number;
}

function ipToBigInt(ip: string): { family: 4 | 6; value: bigint } | undefined {
  const family = isIP(ip);
  if (family === 4) return { family, value: ip.split('.').reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n) };
  if (family !== 6) return undefined;
  let s = ip;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const n = ipToBigInt(v4[1]!)!.value;
    s = `${s.slice(0, -v4[1]!.length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return { family, value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

/** netutils.ParseCIDRSloppy, or undefined when the value is not a CIDR. */
export function parseCIDR(value: string): CIDR | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const addr = ipToBigInt(value.slice(0, slash));
  const bitsText = value.slice(slash + 1);
  if (!addr || !/^\d{1,3}$/.test(bitsText)) return undefined;
  const width = addr.family === 4 ? 32 : 128;
  const prefix = Number(bitsText);
  if (prefix > width) return undefined;
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(width - prefix);
  return { family: addr.family, network: addr.value & mask, prefix };
}

export function cidrContains(outer: CIDR, inner: CIDR): boolean {
  if (outer.family !== inner.family) return false;
  const width = outer.family === 4 ? 32 : 128;
  const mask = outer.prefix === 0 ? 0n : ((1n << BigInt(outer.prefix)) - 1n) << BigInt(width - outer.prefix);
  return (inner.network & mask) === outer.network;
}

/** IsValidCIDRForLegacyField: values an old object already had are accepted unchanged. */
export function validateCIDR(fld: FieldPath, value: string, allowed: readonly string[] = []): FieldError[] {
  if (allowed.includes(value) || parseCIDR(value)) return [];
  return [fe.invalid(fld, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

/** IsValidIPForLegacyField. */
export function validateIP(fld: FieldPath, value: string, allowed: readonly string[] = []): FieldError[] {
  if (allowed.includes(value) || isIP(value)) return [];
  return [fe.invalid(fld, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

export function isIPAddress(value: string): boolean {
  return isIP(value) !== 0;
}
