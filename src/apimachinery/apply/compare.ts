// typed.Compare: the fields added, modified and removed between two versions of an object. Leaves
// (scalars, atomic lists and maps, and empty maps and lists) are compared by value; a granular map
// or associative list that appears or disappears is itself added or removed, besides its contents.
import { deepEqual, isPlainObject } from '../object.ts';
import type { ArrayNode, SchemaNode } from '../openapi/schema-model.ts';
import { FieldSet } from './field-set.ts';
import { fieldElement, pathString } from './path-element.ts';
import { childSchema, DEDUCED, inZeroValue, isAtomicList, isAtomicMap, listItemElement, shapeOf, TypedValueError, zeroValue } from './typed-schema.ts';

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

export interface CompareOptions {
  /**
   * Compare as upstream compares Go structs: a field that a built-in type's zero value holds
   * (non-pointer structs, fields without omitempty) counts as present in `lhs` when its parent is.
   */
  zeroValues?: boolean;
  /**
   * Fields left out of the comparison, with everything below them (as a recursive difference
   * with this set would remove them afterwards): an endpoint's reset fields, often the bulk of
   * the object (a pod's spec on a status update).
   */
  ignored?: FieldSet;
}

function isEmpty(v: Record<string, unknown> | unknown[] | undefined): boolean {
  if (v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  for (const k in v) if (v[k] !== undefined) return false;
  return true;
}

class CompareWalker implements Comparison {
  readonly added = new FieldSet();
  readonly modified = new FieldSet();
  readonly removed = new FieldSet();
  private readonly path: string[] = [];
  /** The ignored set at the current path (undefined once no ignored field lies below). */
  private ignored: FieldSet | undefined;

  constructor(
    private readonly zeroValues: boolean,
    ignored: FieldSet | undefined,
  ) {
    this.ignored = ignored;
  }

  /** Walks the child at path element `pe` unless it is ignored. */
  private child(pe: string, node: SchemaNode, lhs: unknown, rhs: unknown): void {
    const ignored = this.ignored;
    if (ignored?.members.has(pe)) return;
    this.ignored = ignored?.children.get(pe);
    this.path.push(pe);
    this.walk(node, lhs, rhs);
    this.path.pop();
    this.ignored = ignored;
  }

  walk(node: SchemaNode, lhs: unknown, rhs: unknown): void {
    const shape = shapeOf(node, rhs !== undefined ? rhs : lhs);
    let leaf = true;
    if (node.kind === 'any' && lhs !== undefined && rhs !== undefined && shapeOf(node, lhs) !== shape) {
      leaf = true;
    } else if (shape === 'map') {
      const lm = isPlainObject(lhs) ? lhs : undefined;
      const rm = isPlainObject(rhs) ? rhs : undefined;
      leaf = isAtomicMap(node) || (isEmpty(lm) && isEmpty(rm));
      if (!leaf) this.visitMap(node, lm, rm);
    } else if (shape === 'list') {
      const ll = Array.isArray(lhs) ? lhs : undefined;
      const rl = Array.isArray(rhs) ? rhs : undefined;
      leaf = isAtomicList(node) || (isEmpty(ll) && isEmpty(rl));
      if (!leaf) this.visitList(node as ArrayNode, ll ?? [], rl ?? []);
    }
    if (leaf) {
      if (lhs === undefined) this.added.insert(this.path);
      else if (rhs === undefined) this.removed.insert(this.path);
      else if (!deepEqual(lhs, rhs)) this.modified.insert(this.path);
    } else if (lhs === undefined) {
      this.added.insert(this.path);
    } else if (rhs === undefined) {
      this.removed.insert(this.path);
    }
  }

  private visitMap(node: SchemaNode, lm: Record<string, unknown> | undefined, rm: Record<string, unknown> | undefined): void {
    if (lm) {
      for (const k in lm) {
        const lv = lm[k];
        if (lv === undefined) continue;
        this.child(fieldElement(k), childSchema(node, k) ?? DEDUCED, lv, rm?.[k]);
      }
    }
    if (rm) {
      for (const k in rm) {
        const rv = rm[k];
        if (rv === undefined || (lm !== undefined && lm[k] !== undefined)) continue;
        const child = childSchema(node, k) ?? DEDUCED;
        const lv = this.zeroValues && lm !== undefined && inZeroValue(node, k) ? zeroValue(child) : undefined;
        this.child(fieldElement(k), child, lv, rv);
      }
    }
  }

  private visitList(node: ArrayNode, ll: unknown[], rl: unknown[]): void {
    const lhsItems = new Map<string, unknown>();
    for (let i = 0; i < ll.length; i++) {
      const pe = this.element(node, ll[i], i);
      if (!lhsItems.has(pe)) lhsItems.set(pe, ll[i]);
    }
    const seen = new Set<string>();
    for (let i = 0; i < rl.length; i++) {
      const pe = this.element(node, rl[i], i);
      if (seen.has(pe)) continue;
      seen.add(pe);
      this.child(pe, node.items, lhsItems.get(pe), rl[i]);
    }
    for (const [pe, lv] of lhsItems) {
      if (seen.has(pe)) continue;
      this.child(pe, node.items, lv, undefined);
    }
  }

  private element(node: ArrayNode, item: unknown, index: number): string {
    const el = listItemElement(node, item, index);
    if (!el.ok) throw new TypedValueError(`${pathString(this.path)}: element ${index}: ${el.error}`);
    return el.key;
  }
}

/** Compares two objects of the kind `node` describes (`undefined` on either side: absent). */
export function compareTyped(node: SchemaNode, lhs: unknown, rhs: unknown, opts: CompareOptions = {}): Comparison {
  const w = new CompareWalker(opts.zeroValues ?? false, opts.ignored);
  w.walk(node, lhs, rhs);
  return { added: w.added, modified: w.modified, removed: w.removed };
}
