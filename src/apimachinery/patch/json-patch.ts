// JSON patch (RFC 6902), as `application/json-patch+json`, with upstream's error wording
// (github.com/evanphx/json-patch as used by the API server).
import { deepClone, deepEqual, isPlainObject } from '../object.ts';

export class JsonPatchError extends Error {
  /** `decode`: the patch is not a list of operations (400); otherwise applying it failed (422). */
  constructor(
    message: string,
    readonly phase: 'decode' | 'apply' = 'apply',
  ) {
    super(message);
  }
}

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function unescapeToken(t: string): string {
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(p: string): string[] {
  if (p === '') return [];
  if (!p.startsWith('/')) throw new JsonPatchError(`invalid JSON pointer: ${JSON.stringify(p)}`);
  return p.slice(1).split('/').map(unescapeToken);
}

type Container = Record<string, unknown> | unknown[];

function resolveParent(doc: unknown, tokens: string[], path: string): { parent: Container; key: string } {
  let cur: unknown = doc;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i]!;
    if (Array.isArray(cur)) {
      const idx = Number(t);
      if (!/^\d+$/.test(t) || idx >= cur.length) throw new JsonPatchError(`doc is missing path: "${path}": missing value`);
      cur = cur[idx];
    } else if (isPlainObject(cur)) {
      if (!(t in cur)) throw new JsonPatchError(`doc is missing path: "${path}": missing value`);
      cur = cur[t];
    } else {
      throw new JsonPatchError(`doc is missing path: "${path}": missing value`);
    }
  }
  if (!Array.isArray(cur) && !isPlainObject(cur)) throw new JsonPatchError(`doc is missing path: "${path}": missing value`);
  return { parent: cur, key: tokens[tokens.length - 1]! };
}

function getAt(doc: unknown, path: string): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return doc;
  const { parent, key } = resolveParent(doc, tokens, path);
  if (Array.isArray(parent)) {
    const idx = Number(key);
    if (!/^\d+$/.test(key) || idx >= parent.length) throw new JsonPatchError(`unable to get nonexistent key: ${key}: missing value`);
    return parent[idx];
  }
  if (!(key in parent)) throw new JsonPatchError(`unable to get nonexistent key: ${key}: missing value`);
  return parent[key];
}

function add(doc: unknown, path: string, value: unknown): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const { parent, key } = resolveParent(doc, tokens, path);
  if (Array.isArray(parent)) {
    if (key === '-') parent.push(value);
    else {
      const idx = Number(key);
      if (!/^\d+$/.test(key) || idx > parent.length) throw new JsonPatchError(`Unable to access invalid index: ${key}: invalid index referenced`);
      parent.splice(idx, 0, value);
    }
  } else parent[key] = value;
  return doc;
}

function remove(doc: unknown, path: string): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) throw new JsonPatchError('unable to remove the root');
  const { parent, key } = resolveParent(doc, tokens, path);
  if (Array.isArray(parent)) {
    const idx = Number(key);
    if (!/^\d+$/.test(key) || idx >= parent.length) throw new JsonPatchError(`Unable to remove invalid index: ${key}: invalid index referenced`);
    parent.splice(idx, 1);
  } else {
    if (!(key in parent)) throw new JsonPatchError(`unable to remove nonexistent key: ${key}: missing value`);
    delete parent[key];
  }
  return doc;
}

export function applyJsonPatch(document: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new JsonPatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch', 'decode');
  let doc = deepClone(document);
  for (const raw of ops as Operation[]) {
    if (!isPlainObject(raw)) throw new JsonPatchError('invalid operation', 'decode');
    const op = raw.op;
    switch (op) {
      case 'add':
        doc = add(doc, raw.path, deepClone(raw.value));
        break;
      case 'remove':
        doc = remove(doc, raw.path);
        break;
      case 'replace': {
        const tokens = parsePointer(raw.path);
        if (tokens.length === 0) {
          doc = deepClone(raw.value);
          break;
        }
        getAt(doc, raw.path);
        doc = remove(doc, raw.path);
        doc = add(doc, raw.path, deepClone(raw.value));
        break;
      }
      case 'move': {
        const v = getAt(doc, raw.from ?? '');
        doc = remove(doc, raw.from ?? '');
        doc = add(doc, raw.path, v);
        break;
      }
      case 'copy':
        doc = add(doc, raw.path, deepClone(getAt(doc, raw.from ?? '')));
        break;
      case 'test':
        if (!deepEqual(getAt(doc, raw.path), raw.value)) throw new JsonPatchError(`testing value ${raw.path} failed: test failed`);
        break;
      default:
        throw new JsonPatchError(`Unexpected kind: ${String(op)}`);
    }
  }
  return doc;
}
