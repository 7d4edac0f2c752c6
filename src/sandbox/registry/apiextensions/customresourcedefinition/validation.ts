// CustomResourceDefinition validation with upstream's messages and field paths
// (apiextensions-apiserver pkg/apis/apiextensions/validation): group, scope, names, versions with
// exactly one storage version, per-version schemas (required, structural, defaults), printer
// columns, subresources, conversion, stored versions and API approval for protected groups.
import { fieldErrors as fe, type FieldError, type FieldPath, path, Rendered } from '../../../../apimachinery/field-errors.ts';
import { goQuote } from '../../../../apimachinery/go-format.ts';
import { deepEqual } from '../../../../apimachinery/object.ts';
import { isDNS1035Label, isDNS1123Subdomain } from '../../../../apimachinery/validation/names.ts';
import type { CustomResourceColumnDefinition, CustomResourceDefinitionNames, CustomResourceDefinitionSpec, CustomResourceSubresources } from '../../../../generated/k8s/apiextensions/v1.ts';
import { type JSONSchemaProps, someSchema } from '../../custom/schema-props.ts';
import { API_APPROVED_ANNOTATION, approvalState, isProtectedCommunityGroup } from './api-approval.ts';
import { validateSchemaRules } from './schema-rules.ts';
import { validateDefaults, validateStructural } from './structural.ts';
import { type CustomResourceDefinition } from './types.ts';

const PRINTER_COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const PRINTER_COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];
const ROOT_FIELDS_WITH_STATUS: Record<string, string> = {
  description: 'Description',
  type: 'Type',
  format: 'Format',
  title: 'Title',
  maximum: 'Maximum',
  exclusiveMaximum: 'ExclusiveMaximum',
  minimum: 'Minimum',
  exclusiveMinimum: 'ExclusiveMinimum',
  maxLength: 'MaxLength',
  minLength: 'MinLength',
  pattern: 'Pattern',
  maxItems: 'MaxItems',
  minItems: 'MinItems',
  uniqueItems: 'UniqueItems',
  multipleOf: 'MultipleOf',
  required: 'Required',
  items: 'Items',
  properties: 'Properties',
  externalDocs: 'ExternalDocs',
  example: 'Example',
  'x-kubernetes-preserve-unknown-fields': 'XPreserveUnknownFields',
  'x-kubernetes-validations': 'XValidations',
};
const MAX_SELECTABLE_FIELDS = 8;

/** Go's %#v of the versions list, as upstream prints it in "versions" errors (pointers elided). */
function renderVersions(spec: CustomResourceDefinitionSpec): Rendered {
  const ptr = (t: string, v: unknown) => (v === undefined ? `(*${t})(nil)` : `(*${t})(0xc000000000)`);
  const items = (spec.versions ?? []).map(
    (v) =>
      `apiextensions.CustomResourceDefinitionVersion{Name:${goQuote(v.name ?? '')}, Served:${v.served === true}, Storage:${v.storage === true}, Deprecated:${v.deprecated === true}, DeprecationWarning:${ptr('string', v.deprecationWarning)}, Schema:${ptr('apiextensions.CustomResourceValidation', v.schema)}, Subresources:${ptr('apiextensions.CustomResourceSubresources', v.subresources)}, AdditionalPrinterColumns:[]apiextensions.CustomResourceColumnDefinition(${v.additionalPrinterColumns?.length ? '...' : 'nil'}), SelectableFields:[]apiextensions.SelectableField(${v.selectableFields?.length ? '...' : 'nil'})}`,
  );
  return new Rendered(`[]apiextensions.CustomResourceDefinitionVersion{${items.join(', ')}}`);
}

function joinErrs(msgs: string[]): string {
  return msgs.join(',');
}

