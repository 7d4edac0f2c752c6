// The rules every node of a CRD version's openAPIV3Schema obeys (upstream
// ValidateCustomResourceDefinitionOpenAPISchema and specStandardValidatorV3): supported types and
// keywords only, no defaults inside resource metadata, consistent x-kubernetes-* extensions.
// x-kubernetes-validations are checked for shape only; their CEL is neither compiled nor run.
import { fieldErrors as fe, type FieldError, type FieldPath } from '../../../../apimachinery/field-errors.ts';
import { additionalOf, itemsOf, type JSONSchemaProps } from '../../custom/schema-props.ts';

const OPENAPI_V3_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const META_FIELDS = new Set(['metadata', 'kind', 'apiVersion']);
const VALIDATION_REASONS = ['FieldValueDuplicate', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueRequired'];

interface Context {
  allowDefaults: boolean;
  disallowDefaultsReason: string;
  insideResourceMeta: boolean;
}

function standard(s: JSONSchemaProps, fld: FieldPath, ctx: Context): FieldError[] {
  const errs: FieldError[] = [];
  const raw = s as Record<string, unknown>;
  if (s.type && !OPENAPI_V3_TYPES.includes(s.type)) errs.push(fe.notSupported(fld.child('type'), s.type, OPENAPI_V3_TYPES));
  if (s.default !== undefined && s.default !== null && !ctx.allowDefaults) {
    errs.push(fe.forbidden(fld.child('default'), ctx.disallowDefaultsReason ? `must not be set ${ctx.disallowDefaultsReason}` : 'must not be set'));
  }
  if (s.id) errs.push(fe.forbidden(fld.child('id'), 'id is not supported'));
  if (s.additionalItems !== undefined) errs.push(fe.forbidden(fld.child('additionalItems'), 'additionalItems is not supported'));
  if (s.patternProperties && Object.keys(s.patternProperties).length) errs.push(fe.forbidden(fld.child('patternProperties'), 'patternProperties is not supported'));
  if (s.definitions && Object.keys(s.definitions).length) errs.push(fe.forbidden(fld.child('definitions'), 'definitions is not supported'));
  if (s.dependencies !== undefined) errs.push(fe.forbidden(fld.child('dependencies'), 'dependencies is not supported'));
  if (raw.$ref !== undefined) errs.push(fe.forbidden(fld.child('$ref'), '$ref is not supported'));
  if (s.type === 'null') errs.push(fe.forbidden(fld.child('type'), 'type cannot be set to null, use nullable as an alternative'));
  if (Array.isArray(s.items)) errs.push(fe.forbidden(fld.child('items'), 'items must be a schema object and not an array'));
  if (ctx.insideResourceMeta && s['x-kubernetes-embedded-resource']) {
    errs.push(fe.forbidden(fld.child('x-kubernetes-embedded-resource'), 'must not be used inside of resource meta'));
  }
  return errs;
}

function listMapSetRules(s: JSONSchemaProps, fld: FieldPath): FieldError[] {
  const items = itemsOf(s);
  const listType = s['x-kubernetes-list-type'];
  if (!items || (listType !== 'set' && listType !== 'map')) return [];
  const errs: FieldError[] = [];
  if (items.nullable) errs.push(fe.forbidden(fld.child('items').child('nullable'), `cannot be nullable when x-kubernetes-list-type is ${listType}`));
  if (listType === 'map') {
    const required = new Set(items.required ?? []);
    for (const k of s['x-kubernetes-list-map-keys'] ?? []) {
      const prop = items.properties?.[k];
      if (!prop) continue;
      if (!required.has(k) && prop.default === undefined) {
        errs.push(fe.required(fld.child('items').child('properties').key(k).child('default'), 'this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property'));
      }
      if (prop.nullable) {
        errs.push(fe.forbidden(fld.child('items').child('properties').key(k).child('nullable'), 'this property is in x-kubernetes-list-map-keys, so it cannot be nullable'));
      }
    }
  }
  return errs;
}

function validationRules(s: JSONSchemaProps, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (s['x-kubernetes-validations'] ?? []).forEach((rule, i) => {
    const p = fld.child('x-kubernetes-validations').index(i);
    const trimmedRule = (rule.rule ?? '').trim();
    const trimmedMsg = (rule.message ?? '').trim();
    if (trimmedRule === '') errs.push(fe.required(p.child('rule'), 'rule is not specified'));
    else if (rule.message && trimmedMsg === '') errs.push(fe.invalid(p.child('message'), rule.message, 'message must be non-empty if specified'));
    else if (/[\n\r]/.test(trimmedMsg)) errs.push(fe.invalid(p.child('message'), rule.message ?? '', 'message must not contain line breaks'));
    else if (/[\n\r]/.test(trimmedRule) && trimmedMsg === '') errs.push(fe.required(p.child('message'), 'message must be specified if rule contains line breaks'));
    if (rule.messageExpression !== undefined && rule.messageExpression.trim() === '' && rule.messageExpression.length > 0) {
      errs.push(fe.required(p.child('messageExpression'), 'messageExpression must be non-empty if specified'));
    }
    if (rule.reason !== undefined && !VALIDATION_REASONS.includes(rule.reason)) errs.push(fe.notSupported(p.child('reason'), rule.reason, VALIDATION_REASONS));
    if (rule.fieldPath !== undefined && rule.fieldPath.length > 0 && rule.fieldPath.trim() === '') {
      errs.push(fe.invalid(p.child('fieldPath'), rule.fieldPath, 'fieldPath must be non-empty if specified'));
    }
    if (rule.fieldPath !== undefined && /[\n\r]/.test(rule.fieldPath)) errs.push(fe.invalid(p.child('fieldPath'), rule.fieldPath, 'fieldPath must not contain line breaks'));
  });
  return errs;
}

export function validateSchemaRules(s: JSONSchemaProps | undefined, fld: FieldPath, isRoot: boolean, ctx: Context): FieldError[] {
  if (!s) return [];
  const errs = standard(s, fld, ctx);
  if (s.uniqueItems) errs.push(fe.forbidden(fld.child('uniqueItems'), 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  const additional = additionalOf(s);
  if (s.additionalProperties !== undefined) {
    if (s.properties && Object.keys(s.properties).length && (additional === false || typeof additional === 'object')) {
      errs.push(fe.forbidden(fld.child('additionalProperties'), 'additionalProperties and properties are mutual exclusive'));
    }
    const sub = ctx.insideResourceMeta ? { ...ctx, allowDefaults: false, disallowDefaultsReason: 'inside additionalProperties applying to object metadata' } : ctx;
    if (typeof additional === 'object') errs.push(...validateSchemaRules(additional, fld.child('additionalProperties'), false, sub));
  }
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    let sub = ctx;
    if ((isRoot || s['x-kubernetes-embedded-resource']) && META_FIELDS.has(name)) {
      sub = { ...sub, insideResourceMeta: true };
      if (isRoot) sub = { ...sub, allowDefaults: false, disallowDefaultsReason: `in top-level ${name}` };
    }
    errs.push(...validateSchemaRules(prop, fld.child('properties').key(name), false, sub));
  }
  if (s.not) errs.push(...validateSchemaRules(s.not, fld.child('not'), false, ctx));
  for (const [name, list] of [['allOf', s.allOf], ['oneOf', s.oneOf], ['anyOf', s.anyOf]] as const) {
    (list ?? []).forEach((j, i) => errs.push(...validateSchemaRules(j, fld.child(name).index(i), false, ctx)));
  }
  for (const [name, d] of Object.entries(s.definitions ?? {})) errs.push(...validateSchemaRules(d, fld.child('definitions').key(name), false, ctx));
  const items = itemsOf(s);
  if (items) errs.push(...validateSchemaRules(items, fld.child('items'), false, ctx));

  if (s['x-kubernetes-preserve-unknown-fields'] === false) {
    errs.push(fe.invalid(fld.child('x-kubernetes-preserve-unknown-fields'), false, 'must be true or undefined'));
  }
  const mapType = s['x-kubernetes-map-type'];
  if (mapType !== undefined && s.type !== 'object') {
    if (!s.type) errs.push(fe.required(fld.child('type'), 'must be object if x-kubernetes-map-type is specified'));
    else errs.push(fe.invalid(fld.child('type'), s.type, 'must be object if x-kubernetes-map-type is specified'));
  }
  if (mapType !== undefined && mapType !== 'atomic' && mapType !== 'granular') {
    errs.push(fe.notSupported(fld.child('x-kubernetes-map-type'), mapType, ['atomic', 'granular']));
  }
  const listType = s['x-kubernetes-list-type'];
  if (listType !== undefined && s.type !== 'array') {
    if (!s.type) errs.push(fe.required(fld.child('type'), 'must be array if x-kubernetes-list-type is specified'));
    else errs.push(fe.invalid(fld.child('type'), s.type, 'must be array if x-kubernetes-list-type is specified'));
  } else if (listType === 'set' && items) {
    if (items.type === 'array' && items['x-kubernetes-list-type'] !== undefined && items['x-kubernetes-list-type'] !== 'atomic') {
      errs.push(fe.invalid(fld.child('items').child('x-kubernetes-list-type'), items['x-kubernetes-list-type'], 'must be atomic as item of a list with x-kubernetes-list-type=set'));
    }
    if (items.type === 'object' && items['x-kubernetes-map-type'] !== 'atomic') {
      errs.push(fe.invalid(fld.child('items').child('x-kubernetes-map-type'), listType, 'must be atomic as item of a list with x-kubernetes-list-type=set'));
    }
  }
  if (listType !== undefined && listType !== 'atomic' && listType !== 'set' && listType !== 'map') {
    errs.push(fe.notSupported(fld.child('x-kubernetes-list-type'), listType, ['atomic', 'set', 'map']));
  }
  const mapKeys = s['x-kubernetes-list-map-keys'] ?? [];
  if (mapKeys.length > 0) {
    if (listType === undefined) errs.push(fe.required(fld.child('x-kubernetes-list-type'), 'must be map if x-kubernetes-list-map-keys is non-empty'));
    else if (listType !== 'map') errs.push(fe.invalid(fld.child('x-kubernetes-list-type'), listType, 'must be map if x-kubernetes-list-map-keys is non-empty'));
  }
  if (listType === 'map') {
    if (mapKeys.length === 0) errs.push(fe.required(fld.child('x-kubernetes-list-map-keys'), 'must not be empty if x-kubernetes-list-type is map'));
    if (s.items === undefined) errs.push(fe.required(fld.child('items'), 'must have a schema if x-kubernetes-list-type is map'));
    if (items && items.type !== 'object') {
      errs.push(fe.invalid(fld.child('items').child('type'), items.type ?? '', "must be object if parent array's x-kubernetes-list-type is map"));
    }
    if (items && items.type === 'object') {
      const seen = new Set<string>();
      for (const k of mapKeys) {
        const prop = items.properties?.[k];
        if (prop) {
          if (prop.type === 'array' || prop.type === 'object') {
            errs.push(fe.invalid(fld.child('items').child('properties').key(k).child('type'), items.type, "must be a scalar type if parent array's x-kubernetes-list-type is map"));
          }
        } else errs.push(fe.invalid(fld.child('x-kubernetes-list-map-keys'), mapKeys, 'entries must all be names of item properties'));
        if (seen.has(k)) errs.push(fe.invalid(fld.child('x-kubernetes-list-map-keys'), mapKeys, 'must not contain duplicate entries'));
        seen.add(k);
      }
    }
  }
  errs.push(...listMapSetRules(s, fld));
  errs.push(...validationRules(s, fld));
  return errs;
}
