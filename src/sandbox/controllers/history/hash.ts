// The hashes behind ControllerRevision names (upstream pkg/controller/history and
// k8s.io/apimachinery/pkg/util/rand): FNV-32 over the revision's raw data, with the collision
// count appended in decimal, printed in decimal and re-encoded with SafeEncodeString so names
// like `db-7b9c5d8f4` match what a real cluster produces for the same bytes.

const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;
const encoder = new TextEncoder();

/** hash/fnv New32 (FNV-1: multiply, then xor). */
export function fnv32(data: string | Uint8Array, seed = FNV_OFFSET): number {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  let h = seed >>> 0;
  for (const b of bytes) h = (Math.imul(h, FNV_PRIME) ^ b) >>> 0;
  return h;
}

/** hash/fnv New32a (FNV-1a: xor, then multiply). */
export function fnv32a(data: string | Uint8Array, seed = FNV_OFFSET): number {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  let h = seed >>> 0;
  for (const b of bytes) h = Math.imul(h ^ b, FNV_PRIME) >>> 0;
  return h;
}

// Consonants and digits without vowels or look-alikes, so encoded strings spell no words.
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString: each byte of `s` mapped onto the safe alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const b of encoder.encode(s)) out += ALPHANUMS[b % ALPHANUMS.length];
  return out;
}

/** history.HashControllerRevision over the revision's raw data (Data.Raw), with an optional collision probe. */
export function hashControllerRevision(raw: string, collisionCount?: number): string {
  let h = fnv32(raw);
  if (collisionCount !== undefined) h = fnv32(String(collisionCount), h);
  return safeEncodeString(String(h));
}

/** history.ControllerRevisionName: `<prefix>-<hash>`, the prefix cut to 223 bytes. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/** encoding/json Marshal of decoded JSON: map keys sorted, HTML characters escaped as Go does. */
export function goJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

/**
 * controller.ComputeHash (DaemonSet revision names and pod hashes): FNV-32a over the pod template
 * and, when set, the collision count as 4 little-endian bytes in an 8-byte buffer. Upstream hashes
 * Go's spew dump of the template struct; we hash its canonical JSON, so names have upstream's
 * form and stability but not its exact characters.
 */
export function computeTemplateHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(goJson(template ?? {}));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(bytes, h);
  }
  return safeEncodeString(String(h));
}
