// typed.RemoveItems: a copy of a value without the fields, map entries and list items of a set.
// As upstream, a map or list left empty by the removal becomes null (the decoder drops nulls from
// struct fields afterwards).
import { isPlainObject } from '../object.ts';
import type { ArrayNode, SchemaNode } from '../openapi/schema-model.ts';
import type { FieldSet } from './field-set.ts';
import { fieldElement } from './path-element.ts';
import { childSchema, DEDUCED, isAtomicList, isAtomicMap, listItemElement, shapeOf } from './typed-schema.ts';

export function removeItems(node: SchemaNode, value: unknown, toRemove: FieldSet): unknown {
  const shape = shapeOf(node, value);
  if (shape === 'scalar') return value;
  if (shape === 'list') {
    if (!Array.isArray(value) || value.length === 0 || isAtomicList(node)) return null;
    const list = node as ArrayNode;
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      let item = value[i];
      const el = listItemElement(list, item, i);
      if (!el.ok) {
        out.push(item);
        continue;
      }
      if (toRemove.members.has(el.key)) continue;
      const sub = toRemove.withPrefix(el.key);
      if (sub) item = removeItems(list.items, item, sub);
      out.push(item);
    }
    return out.length > 0 ? out : null;
  }
  if (!isPlainObject(value) || isAtomicMap(node)) return null;
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const k in value) {
    let v = value[k];
    if (v === undefined) continue;
    const pe = fieldElement(k);
    if (toRemove.members.has(pe)) continue;
    const sub = toRemove.withPrefix(pe);
    if (sub) v = removeItems(childSchema(node, k) ?? DEDUCED, v, sub);
    out[k] = v;
    n++;
  }
  return n > 0 ? out : null;
}
