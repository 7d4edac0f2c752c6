// What Go's json.Unmarshal into a map[string]interface{} says about a document, for messages
// upstream builds from that error (docker config Secrets). Literal and top-level errors match Go;
// errors deep inside a document are approximated from the parser's position.

const LITERALS: Record<string, string> = { t: 'true', f: 'false', n: 'null' };

function literalError(text: string, start: number): string | undefined {
  const word = LITERALS[text[start]!]!;
  for (let i = 1; i < word.length; i++) {
    const ch = text[start + i];
    if (ch === undefined) return 'unexpected end of JSON input';
    if (ch !== word[i]) return `invalid character '${ch}' in literal ${word} (expecting '${word[i]}')`;
  }
  return undefined;
}

/** Go's error for `text`, or undefined when it is a JSON object. */
export function goJSONObjectError(text: string): string | undefined {
  const start = text.search(/\S/);
  if (start < 0) return 'unexpected end of JSON input';
  const first = text[start]!;
  if (first in LITERALS) {
    const e = literalError(text, start);
    if (e) return e;
  } else if (!'{["-0123456789'.includes(first)) {
    return `invalid character '${first}' looking for beginning of value`;
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    const pos = /position (\d+)/.exec((e as Error).message);
    const ch = pos ? text[Number(pos[1])] : undefined;
    return ch === undefined ? 'unexpected end of JSON input' : `invalid character '${ch}' looking for beginning of value`;
  }
  if (v === null || (typeof v === 'object' && !Array.isArray(v))) return undefined;
  const kind = Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v;
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}
