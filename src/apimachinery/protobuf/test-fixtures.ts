// Test support: request bodies captured from the real kubectl 1.32 (`-v=9` hex dumps) next to
// the Go JSON of the same objects (kubectl's own `--dry-run=client -o json`), and helpers.
import { readFileSync } from 'node:fs';

export interface KubectlBody {
  command: string;
  goJsonFrom: string;
  /** The protobuf request body, hex. */
  body: string;
  /** What Go's JSON encoder writes for the object kubectl sent. */
  goJson: Record<string, unknown>;
}

export const KUBECTL_BODIES: Record<string, KubectlBody> = JSON.parse(
  readFileSync(new URL('./testdata/kubectl-1.32-bodies.json', import.meta.url), 'utf8'),
) as Record<string, KubectlBody>;

/** Go's null means absent in a decoded object; drops nulls in objects, keeping key order. */
export function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = withoutNulls(x);
    return out;
  }
  return v;
}

/** A small deterministic PRNG (mulberry32) so fuzz runs are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
