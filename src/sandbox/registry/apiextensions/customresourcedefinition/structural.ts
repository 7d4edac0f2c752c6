// Structural schema rules (upstream apiextensions pkg/apiserver/schema/validation.go and
// defaulting/validation.go): types everywhere outside value validations, nothing but value
// validation under allOf/anyOf/oneOf/not, restricted metadata, valid regular expressions, and
// defaults that are pruned and valid against their schema. Errors are sorted by message, as
// upstream sorts them.
import { fieldErrors as fe, type FieldError, type FieldPath } from '../../../../apimachinery/field-errors.ts';
import { deepClone, deepEqual } from '../../../../apimachinery/object.ts';
import { pruneUnknown } from '../../custom/prune.ts';
import { additionalOf, additionalSchemaOf, hasDefault, isEmbedded, itemsOf, type JSONSchemaProps, preservesUnknown } from '../../custom/schema-props.ts';
import { validateCustomResource } from '../../custom/schema-validation.ts';

type Level = 'root' | 'item' | 'field';

function compiles(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (e) {
    try {
      new RegExp(pattern);
      return undefined;
    } catch {
      return `error parsing regexp: ${(e as Error).message}`;
    }
  }
}

function isIntOrStringAnyOf(junctors: readonly JSONSchemaProps[] | undefined): boolean {
  return (
    junctors?.length === 2 &&
    deepEqual(
      junctors.map((j) => ({ ...j })),
      [{ type: 'integer' }, { type: 'string' }],
    )
  );
}

/** ValidateStructural: the invariants and completeness of a structural schema. */
export function validateStructural(fld: FieldPath, s: JSONSchemaProps): FieldError[] {
  const errs = [...invariants(s, 'root', fld), ...completeness(s, fld)];
  return errs.sort((a, b) => (a.toString() < b.toString() ? -1 : a.toString() > b.toString() ? 1 : 0));
}

function invariants(s: JSONSchemaProps | undefined, lvl: Level, fld: FieldPath): FieldError[] {
  if (!s) return [];
  const errs: FieldError[] = [];
  const items = itemsOf(s);
  if (s.type === 'array' && !items) errs.push(fe.required(fld.child('items'), 'must be specified'));
  errs.push(...invariants(items, 'item', fld.child('items')));
  for (const [k, v] of Object.entries(s.properties ?? {})) errs.push(...invariants(v, 'field', fld.child('properties').key(k)));
  const additional = additionalOf(s);
  if (additional !== undefined) {
    if (lvl === 'root') errs.push(fe.forbidden(fld.child('additionalProperties'), 'must not be used at the root'));
    if (typeof additional === 'object') errs.push(...invariants(additional, 'field', fld.child('additionalProperties')));
  }
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  if (intOrString && preservesUnknown(s)) {
    errs.push(fe.invalid(fld.child('x-kubernetes-preserve-unknown-fields'), true, 'must be false if x-kubernetes-int-or-string is true'));
  }
  if (intOrString && isEmbedded(s)) errs.push(fe.invalid(fld.child('x-kubernetes-embedded-resource'), true, 'must be false if x-kubernetes-int-or-string is true'));

  const skipAnyOf = isIntOrStringAnyOf(s.anyOf);
  const skipFirstAllOfAnyOf = isIntOrStringAnyOf(s.allOf?.[0]?.anyOf);
  errs.push(...valueValidation(s, skipAnyOf, skipFirstAllOfAnyOf, lvl, fld));

  const type = s.type ?? '';
  if (isEmbedded(s) && type !== 'object') {
    if (type === '') errs.push(fe.required(fld.child('type'), 'must be object if x-kubernetes-embedded-resource is true'));
    else errs.push(fe.invalid(fld.child('type'), type, 'must be object if x-kubernetes-embedded-resource is true'));
  } else if (type === '' && !intOrString && !preservesUnknown(s)) {
    const detail = lvl === 'root' ? 'must not be empty at the root' : lvl === 'item' ? 'must not be empty for specified array items' : 'must not be empty for specified object fields';
    errs.push(fe.required(fld.child('type'), detail));
  }
  if (isEmbedded(s) && additional !== undefined) errs.push(fe.forbidden(fld.child('additionalProperties'), 'must not be used if x-kubernetes-embedded-resource is set'));
  if (lvl === 'root' && type !== '' && type !== 'object') errs.push(fe.invalid(fld.child('type'), type, 'must be object at the root'));

  const checkMetadata = lvl === 'root' || isEmbedded(s);
  const props = s.properties ?? {};
  if (checkMetadata && props.kind && (props.kind.type ?? '') !== 'string') {
    errs.push(fe.invalid(fld.child('properties').key('kind').child('type'), props.kind.type ?? '', 'must be string'));
  }
  if (checkMetadata && props.apiVersion && (props.apiVersion.type ?? '') !== 'string') {
    errs.push(fe.invalid(fld.child('properties').key('apiVersion').child('type'), props.apiVersion.type ?? '', 'must be string'));
  }
  if (checkMetadata && props.metadata && (props.metadata.type ?? '') !== 'object') {
    errs.push(fe.invalid(fld.child('properties').key('metadata').child('type'), props.metadata.type ?? '', 'must be object'));
  }
  if (lvl === 'root' && props.metadata) {
    const { type: _t, default: _d, properties, ...rest } = props.metadata;
    const names = Object.keys(properties ?? {});
    const onlyNames = names.length === 0 || names.every((n) => n === 'name' || n === 'generateName');
    const restKeys = Object.keys(rest).filter((k) => rest[k as keyof typeof rest] !== undefined && k !== 'description');
    if (!onlyNames || restKeys.length > 0 || rest.description !== undefined) {
      errs.push(fe.forbidden(fld.child('properties').key('metadata'), 'must not specify anything other than name and generateName, but metadata is implicitly specified'));
    }
  }
  if (isEmbedded(s) && !preservesUnknown(s) && Object.keys(props).length === 0) {
    errs.push(fe.required(fld.child('properties'), 'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields'));
  }
  return errs;
}