export function validateNames(names: CustomResourceDefinitionNames | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!names) return errs;
  const dns1035 = (v: string | undefined) => (v ? isDNS1035Label(v) : []);
  let m = dns1035(names.plural);
  if (m.length) errs.push(fe.invalid(fld.child('plural'), names.plural, joinErrs(m)));
  m = dns1035(names.singular);
  if (m.length) errs.push(fe.invalid(fld.child('singular'), names.singular, joinErrs(m)));
  m = dns1035(names.kind?.toLowerCase());
  if (m.length) errs.push(fe.invalid(fld.child('kind'), names.kind, `may have mixed case, but should otherwise match: ${joinErrs(m)}`));
  m = dns1035(names.listKind?.toLowerCase());
  if (m.length) errs.push(fe.invalid(fld.child('listKind'), names.listKind, `may have mixed case, but should otherwise match: ${joinErrs(m)}`));
  (names.shortNames ?? []).forEach((s, i) => {
    const e = isDNS1035Label(s);
    if (e.length) errs.push(fe.invalid(fld.child('shortNames').index(i), s, joinErrs(e)));
  });
  if (names.kind && names.kind === names.listKind) errs.push(fe.invalid(fld.child('listKind'), names.listKind, 'kind and listKind may not be the same'));
  (names.categories ?? []).forEach((c, i) => {
    const e = isDNS1035Label(c);
    if (e.length) errs.push(fe.invalid(fld.child('categories').index(i), c, joinErrs(e)));
  });
  return errs;
}

function validateSimpleJSONPath(s: string, fld: FieldPath): FieldError[] {
  if (s.length === 0) return [fe.invalid(fld, s, 'must not be empty')];
  if (s[0] !== '.') return [fe.invalid(fld, s, 'must be a simple json path starting with .')];
  return [];
}

function validateColumn(col: CustomResourceColumnDefinition, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!col.name) errs.push(fe.required(fld.child('name')));
  const types = `must be one of ${PRINTER_COLUMN_TYPES.join(',')}`;
  if (!col.type) errs.push(fe.required(fld.child('type'), types));
  else if (!PRINTER_COLUMN_TYPES.includes(col.type)) errs.push(fe.invalid(fld.child('type'), col.type, types));
  if (col.format && !PRINTER_COLUMN_FORMATS.includes(col.format)) {
    errs.push(fe.invalid(fld.child('format'), col.format, `must be one of ${PRINTER_COLUMN_FORMATS.join(',')}`));
  }
  if (!col.jsonPath) errs.push(fe.required(fld.child('JSONPath')));
  else errs.push(...validateSimpleJSONPath(col.jsonPath, fld.child('JSONPath')));
  return errs;
}

function validateSubresources(sub: CustomResourceSubresources | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const scale = sub?.scale;
  if (!scale) return errs;
  const spec = fld.child('scale.specReplicasPath');
  if (!scale.specReplicasPath) errs.push(fe.required(spec));
  else {
    const e = validateSimpleJSONPath(scale.specReplicasPath, spec);
    if (e.length) errs.push(...e);
    else if (!scale.specReplicasPath.startsWith('.spec.')) errs.push(fe.invalid(spec, scale.specReplicasPath, 'should be a json path under .spec'));
  }
  const status = fld.child('scale.statusReplicasPath');
  if (!scale.statusReplicasPath) errs.push(fe.required(status));
  else {
    const e = validateSimpleJSONPath(scale.statusReplicasPath, status);
    if (e.length) errs.push(...e);
    else if (!scale.statusReplicasPath.startsWith('.status.')) errs.push(fe.invalid(status, scale.statusReplicasPath, 'should be a json path under .status'));
  }
  if (scale.labelSelectorPath) {
    const sel = fld.child('scale.labelSelectorPath');
    const e = validateSimpleJSONPath(scale.labelSelectorPath, sel);
    if (e.length) errs.push(...e);
    else if (!scale.labelSelectorPath.startsWith('.spec.') && !scale.labelSelectorPath.startsWith('.status.')) {
      errs.push(fe.invalid(sel, scale.labelSelectorPath, 'should be a json path under either .spec or .status'));
    }
  }
  return errs;
}

function rootSchemaWithStatus(schema: JSONSchemaProps, fld: FieldPath): FieldError[] {
  for (const [key, value] of Object.entries(schema)) {
    if (value === undefined || value === null || value === false || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    if (key === 'type') {
      if (value !== 'object') {
        return [fe.invalid(fld.child('openAPIV3Schema.type'), value, 'only "object" is allowed as the type at the root of the schema if the status subresource is enabled')];
      }
      continue;
    }
    if (!ROOT_FIELDS_WITH_STATUS[key]) {
      const allowed = `[${Object.values(ROOT_FIELDS_WITH_STATUS).join(' ')}]`;
      return [fe.invalid(fld.child('openAPIV3Schema'), new Rendered('apiextensions.JSONSchemaProps{...}'), `only ${allowed} fields are allowed at the root of the schema if the status subresource is enabled`)];
    }
  }
  return [];
}

function validateVersionSchema(schema: JSONSchemaProps | undefined, statusEnabled: boolean, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!schema) return errs;
  if (statusEnabled) errs.push(...rootSchemaWithStatus(schema, fld));
  if (schema.nullable) errs.push(fe.forbidden(fld.child('openAPIV3Schema.nullable'), 'nullable cannot be true at the root'));
  const root = fld.child('openAPIV3Schema');
  const structural = validateStructural(root, schema);
  if (structural.length) errs.push(...structural);
  else errs.push(...validateDefaults(root, schema));
  errs.push(...validateSchemaRules(schema, root, true, { allowDefaults: true, disallowDefaultsReason: '', insideResourceMeta: false }));
  return errs;
}

