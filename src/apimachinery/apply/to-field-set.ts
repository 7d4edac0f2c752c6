// typed.ToFieldSet: the fields an object (usually an applied configuration) sets. Scalars,
// atomic maps and lists, nulls and empty maps are leaves; map entries and list items are members
// themselves; struct fields with content are represented by their children only.
//
// With `strict`, the value is validated as upstream validates an applied configuration: fields
// the schema does not declare, list items without their keys and duplicate list items are errors.
import { isPlainObject } from '../object.ts';
import type { ArrayNode, SchemaNode } from '../openapi/schema-model.ts';
import { FieldSet } from './field-set.ts';
import { fieldElement, pathElementString, pathString } from './path-element.ts';
import { childSchema, DEDUCED, isAtomicList, isAtomicMap, isNamedField, listItemElement, shapeOf } from './typed-schema.ts';

/** structured-merge-diff's ValidationErrors, worded and joined as upstream. */
export class ValidationErrors extends Error {
  constructor(readonly errors: string[]) {
    super(errors.length === 1 ? errors[0]! : ['errors:', ...errors.map((e) => `  ${e}`)].join('\n'));
  }
}

class ToSetWalker {
  readonly set = new FieldSet();
  readonly errors: string[] = [];
  private readonly path: string[] = [];

  constructor(private readonly strict: boolean) {}

  private error(message: string, at: readonly string[] = this.path): void {
    this.errors.push(`${pathString(at)}: ${message}`);
  }

  walk(node: SchemaNode, value: unknown): void {
    const shape = shapeOf(node, value);
    if (shape === 'scalar') {
      this.set.insert(this.path);
      return;
    }
    if (shape === 'map') {
      if (isAtomicMap(node)) {
        this.set.insert(this.path);
        return;
      }
      if (!isPlainObject(value)) return;
      for (const k in value) {
        const v = value[k];
        if (v === undefined) continue;
        let child = childSchema(node, k);
        this.path.push(fieldElement(k));
        if (!child) {
          if (this.strict) {
            this.error('field not declared in schema');
            this.path.pop();
            continue;
          }
          child = DEDUCED;
        }
        this.walk(child, v);
        if (v === null || (isPlainObject(v) && Object.keys(v).length === 0) || !isNamedField(node, k)) this.set.insert(this.path);
        this.path.pop();
      }
      return;
    }
    if (isAtomicList(node)) {
      this.set.insert(this.path);
      return;
    }
    if (!Array.isArray(value)) return;
    const list = node as ArrayNode;
    const seen = new Set<string>();
    for (let i = 0; i < value.length; i++) {
      const el = listItemElement(list, value[i], i);
      if (!el.ok) {
        if (this.strict) this.error(`element ${i}: ${el.error}`);
        continue;
      }
      if (seen.has(el.key)) {
        if (this.strict) this.error(`duplicate entries for key ${pathElementString(el.key)}`);
        continue;
      }
      seen.add(el.key);
      this.path.push(el.key);
      this.walk(list.items, value[i]);
      this.set.insert(this.path);
      this.path.pop();
    }
  }
}

/** The field set of `value`; with `strict`, throws ValidationErrors for an invalid value. */
export function toFieldSet(node: SchemaNode, value: unknown, strict = false): FieldSet {
  const w = new ToSetWalker(strict);
  w.walk(node, value);
  if (w.errors.length) throw new ValidationErrors(w.errors);
  return w.set;
}