function valueValidation(s: JSONSchemaProps, skipAnyOf: boolean, skipFirstAllOfAnyOf: boolean, lvl: Level, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!skipAnyOf) (s.anyOf ?? []).forEach((v, i) => errs.push(...nested(v, false, lvl, fld.child('anyOf').index(i))));
  (s.allOf ?? []).forEach((v, i) => errs.push(...nested(v, skipFirstAllOfAnyOf && i === 0, lvl, fld.child('allOf').index(i))));
  (s.oneOf ?? []).forEach((v, i) => errs.push(...nested(v, false, lvl, fld.child('oneOf').index(i))));
  if (s.not) errs.push(...nested(s.not, false, lvl, fld.child('not')));
  if (s.pattern) {
    const err = compiles(s.pattern);
    if (err) errs.push(fe.invalid(fld.child('pattern'), s.pattern, `must be a valid regular expression, but isn't: ${err}`));
  }
  return errs;
}

/** A schema under a logical junctor may only restrict values. */
function nested(v: JSONSchemaProps, skipAnyOf: boolean, lvl: Level, fld: FieldPath): FieldError[] {
  const errs = valueValidation(v, skipAnyOf, false, lvl, fld);
  const items = itemsOf(v);
  if (items) errs.push(...nested(items, false, lvl, fld.child('items')));
  for (const [k, p] of Object.entries(v.properties ?? {})) errs.push(...nested(p, false, 'field', fld.child('properties').key(k)));
  if (v.type) errs.push(fe.forbidden(fld.child('type'), 'must be empty to be structural'));
  if (v.additionalProperties !== undefined) errs.push(fe.forbidden(fld.child('additionalProperties'), 'must be undefined to be structural'));
  if (v.default !== undefined) errs.push(fe.forbidden(fld.child('default'), 'must be undefined to be structural'));
  if (v.title) errs.push(fe.forbidden(fld.child('title'), 'must be empty to be structural'));
  if (v.description) errs.push(fe.forbidden(fld.child('description'), 'must be empty to be structural'));
  if (v.nullable) errs.push(fe.forbidden(fld.child('nullable'), 'must be false to be structural'));
  if (v['x-kubernetes-preserve-unknown-fields']) errs.push(fe.forbidden(fld.child('x-kubernetes-preserve-unknown-fields'), 'must be false to be structural'));
  if (v['x-kubernetes-embedded-resource']) errs.push(fe.forbidden(fld.child('x-kubernetes-embedded-resource'), 'must be false to be structural'));
  if (v['x-kubernetes-int-or-string']) errs.push(fe.forbidden(fld.child('x-kubernetes-int-or-string'), 'must be false to be structural'));
  if (v['x-kubernetes-list-map-keys']?.length) errs.push(fe.forbidden(fld.child('x-kubernetes-list-map-keys'), 'must be empty to be structural'));
  if (v['x-kubernetes-list-type'] !== undefined) errs.push(fe.forbidden(fld.child('x-kubernetes-list-type'), 'must be undefined to be structural'));
  if (v.properties && Object.prototype.hasOwnProperty.call(v.properties, 'metadata')) {
    errs.push(fe.forbidden(fld.child('properties').key('metadata'), 'must not be specified in a nested context'));
  }
  return errs;
}

