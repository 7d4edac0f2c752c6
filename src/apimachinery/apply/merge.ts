// typed.Merge as server-side apply uses it: the applied configuration (rhs) merged into the live
// object (lhs). Leaves take the configuration's value; granular maps merge key by key;
// associative lists merge item by item, keeping the live order of items the configuration does
// not mention and the configuration's order for the items it does (structured-merge-diff v4).
//
// Inputs are never mutated; the result shares unchanged subtrees with them.
import { isPlainObject } from '../object.ts';
import type { ArrayNode, SchemaNode } from '../openapi/schema-model.ts';
import { fieldElement, pathElementString, pathString } from './path-element.ts';
import { childSchema, DEDUCED, isAtomicList, isAtomicMap, listItemElement, shapeOf, TypedValueError } from './typed-schema.ts';

function isEmpty(v: Record<string, unknown> | unknown[] | undefined): boolean {
  if (v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  for (const k in v) if (v[k] !== undefined) return false;
  return true;
}

class MergeWalker {
  private readonly path: string[] = [];

  merge(node: SchemaNode, lhs: unknown, rhs: unknown): unknown {
    if (rhs === undefined) return lhs;
    if (lhs === undefined) return rhs;
    const shape = shapeOf(node, rhs);
    if (node.kind === 'any' && shapeOf(node, lhs) !== shape) return rhs;
    if (shape === 'map') {
      const lm = isPlainObject(lhs) ? lhs : undefined;
      const rm = isPlainObject(rhs) ? rhs : undefined;
      if (isAtomicMap(node) || (isEmpty(lm) && isEmpty(rm))) return rhs;
      return this.mergeMap(node, lm, rm);
    }
    if (shape === 'list') {
      const ll = Array.isArray(lhs) ? lhs : undefined;
      const rl = Array.isArray(rhs) ? rhs : undefined;
      if (isAtomicList(node) || (isEmpty(ll) && isEmpty(rl))) return rhs;
      return this.mergeList(node as ArrayNode, ll ?? [], rl ?? []);
    }
    return rhs;
  }

  private mergeMap(node: SchemaNode, lm: Record<string, unknown> | undefined, rm: Record<string, unknown> | undefined): unknown {
    const out: Record<string, unknown> = {};
    let n = 0;
    if (lm) {
      for (const k in lm) {
        if (lm[k] === undefined) continue;
        this.path.push(fieldElement(k));
        const v = this.merge(childSchema(node, k) ?? DEDUCED, lm[k], rm?.[k]);
        this.path.pop();
        if (v !== undefined) {
          out[k] = v;
          n++;
        }
      }
    }
    if (rm) {
      for (const k in rm) {
        if (rm[k] === undefined || (lm !== undefined && lm[k] !== undefined)) continue;
        out[k] = rm[k];
        n++;
      }
    }
    return n > 0 ? out : undefined;
  }

  private index(node: ArrayNode, list: unknown[], allowDuplicates: boolean): { order: string[]; items: Map<string, unknown> } {
    const order: string[] = [];
    const items = new Map<string, unknown>();
    for (let i = 0; i < list.length; i++) {
      const el = listItemElement(node, list[i], i);
      if (!el.ok) throw new TypedValueError(`${pathString(this.path)}: element ${i}: ${el.error}`);
      if (items.has(el.key)) {
        if (!allowDuplicates) throw new TypedValueError(`${pathString(this.path)}: duplicate entries for key ${pathElementString(el.key)}`);
        // Duplicated live items are not merged with the configuration's item.
        items.set(el.key, null);
      } else {
        items.set(el.key, list[i]);
      }
      order.push(el.key);
    }
    return { order, items };
  }

  private mergeList(node: ArrayNode, ll: unknown[], rl: unknown[]): unknown {
    const rhs = this.index(node, rl, false);
    const lhs = this.index(node, ll, true);
    const shared = rhs.order.filter((pe) => lhs.items.has(pe));
    let sharedAt = 0;
    let nextShared: string | undefined = shared[sharedAt++];
    const mergedRHS = new Set<string>();
    const out: unknown[] = [];
    const item = (pe: string, l: unknown, r: unknown) => {
      this.path.push(pe);
      const v = this.merge(node.items, l, r);
      this.path.pop();
      if (v !== undefined) out.push(v);
    };
    let lI = 0;
    let rI = 0;
    while (lI < lhs.order.length || rI < rhs.order.length) {
      if (lI < lhs.order.length && rI < rhs.order.length) {
        const pe = lhs.order[lI]!;
        if (pe === rhs.order[rI]) {
          mergedRHS.add(pe);
          item(pe, lhs.items.get(pe), rhs.items.get(pe));
          lI++;
          rI++;
          nextShared = shared[sharedAt++];
          continue;
        }
        if (rhs.items.has(pe) && nextShared !== undefined && nextShared !== pe) {
          // A shared item, but not the one to place in this round.
          lI++;
          continue;
        }
      }
      if (lI < lhs.order.length) {
        const pe = lhs.order[lI]!;
        if (!rhs.items.has(pe)) {
          item(pe, ll[lI], undefined);
          lI++;
          continue;
        }
        if (mergedRHS.has(pe)) {
          lI++;
          continue;
        }
      }
      if (rI < rhs.order.length) {
        const pe = rhs.order[rI]!;
        mergedRHS.add(pe);
        item(pe, lhs.items.get(pe), rhs.items.get(pe));
        rI++;
        if (nextShared === pe) nextShared = shared[sharedAt++];
      }
    }
    return out.length > 0 ? out : undefined;
  }
}

/** Merges the configuration `rhs` into `lhs` (either may be undefined: absent). */
export function mergeTyped(node: SchemaNode, lhs: unknown, rhs: unknown): unknown {
  return new MergeWalker().merge(node, lhs, rhs);
}
