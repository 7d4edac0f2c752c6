// Resource lists as quota counts them (upstream k8s.io/apiserver/pkg/quota/v1/resources.go):
// name → Quantity, with the set operations quota admission and the quota controller share, and
// upstream's printing for error messages (`pods=1,requests.cpu=500m`, names sorted).
import { Quantity } from '../../../apimachinery/quantity.ts';

export type ResourceList = Map<string, Quantity>;

/** Parses a stored `name: "quantity"` map; unparsable values are skipped (validation rejects them). */
export function parseResourceList(list: Record<string, string> | undefined): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    if (Quantity.isValid(v)) out.set(k, Quantity.parse(v));
  }
  return out;
}

export function toRecord(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...list.keys()].sort()) out[k] = list.get(k)!.toString();
  return out;
}

/** Quantity.Add as Go does it: a zero takes the other operand's format (0 + 1Gi prints `1Gi`). */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return a.isZero() ? b : a.add(b);
}

/** Add: every name of either list, summed where both have it. */
export function add(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of a) {
    const other = b.get(k);
    out.set(k, other ? addQuantity(v, other) : v);
  }
  for (const [k, v] of b) if (!out.has(k)) out.set(k, v);
  return out;
}

/** SubtractWithNonNegativeResult: a − b per name of a, never below zero; names only in b count as zero. */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const zero = Quantity.fromInt(0);
  const out: ResourceList = new Map();
  for (const [k, v] of a) {
    const other = b.get(k);
    const diff = other ? v.sub(other) : v;
    out.set(k, diff.sign() < 0 ? zero : diff);
  }
  for (const k of b.keys()) if (!out.has(k)) out.set(k, zero);
  return out;
}

/** Mask: only the given names. */
export function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = new Map();
  for (const n of names) {
    const v = list.get(n);
    if (v) out.set(n, v);
  }
  return out;
}

export function removeZeros(list: ResourceList): ResourceList {
  return new Map([...list].filter(([, v]) => !v.isZero()));
}

/** Names with a negative value. */
export function negativeNames(list: ResourceList): string[] {
  return [...list].filter(([, v]) => v.sign() < 0).map(([k]) => k);
}

/** LessThanOrEqual: the names where a exceeds b (names missing from either side are not compared). */
export function exceeding(a: ResourceList, b: ResourceList): string[] {
  const out: string[] = [];
  for (const [k, limit] of b) {
    const v = a.get(k);
    if (v && v.cmp(limit) > 0) out.push(k);
  }
  return out;
}

/** Semantic equality (`1000m` equals `1`). */
export function equals(a: ResourceList, b: ResourceList): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const other = b.get(k);
    if (!other || other.cmp(v) !== 0) return false;
  }
  return true;
}

/** prettyPrint: `name=value` pairs in name order, comma-separated. */
export function prettyPrint(list: ResourceList): string {
  return [...list.keys()]
    .sort()
    .map((k) => `${k}=${list.get(k)!.toString()}`)
    .join(',');
}
