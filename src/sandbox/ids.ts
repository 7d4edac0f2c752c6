// Identifiers: object uids and generateName suffixes. Injected so tests can be deterministic.
import { createHash, randomUUID } from 'node:crypto';
import type { IdSource } from './registry/types.ts';

/** upstream utilrand alphanums: no vowels (no words), no confusable 0/1/3. */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export const randomIds: IdSource = {
  // randomUUID returns a rope of ~20 concatenated pieces (≈490 bytes kept per uid); reading a
  // character flattens it to one 36-character string (≈60 bytes) before it is stored.
  uid: () => {
    const u = randomUUID();
    u.charCodeAt(0);
    return u;
  },
  suffix(n = 5) {
    let s = '';
    for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
    return s;
  },
};

/** A deterministic source: the same seed gives the same sequence (tests, reproducible bootstrap). */
export function seededIds(seed: string): IdSource {
  let counter = 0;
  const next = () => createHash('sha256').update(`${seed}:${counter++}`).digest();
  return {
    uid() {
      const b = next();
      b[6] = (b[6]! & 0x0f) | 0x40;
      b[8] = (b[8]! & 0x3f) | 0x80;
      const h = b.subarray(0, 16).toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    },
    suffix(n = 5) {
      const b = next();
      let s = '';
      for (let i = 0; i < n; i++) s += ALPHABET[b[i]! % ALPHABET.length];
      return s;
    },
  };
}
