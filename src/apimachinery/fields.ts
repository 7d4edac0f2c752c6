// Field selectors (k8s.io/apimachinery/pkg/fields): `metadata.name=x,status.phase!=Running`.
// Only =, == and != exist; values may escape `\`, `,` and `=` with a backslash.

export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

export class FieldSelectorParseError extends Error {}

export class FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[]) {}

  isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  matches(fields: Readonly<Record<string, string>>): boolean {
    for (const r of this.requirements) {
      const v = fields[r.field] ?? '';
      if (r.operator === '=' ? v !== r.value : v === r.value) return false;
    }
    return true;
  }

  /** The value a requirement pins `field` to, if any (`metadata.name=x`). */
  requiresExactMatch(field: string): string | undefined {
    for (const r of this.requirements) if (r.field === field && r.operator === '=') return r.value;
    return undefined;
  }

  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeValue(r.value)}`).join(',');
  }
}

function escapeValue(v: string): string {
  return v.replace(/[\\,=]/g, (c) => `\\${c}`);
}

function splitTerms(input: string): string[] {
  const terms: string[] = [];
  let cur = '';
  let escaped = false;
  for (const c of input) {
    if (escaped) {
      cur += `\\${c}`;
      escaped = false;
    } else if (c === '\\') escaped = true;
    else if (c === ',') {
      terms.push(cur);
      cur = '';
    } else cur += c;
  }
  if (escaped) cur += '\\';
  terms.push(cur);
  return terms;
}

function unescape(v: string): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === '\\') {
      const n = v[i + 1];
      if (n === '\\' || n === ',' || n === '=') {
        out += n;
        i++;
        continue;
      }
      throw new FieldSelectorParseError(`invalid field selector: invalid escape sequence: \\${n ?? ''}`);
    }
    if (c === ',' || c === '=') throw new FieldSelectorParseError(`invalid field selector: unescaped ${c}`);
    out += c;
  }
  return out;
}

export function parseFieldSelector(input: string): FieldSelector {
  const reqs: FieldRequirement[] = [];
  if (input.trim() === '') return new FieldSelector([]);
  for (const term of splitTerms(input)) {
    if (term === '') continue;
    let m: RegExpExecArray | null;
    let op: '=' | '!=';
    let field: string;
    let value: string;
    if ((m = /^([^=!]*)!=(.*)$/.exec(term))) {
      op = '!=';
      field = m[1]!;
      value = m[2]!;
    } else if ((m = /^([^=!]*)==(.*)$/.exec(term))) {
      op = '=';
      field = m[1]!;
      value = m[2]!;
    } else if ((m = /^([^=!]*)=(.*)$/.exec(term))) {
      op = '=';
      field = m[1]!;
      value = m[2]!;
    } else {
      throw new FieldSelectorParseError(`invalid selector: '${input}'; can't understand '${term}'`);
    }
    reqs.push({ field: field.trim(), operator: op, value: unescape(value) });
  }
  return new FieldSelector(reqs);
}
