// A set of field paths, as structured-merge-diff's fieldpath.Set: a trie whose nodes hold the
// path elements that are members at that level and the child sets below them. Paths are arrays
// of path element keys (path-element.ts). The FieldsV1 encoding is the JSON form stored in
// metadata.managedFields: `{"f:spec":{"f:replicas":{}}}`, with `".": {}` marking a node that is a
// member as well as a parent, and keys in structured-merge-diff's order.
import { isPlainObject } from '../object.ts';
import { canonicalKey, comparePathElements, PathElementError, UnknownPathElementError } from './path-element.ts';

export class FieldsV1Error extends Error {}

export class FieldSet {
  readonly members = new Set<string>();
  /** Never holds an empty set. */
  readonly children = new Map<string, FieldSet>();

  static of(...paths: ReadonlyArray<readonly string[]>): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  isEmpty(): boolean {
    return this.members.size === 0 && this.children.size === 0;
  }

  insert(path: readonly string[]): void {
    if (path.length === 0) return;
    let cur: FieldSet = this;
    for (let i = 0; i < path.length - 1; i++) {
      let next = cur.children.get(path[i]!);
      if (!next) {
        next = new FieldSet();
        cur.children.set(path[i]!, next);
      }
      cur = next;
    }
    cur.members.add(path[path.length - 1]!);
  }

  has(path: readonly string[]): boolean {
    if (path.length === 0) return false;
    let cur: FieldSet | undefined = this;
    for (let i = 0; i < path.length - 1 && cur; i++) cur = cur.children.get(path[i]!);
    return cur !== undefined && cur.members.has(path[path.length - 1]!);
  }

  /** The set of paths below `pe` (without the prefix). */
  withPrefix(pe: string): FieldSet | undefined {
    return this.children.get(pe);
  }

  copy(): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) out.members.add(m);
    for (const [k, c] of this.children) out.children.set(k, c.copy());
    return out;
  }

  union(o: FieldSet): FieldSet {
    const out = this.copy();
    out.addAll(o);
    return out;
  }

  /** Adds every path of `o` to this set (in place). */
  addAll(o: FieldSet): void {
    for (const m of o.members) this.members.add(m);
    for (const [k, c] of o.children) {
      const mine = this.children.get(k);
      if (mine) mine.addAll(c);
      else this.children.set(k, c.copy());
    }
  }

  intersection(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (o.members.has(m)) out.members.add(m);
    for (const [k, c] of this.children) {
      const oc = o.children.get(k);
      if (!oc) continue;
      const i = c.intersection(oc);
      if (!i.isEmpty()) out.children.set(k, i);
    }
    return out;
  }

  difference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (!o.members.has(m)) out.members.add(m);
    for (const [k, c] of this.children) {
      const oc = o.children.get(k);
      if (!oc) {
        out.children.set(k, c.copy());
        continue;
      }
      const d = c.difference(oc);
      if (!d.isEmpty()) out.children.set(k, d);
    }
    return out;
  }

  /** Removes every path of this set that has a member of `o` as prefix (fields and their children). */
  recursiveDifference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (!o.members.has(m)) out.members.add(m);
    for (const [k, c] of this.children) {
      if (o.members.has(k)) continue;
      const oc = o.children.get(k);
      if (!oc) {
        out.children.set(k, c.copy());
        continue;
      }
      const d = c.recursiveDifference(oc);
      if (!d.isEmpty()) out.children.set(k, d);
    }
    return out;
  }

  equals(o: FieldSet): boolean {
    if (this.members.size !== o.members.size || this.children.size !== o.children.size) return false;
    for (const m of this.members) if (!o.members.has(m)) return false;
    for (const [k, c] of this.children) {
      const oc = o.children.get(k);
      if (!oc || !c.equals(oc)) return false;
    }
    return true;
  }

  /** Every path, members of a node before its children, each level in path element order. */
  forEachPath(fn: (path: readonly string[]) => void, prefix: string[] = []): void {
    for (const m of [...this.members].sort(comparePathElements)) fn([...prefix, m]);
    for (const k of [...this.children.keys()].sort(comparePathElements)) {
      prefix.push(k);
      this.children.get(k)!.forEachPath(fn, prefix);
      prefix.pop();
    }
  }

  size(): number {
    let n = this.members.size;
    for (const c of this.children.values()) n += c.size();
    return n;
  }

  /** The FieldsV1 JSON object. */
  toFieldsV1(): Record<string, unknown> {
    return this.emit(false);
  }

  private emit(includeSelf: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (includeSelf && !this.isEmpty()) out['.'] = {};
    const keys = new Set<string>([...this.members, ...this.children.keys()]);
    for (const k of [...keys].sort(comparePathElements)) {
      const child = this.children.get(k);
      out[k] = child ? child.emit(this.members.has(k)) : {};
    }
    return out;
  }

  /** Parses FieldsV1; elements of unknown kinds are dropped as upstream does. */
  static fromFieldsV1(v: unknown): FieldSet {
    if (!isPlainObject(v)) throw new FieldsV1Error('FieldsV1 must be an object');
    return readLevel(v).children ?? new FieldSet();
  }
}

function readLevel(obj: Record<string, unknown>): { children: FieldSet | undefined; isMember: boolean } {
  let isMember = false;
  let children: FieldSet | undefined;
  for (const [rawKey, v] of Object.entries(obj)) {
    if (rawKey === '.') {
      isMember = true;
      continue;
    }
    let key: string;
    try {
      key = canonicalKey(rawKey);
    } catch (e) {
      if (e instanceof UnknownPathElementError) continue;
      if (e instanceof PathElementError) throw new FieldsV1Error(`parsing key as path element: ${e.message}`);
      throw e;
    }
    if (v === null) continue;
    if (!isPlainObject(v)) throw new FieldsV1Error(`expected an object for ${rawKey}`);
    const sub = readLevel(v);
    children ??= new FieldSet();
    if (sub.isMember) children.members.add(key);
    if (sub.children && !sub.children.isEmpty()) {
      const existing = children.children.get(key);
      if (existing) existing.addAll(sub.children);
      else children.children.set(key, sub.children);
    }
  }
  if (!children) isMember = true;
  return { children, isMember };
}