function resolveSchemaPath(schema: JSONSchemaProps | undefined, jsonPath: string): JSONSchemaProps | undefined {
  let cur = schema;
  for (const part of jsonPath.replace(/^\./, '').split('.')) {
    cur = cur?.properties?.[part];
    if (!cur) return undefined;
  }
  return cur;
}

function validateSelectableFields(fields: NonNullable<CustomResourceDefinitionSpec['versions'][number]['selectableFields']>, schema: JSONSchemaProps | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Set<string>();
  fields.forEach((f, i) => {
    const p = fld.index(i).child('jsonPath');
    if (!f.jsonPath) {
      errs.push(fe.required(p));
      return;
    }
    const target = resolveSchemaPath(schema, f.jsonPath);
    if (!f.jsonPath.startsWith('.') || !target) {
      errs.push(fe.invalid(p, f.jsonPath, `is an invalid path: does not refer to a valid field`));
      return;
    }
    if (f.jsonPath.replace(/^\./, '').split('.')[0] === 'metadata') errs.push(fe.invalid(p, f.jsonPath, 'must not point to fields in metadata'));
    if (!['string', 'boolean', 'integer'].includes(target.type ?? '')) {
      errs.push(fe.invalid(p, f.jsonPath, 'must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.'));
    }
    if (unique.has(f.jsonPath)) errs.push(fe.duplicate(p, f.jsonPath));
    unique.add(f.jsonPath);
  });
  if (unique.size > MAX_SELECTABLE_FIELDS) errs.push(fe.tooMany(fld, unique.size, MAX_SELECTABLE_FIELDS));
  return errs;
}

function validateDeprecationWarning(deprecated: boolean, warning: string | undefined): string[] {
  if (!deprecated && warning !== undefined) return ['can only be set for deprecated versions'];
  if (warning === undefined) return [];
  const errs: string[] = [];
  if (warning.length > 256) errs.push('must be <= 256 characters long');
  if (warning.length === 0) errs.push('must not be an empty string');
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f-\u009f]/.exec(warning);
  if (control) errs.push(`must only contain printable UTF-8 characters; non-printable character found at index ${Buffer.byteLength(warning.slice(0, control.index))}`);
  return errs;
}

function hasDefaults(spec: CustomResourceDefinitionSpec): boolean {
  return (spec.versions ?? []).some((v) => someSchema(v.schema?.openAPIV3Schema, (s) => s.default !== undefined && s.default !== null));
}

function validateConversion(spec: CustomResourceDefinitionSpec, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const conversion = spec.conversion;
  if (!conversion) return errs;
  if (conversion.strategy !== 'None' && spec.preserveUnknownFields) {
    errs.push(fe.invalid(fld.child('strategy'), conversion.strategy, 'must be None if spec.preserveUnknownFields is true'));
  }
  if (!conversion.strategy) errs.push(fe.required(fld.child('strategy')));
  else if (conversion.strategy !== 'None' && conversion.strategy !== 'Webhook') errs.push(fe.notSupported(fld.child('strategy'), conversion.strategy, ['None', 'Webhook']));
  const webhook = conversion.webhook;
  if (conversion.strategy === 'Webhook') {
    const cc = webhook?.clientConfig;
    if (!cc) errs.push(fe.required(fld.child('webhookClientConfig'), 'required when strategy is set to Webhook'));
    else if ((cc.url === undefined) === (cc.service === undefined)) errs.push(fe.required(fld.child('webhookClientConfig'), 'exactly one of url or service is required'));
    const versions = webhook?.conversionReviewVersions ?? [];
    const p = fld.child('conversionReviewVersions');
    if (versions.length === 0) errs.push(fe.required(p));
    else {
      const seen = new Set<string>();
      versions.forEach((v, i) => {
        if (seen.has(v)) errs.push(fe.invalid(p.index(i), v, 'duplicate version'));
        else for (const m of isDNS1035Label(v)) errs.push(fe.invalid(p.index(i), v, m));
        seen.add(v);
      });
      if (!versions.some((v) => v === 'v1' || v === 'v1beta1')) errs.push(fe.invalid(p, versions, 'must include at least one of v1, v1beta1'));
    }
  } else {
    if (webhook?.clientConfig) errs.push(fe.forbidden(fld.child('webhookClientConfig'), 'should not be set when strategy is not set to Webhook'));
    if (webhook?.conversionReviewVersions?.length) errs.push(fe.forbidden(fld.child('conversionReviewVersions'), 'should not be set when strategy is not set to Webhook'));
  }
  return errs;
}

