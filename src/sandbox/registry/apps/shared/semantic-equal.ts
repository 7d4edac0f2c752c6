// apiequality.Semantic.DeepEqual for JSON objects: like deepEqual, but an empty list equals an
// absent one, and so does an empty Go map (labels, annotations, selectors, resource lists).
import { deepEqual, isPlainObject } from '../../../../apimachinery/object.ts';

const mapKeys = new Set(['labels', 'annotations', 'matchLabels', 'nodeSelector', 'selector', 'data', 'binaryData', 'requests', 'limits', 'capacity']);

function normalize(v: unknown, key: string | undefined): unknown {
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map((x) => normalize(x, undefined));
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const n = normalize(x, k);
    if (n !== undefined) out[k] = n;
  }
  return key !== undefined && mapKeys.has(key) && Object.keys(out).length === 0 ? undefined : out;
}

export function semanticEqual(a: unknown, b: unknown): boolean {
  return deepEqual(normalize(a, undefined), normalize(b, undefined));
}
