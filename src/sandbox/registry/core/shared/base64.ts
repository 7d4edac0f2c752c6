// Go's encoding/base64 StdEncoding, as encoding/json applies it to []byte fields (Secret data,
// ConfigMap binaryData): what is accepted, where decoding fails, and the decoded length.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

/** `illegal base64 data at input byte N` when Go would reject `s`, otherwise undefined. */
export function base64Error(s: string): string | undefined {
  const corrupt = (n: number) => `illegal base64 data at input byte ${n}`;
  let si = 0;
  const nl = (i: number) => s[i] === '\n' || s[i] === '\r';
  while (si < s.length) {
    for (let j = 0; j < 4; j++) {
      if (si === s.length) {
        if (j === 0) return undefined;
        return corrupt(si - j);
      }
      const ch = s[si++]!;
      if (VALUE.has(ch)) continue;
      if (ch === '\n' || ch === '\r') {
        j--;
        continue;
      }
      if (ch !== '=') return corrupt(si - 1);
      // Padding: only valid in the last two positions of the final quantum.
      if (j === 0 || j === 1) return corrupt(si - 1);
      if (j === 2) {
        while (si < s.length && nl(si)) si++;
        if (si === s.length) return corrupt(s.length);
        if (s[si] !== '=') return corrupt(si - 1);
        si++;
      }
      while (si < s.length && nl(si)) si++;
      return si < s.length ? corrupt(si) : undefined;
    }
  }
  return undefined;
}

/** Length in bytes of a valid base64 value once decoded. */
export function decodedLength(s: string): number {
  return Buffer.from(s, 'base64').length;
}