function validateSpec(spec: CustomResourceDefinitionSpec | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const s: CustomResourceDefinitionSpec = spec ?? ({ group: '', names: { kind: '', plural: '' }, scope: '', versions: [] } as CustomResourceDefinitionSpec);
  if (!s.group) errs.push(fe.required(fld.child('group')));
  else {
    const m = isDNS1123Subdomain(s.group);
    if (m.length) errs.push(fe.invalid(fld.child('group'), s.group, joinErrs(m)));
    else if (s.group.split('.').length < 2) errs.push(fe.invalid(fld.child('group'), s.group, 'should be a domain with at least one dot'));
  }
  if (!s.scope) errs.push(fe.required(fld.child('scope')));
  else if (s.scope !== 'Cluster' && s.scope !== 'Namespaced') errs.push(fe.notSupported(fld.child('scope'), s.scope, ['Cluster', 'Namespaced']));

  const versions = s.versions ?? [];
  versions.forEach((v, i) => {
    if (!v.schema?.openAPIV3Schema) errs.push(fe.required(fld.child('versions').index(i).child('schema').child('openAPIV3Schema'), 'schemas are required'));
  });
  if (hasDefaults(s) && s.preserveUnknownFields !== false && s.preserveUnknownFields !== undefined) {
    errs.push(fe.invalid(fld.child('preserveUnknownFields'), true, 'must be false in order to use defaults in the schema'));
  }
  let storage = 0;
  const names = new Set<string>();
  let unique = true;
  versions.forEach((v, i) => {
    const vp = fld.child('versions').index(i);
    if (v.storage) storage++;
    if (names.has(v.name)) unique = false;
    names.add(v.name);
    const m = isDNS1035Label(v.name ?? '');
    if (m.length) errs.push(fe.invalid(vp.child('name'), v.name ?? '', joinErrs(m)));
    for (const w of validateDeprecationWarning(v.deprecated === true, v.deprecationWarning)) errs.push(fe.invalid(vp.child('deprecationWarning'), v.deprecationWarning ?? '', w));
    errs.push(...validateVersionSchema(v.schema?.openAPIV3Schema, v.subresources?.status !== undefined, vp.child('schema')));
    errs.push(...validateSubresources(v.subresources, vp.child('subresources')));
    (v.additionalPrinterColumns ?? []).forEach((c, j) => errs.push(...validateColumn(c, vp.child('additionalPrinterColumns').index(j))));
    if (v.selectableFields?.length) {
      if (!v.schema?.openAPIV3Schema) errs.push(fe.invalid(vp.child('selectableFields'), '', 'selectableFields may only be set when version.schema.openAPIV3Schema is not included'));
      else errs.push(...validateSelectableFields(v.selectableFields, v.schema.openAPIV3Schema, vp.child('selectableFields')));
    }
  });
  if (!unique) errs.push(fe.invalid(fld.child('versions'), renderVersions(s), 'must contain unique version names'));
  if (storage !== 1) errs.push(fe.invalid(fld.child('versions'), renderVersions(s), 'must have exactly one version marked as storage version'));

  const n = s.names;
  if (!n?.plural) errs.push(fe.required(fld.child('names', 'plural')));
  if (!n?.singular) errs.push(fe.required(fld.child('names', 'singular')));
  if (!n?.kind) errs.push(fe.required(fld.child('names', 'kind')));
  if (!n?.listKind) errs.push(fe.required(fld.child('names', 'listKind')));
  errs.push(...validateNames(n, fld.child('names')));
  errs.push(...validateConversion(s, fld.child('conversion')));
  return errs;
}

