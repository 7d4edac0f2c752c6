// Set.EnsureNamedFieldsAreMembers: field sets list a struct field with content only through its
// children; pruning needs the struct fields themselves as members so that removing them removes
// the whole field, while map entries (labels, data keys) stay removable one by one.
import type { SchemaNode } from '../openapi/schema-model.ts';
import { FieldSet } from './field-set.ts';
import { childSchema, isNamedField } from './typed-schema.ts';

export function ensureNamedFieldsAreMembers(set: FieldSet, node: SchemaNode | undefined): FieldSet {
  const out = new FieldSet();
  for (const m of set.members) out.members.add(m);
  for (const [k, child] of set.children) {
    let childNode: SchemaNode | undefined;
    if (k.startsWith('f:') && node && (node.kind === 'object' || node.kind === 'map' || node.kind === 'any')) {
      const name = k.slice(2);
      if (isNamedField(node, name)) out.members.add(k);
      childNode = childSchema(node, name);
    } else if (k.startsWith('k:') && node?.kind === 'array') {
      childNode = node.items;
    }
    out.children.set(k, ensureNamedFieldsAreMembers(child, childNode));
  }
  return out;
}