/** Every field or items a value validation mentions must be specified structurally too. */
function completeness(s: JSONSchemaProps, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const check = (struct: JSONSchemaProps | undefined, structPath: FieldPath, v: JSONSchemaProps, vPath: FieldPath) => {
    const vItems = itemsOf(v);
    if (vItems) {
      const sItems = itemsOf(struct);
      if (!sItems) errs.push(fe.required(structPath.child('items'), `because it is defined in ${vPath.child('items').toString()}`));
      else check(sItems, structPath.child('items'), vItems, vPath.child('items'));
    }
    for (const [k, p] of Object.entries(v.properties ?? {})) {
      const sp = struct?.properties?.[k] ?? additionalSchemaOf(struct);
      if (!sp && !preservesUnknown(struct)) {
        errs.push(fe.required(structPath.child('properties').key(k), `because it is defined in ${vPath.child('properties').key(k).toString()}`));
      } else if (sp) check(sp, structPath.child('properties').key(k), p, vPath.child('properties').key(k));
    }
    for (const [name, list] of [['allOf', v.allOf], ['anyOf', v.anyOf], ['oneOf', v.oneOf]] as const) {
      (list ?? []).forEach((j, i) => check(struct, structPath, j, vPath.child(name).index(i)));
    }
    if (v.not) check(struct, structPath, v.not, vPath.child('not'));
  };
  const walk = (struct: JSONSchemaProps, p: FieldPath) => {
    for (const [name, list] of [['allOf', struct.allOf], ['anyOf', struct.anyOf], ['oneOf', struct.oneOf]] as const) {
      (list ?? []).forEach((j, i) => check(struct, p, j, p.child(name).index(i)));
    }
    if (struct.not) check(struct, p, struct.not, p.child('not'));
    const items = itemsOf(struct);
    if (items) walk(items, p.child('items'));
    for (const [k, v] of Object.entries(struct.properties ?? {})) walk(v, p.child('properties').key(k));
    const additional = additionalSchemaOf(struct);
    if (additional) walk(additional, p.child('additionalProperties'));
  };
  walk(s, fld);
  return errs;
}

/** ValidateDefaults: every default is pruned and valid against the schema it sits in. */
export function validateDefaults(fld: FieldPath, s: JSONSchemaProps): FieldError[] {
  const errs: FieldError[] = [];
  const walk = (node: JSONSchemaProps, p: FieldPath, insideMeta: boolean) => {
    if (hasDefault(node) && !insideMeta) {
      const pruned = deepClone(node.default);
      pruneUnknown(pruned, node, isEmbedded(node));
      if (!deepEqual(pruned, node.default)) errs.push(fe.invalid(p.child('default'), node.default, 'must not have unknown fields'));
      else errs.push(...validateCustomResource(node, node.default, p.child('default').toString()));
    }
    const items = itemsOf(node);
    if (items) walk(items, p.child('items'), insideMeta);
    for (const [k, v] of Object.entries(node.properties ?? {})) {
      walk(v, p.child('properties').key(k), insideMeta || ((p === fld || isEmbedded(node)) && k === 'metadata'));
    }
    const additional = additionalSchemaOf(node);
    if (additional) walk(additional, p.child('additionalProperties'), insideMeta);
  };
  walk(s, fld, false);
  return errs;
}