function validateStoredVersions(crd: CustomResourceDefinition): FieldError[] {
  const fld = path('status', 'storedVersions');
  const stored = crd.status?.storedVersions ?? [];
  if (stored.length === 0) return [fe.invalid(fld, new Rendered('[]string(nil)'), 'must have at least one stored version')];
  const errs: FieldError[] = [];
  const remaining = new Map(stored.map((v, i) => [v, i]));
  for (const v of crd.spec?.versions ?? []) {
    if (v.storage && !remaining.has(v.name)) errs.push(fe.invalid(fld, stored, `must have the storage version ${v.name}`));
    remaining.delete(v.name);
  }
  for (const [v, i] of remaining) {
    errs.push(
      fe.invalid(
        fld.index(i),
        v,
        `missing from spec.versions; ${v} was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in ${v} and removes ${v} from status.storedVersions`,
      ),
    );
  }
  return errs;
}

function validateAPIApproval(crd: CustomResourceDefinition, old: CustomResourceDefinition | undefined): FieldError[] {
  if (!isProtectedCommunityGroup(crd.spec?.group ?? '')) return [];
  const next = approvalState(crd.metadata.annotations);
  if (old && approvalState(old.metadata.annotations).state === next.state) return [];
  const fld = path('metadata', 'annotations').key(API_APPROVED_ANNOTATION);
  switch (next.state) {
    case 'missing':
      return [fe.required(fld, next.reason)];
    case 'invalid':
      return [fe.invalid(fld, crd.metadata.annotations?.[API_APPROVED_ANNOTATION] ?? '', next.reason)];
    default:
      return [];
  }
}

function validatePreserveUnknownFields(crd: CustomResourceDefinition, old: CustomResourceDefinition | undefined): FieldError[] {
  if (old?.spec?.preserveUnknownFields) return [];
  if (crd.spec?.preserveUnknownFields) {
    return [fe.invalid(path('spec', 'preserveUnknownFields'), true, 'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead')];
  }
  return [];
}

function validateName(crd: CustomResourceDefinition): FieldError[] {
  const name = crd.metadata.name ?? '';
  if (!name) return [];
  if (name !== `${crd.spec?.names?.plural ?? ''}.${crd.spec?.group ?? ''}`) {
    return [fe.invalid(path('metadata', 'name'), name, 'must be spec.names.plural+"."+spec.group')];
  }
  return [];
}

function isEstablished(crd: CustomResourceDefinition): boolean {
  return (crd.status?.conditions ?? []).some((c) => c.type === 'Established' && c.status === 'True');
}

/** ValidateCustomResourceDefinition (ObjectMeta itself is validated by the generic store). */
export function validateCRD(crd: CustomResourceDefinition): FieldError[] {
  return [
    ...validateName(crd),
    ...validateSpec(crd.spec, path('spec')),
    ...validateNames(crd.status?.acceptedNames, path('status', 'acceptedNames')),
    ...validateStoredVersions(crd),
    ...validateAPIApproval(crd, undefined),
    ...validatePreserveUnknownFields(crd, undefined),
  ];
}

export function validateCRDUpdate(crd: CustomResourceDefinition, old: CustomResourceDefinition): FieldError[] {
  const errs = validateSpec(crd.spec, path('spec'));
  const immutable = (fld: FieldPath, a: unknown, b: unknown) => {
    if (!deepEqual(a, b)) errs.push(fe.invalid(fld, a ?? '', 'field is immutable'));
  };
  if (isEstablished(old)) {
    immutable(path('spec', 'scope'), crd.spec?.scope, old.spec?.scope);
    immutable(path('spec', 'names', 'kind'), crd.spec?.names?.kind, old.spec?.names?.kind);
  }
  immutable(path('spec', 'group'), crd.spec?.group, old.spec?.group);
  immutable(path('spec', 'names', 'plural'), crd.spec?.names?.plural, old.spec?.names?.plural);
  return [
    ...errs,
    ...validateNames(crd.status?.acceptedNames, path('status', 'acceptedNames')),
    ...validateStoredVersions(crd),
    ...validateAPIApproval(crd, old),
    ...validatePreserveUnknownFields(crd, old),
  ];
}

/** ValidateUpdateCustomResourceDefinitionStatus. */
export function validateCRDStatusUpdate(crd: CustomResourceDefinition): FieldError[] {
  return validateNames(crd.status?.acceptedNames, path('status', 'acceptedNames'));
}
