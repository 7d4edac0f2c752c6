// Load-time sharing of identical JSON subtrees (hash-consing). A freshly bootstrapped cluster
// shares its template objects (RBAC rules, labels, CA bundles) with every other cluster; objects
// read back from snapshots and the log are separate copies. Interning them while recovering
// gives that sharing back, and more: identical pod templates, managedFields and label sets of
// different clusters become one object. Safe because stored objects are never mutated.
//
// One Interner is used for a whole recovery and then dropped, so its tables cost memory only
// while loading.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class Interner {
  /** Every distinct string, with a short token naming it in structural keys. */
  private readonly strings = new Map<string, { value: string; token: string }>();
  /** Every distinct object or array by its structural key (children named by their tokens). */
  private readonly nodes = new Map<string, { value: Json; token: string }>();
  private nextId = 0;
  private token = '';

  /**
   * Returns `value` with every subtree replaced by an identical one seen before (the top-level
   * object, its `metadata`, uid and resourceVersion are unique and are not kept in the tables). `value` must be freshly
   * parsed: its containers are reused and updated in place.
   */
  intern<T>(value: T): T {
    const v = value as unknown as Json;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return this.visit(v) as unknown as T;
    for (const k in v) {
      const child = v[k]!;
      if (k === 'metadata' && child !== null && typeof child === 'object' && !Array.isArray(child)) {
        // uid and resourceVersion are this object's own: looking them up would only grow the
        // tables. Names, namespaces, timestamps, labels and managedFields repeat.
        for (const mk in child) if (mk !== 'uid' && mk !== 'resourceVersion') child[mk] = this.visit(child[mk]!);
      } else v[k] = this.visit(child);
    }
    return value;
  }

  /** Interns `v`; leaves its token in `this.token`. */
  private visit(v: Json): Json {
    if (typeof v === 'string') return this.str(v);
    if (v === null) {
      this.token = 'N';
      return v;
    }
    if (typeof v === 'number') {
      this.token = String(v);
      return v;
    }
    if (typeof v === 'boolean') {
      this.token = v ? 'T' : 'F';
      return v;
    }
    let key: string;
    if (Array.isArray(v)) {
      key = '[';
      for (let i = 0; i < v.length; i++) {
        v[i] = this.visit(v[i]!);
        key += `${this.token},`;
      }
    } else {
      key = '{';
      for (const k in v) {
        this.str(k);
        const kt = this.token;
        v[k] = this.visit(v[k]!);
        key += `${kt}=${this.token},`;
      }
    }
    const hit = this.nodes.get(key);
    if (hit) {
      this.token = hit.token;
      return hit.value;
    }
    const token = `#${(this.nextId++).toString(36)}`;
    this.nodes.set(key, { value: v, token });
    this.token = token;
    return v;
  }

  private str(s: string): string {
    let e = this.strings.get(s);
    if (!e) this.strings.set(s, (e = { value: s, token: `$${(this.nextId++).toString(36)}` }));
    this.token = e.token;
    return e.value;
  }
}
