// An approximation of the go-cmp report (cmp.Diff) upstream appends to "immutable after creation"
// errors of PersistentVolumes and claims: the struct's changed fields as -/+ lines, the rest
// summarized. go-cmp itself randomizes its whitespace, so only the shape can match.
import { deepEqual } from '../../../../apimachinery/object.ts';

export interface GoField {
  json: string;
  go: string;
  /** Pointer fields print `&"x"`; unset pointers and slices print `nil`. */
  pointer?: boolean;
}

/** Fields whose values are Go maps (keys print quoted) rather than structs. */
const MAP_FIELDS = new Set(['requests', 'limits', 'capacity', 'matchLabels', 'labels', 'annotations', 'volumeAttributes', 'options']);

function goLiteral(v: unknown, pointer = false, isMap = false): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return `${pointer ? '&' : ''}"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${pointer ? '&' : ''}${v}`;
  if (Array.isArray(v)) return `{${v.map((x) => goLiteral(x)).join(', ')}}`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  const body = entries
    .map(([k, x]) => (isMap ? `"${k}": ${goLiteral(x)}` : `${k.charAt(0).toUpperCase()}${k.slice(1)}: ${goLiteral(x, false, MAP_FIELDS.has(k))}`))
    .join(', ');
  return `${pointer ? '&' : ''}{${body}}`;
}

/** `  core.Type{` … `  }` with one -/+ pair per changed field. */
export function goStructDiff(typeName: string, fields: readonly GoField[], oldObj: Record<string, unknown>, newObj: Record<string, unknown>): string {
  const width = Math.max(...fields.map((f) => f.go.length)) + 1;
  const lines = [`  ${typeName}{`];
  let same = 0;
  const flush = () => {
    if (same === 1) lines.push('  \t... // 1 identical field');
    else if (same > 1) lines.push(`  \t... // ${same} identical fields`);
    same = 0;
  };
  for (const f of fields) {
    const a = oldObj[f.json];
    const b = newObj[f.json];
    if (deepEqual(a ?? null, b ?? null)) {
      same++;
      continue;
    }
    flush();
    const label = `${f.go}:`.padEnd(width + 1);
    lines.push(`- \t${label}${goLiteral(a, f.pointer)},`);
    lines.push(`+ \t${label}${goLiteral(b, f.pointer)},`);
  }
  flush();
  lines.push('  }');
  return `${lines.join('\n')}\n`;
}
