// The strategies of a custom resource (upstream apiextensions registry/customresource/strategy.go
// and validator.go): create sets generation 1 and, with the status subresource, drops status;
// updates of the main resource keep status and bump the generation on any change outside
// metadata; /status updates change only status. Validation is the version's schema, the scale
// paths, embedded resources and list types. x-kubernetes-validations (CEL) are not evaluated.
import { type FieldError, fieldErrors as fe, FieldPath, path as root } from '../../../apimachinery/field-errors.ts';
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, deepEqual, isPlainObject, type KubeObject, type StoredObject, type Unstructured } from '../../../apimachinery/object.ts';
import { isDNS1035Label } from '../../../apimachinery/validation/names.ts';
import type { Strategy, StrategyContext } from '../types.ts';
import { goPrint } from './go-value.ts';
import { validateListTypes } from './list-type.ts';
import { additionalSchemaOf, isEmbedded, itemsOf, type JSONSchemaProps, propertyOf } from './schema-props.ts';
import { validateCustomResource } from './schema-validation.ts';
import type { CustomResourceVersion } from './version.ts';

export const CRD_STORAGE_KEY = 'customresourcedefinitions.apiextensions.k8s.io';
const MAX_INT32 = 2147483647;

function content(obj: KubeObject): Record<string, unknown> {
  return obj as Unstructured;
}

/** Go's %T of an unstructured value. */
function goTypeName(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** unstructured.NestedFieldNoCopy along a `.a.b` path; `found` false when a step is missing. */
function nested(obj: unknown, jsonPath: string): { value: unknown; found: boolean; error?: string } {
  const fields = jsonPath.replace(/^\./, '').split('.');
  let cur: unknown = obj;
  for (let i = 0; i < fields.length; i++) {
    if (!isPlainObject(cur)) {
      if (cur === undefined || cur === null) return { value: undefined, found: false };
      return { value: undefined, found: false, error: `.${fields.slice(0, i).join('.')} accessor error: ${goPrint(cur)} is of the type ${goTypeName(cur)}, expected map[string]interface{}` };
    }
    if (!Object.prototype.hasOwnProperty.call(cur, fields[i]!)) return { value: undefined, found: false };
    cur = cur[fields[i]!];
  }
  return { value: cur, found: true };
}

function validateReplicas(obj: KubeObject, jsonPath: string): FieldError[] {
  const fld = root(jsonPath);
  const r = nested(obj, jsonPath);
  if (r.error) return [fe.invalid(fld, 0, r.error)];
  if (!r.found || r.value === null) return [];
  if (typeof r.value !== 'number' || !Number.isInteger(r.value)) {
    return [fe.invalid(fld, 0, `${jsonPath.startsWith('.') ? jsonPath : `.${jsonPath}`} accessor error: ${goPrint(r.value)} is of the type ${goTypeName(r.value)}, expected int64`)];
  }
  if (r.value < 0) return [fe.invalid(fld, r.value, 'should be a non-negative integer')];
  if (r.value > MAX_INT32) return [fe.invalid(fld, r.value, `should be less than or equal to ${MAX_INT32}`)];
  return [];
}

function validateScaleSpec(v: CustomResourceVersion, obj: KubeObject): FieldError[] {
  return v.scale ? validateReplicas(obj, v.scale.specReplicasPath) : [];
}

function validateScaleStatus(v: CustomResourceVersion, obj: KubeObject): FieldError[] {
  if (!v.scale) return [];
  const errs = validateReplicas(obj, v.scale.statusReplicasPath);
  const selectorPath = v.scale.labelSelectorPath;
  if (selectorPath) {
    const r = nested(obj, selectorPath);
    if (r.error) errs.push(fe.invalid(root(selectorPath), '', r.error));
    else if (r.found && r.value !== null && typeof r.value !== 'string') {
      errs.push(fe.invalid(root(selectorPath), '', `${selectorPath} accessor error: ${goPrint(r.value)} is of the type ${goTypeName(r.value)}, expected string`));
    }
  }
  return errs;
}

/** apiVersion and kind of x-kubernetes-embedded-resource objects (upstream schemaobjectmeta.Validate). */
function validateEmbedded(s: JSONSchemaProps | undefined, x: unknown, p: FieldPath | undefined, errs: FieldError[]): void {
  if (!s) return;
  if (Array.isArray(x)) {
    const items = itemsOf(s);
    x.forEach((v, i) => validateEmbedded(items, v, (p ?? root('')).index(i), errs));
    return;
  }
  if (!isPlainObject(x)) return;
  if (p && isEmbedded(s)) {
    const apiVersion = x.apiVersion;
    if (typeof apiVersion !== 'string' || apiVersion === '') errs.push(fe.required(p.child('apiVersion'), 'must not be empty'));
    else if (apiVersion.split('/').length > 2) errs.push(fe.invalid(p.child('apiVersion'), apiVersion, `unexpected GroupVersion string: ${apiVersion}`));
    const kind = x.kind;
    if (typeof kind !== 'string' || kind === '') errs.push(fe.required(p.child('kind'), 'must not be empty'));
    else {
      const msgs = isDNS1035Label(kind.toLowerCase());
      if (msgs.length) errs.push(fe.invalid(p.child('kind'), kind, `may have mixed case, but should otherwise match: ${msgs.join(',')}`));
    }
  }
  const additional = additionalSchemaOf(s);
  for (const [k, v] of Object.entries(x)) {
    if (p === undefined && k === 'metadata') continue;
    validateEmbedded(propertyOf(s, k) ?? additional, v, p ? p.child(k) : root(k), errs);
  }
}

function validateObject(v: CustomResourceVersion, obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (v.schema) errs.push(...validateCustomResource(v.schema, obj));
  errs.push(...validateScaleSpec(v, obj), ...validateScaleStatus(v, obj));
  validateEmbedded(v.schema, obj, undefined, errs);
  errs.push(...validateListTypes(v.schema, obj));
  return errs;
}

function copyNonMetadata(obj: KubeObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(content(obj))) if (k !== 'metadata') out[k] = val;
  return out;
}

function terminating(v: CustomResourceVersion, ctx: StrategyContext): boolean {
  return ctx.cluster.store.get(CRD_STORAGE_KEY, undefined, v.crdName)?.metadata.deletionTimestamp !== undefined;
}

export function customResourceStrategy(v: CustomResourceVersion): Strategy {
  return {
    prepareForCreate(obj, ctx) {
      if (terminating(v, ctx)) {
        throw new StatusError(405, 'MethodNotAllowed', 'create not allowed while custom resource definition is terminating', { group: v.group, kind: v.plural });
      }
      if (v.status) delete content(obj).status;
      obj.metadata!.generation = 1;
    },
    prepareForUpdate(obj, old) {
      const next = content(obj);
      const prev = old as Unstructured;
      if (v.status) {
        if ('status' in prev) next.status = deepClone(prev.status);
        else delete next.status;
      }
      if (!deepEqual(copyNonMetadata(obj), copyNonMetadata(old))) obj.metadata!.generation = (old.metadata.generation ?? 0) + 1;
    },
    validate: (obj) => validateObject(v, obj),
    validateUpdate: (obj) => validateObject(v, obj),
  };
}

/** The /status strategy: only status changes; metadata other than managedFields stays as stored. */
export function customResourceStatusStrategy(v: CustomResourceVersion): Strategy {
  return {
    prepareForUpdate(obj, old: StoredObject) {
      const next = content(obj);
      const status = next.status;
      const hasStatus = 'status' in next;
      const meta = obj.metadata!;
      const managedFields = meta.managedFields;
      for (const k of Object.keys(next)) if (k !== 'metadata') delete next[k];
      for (const [k, val] of Object.entries(old as Unstructured)) if (k !== 'metadata') next[k] = deepClone(val);
      const m = meta as Record<string, unknown>;
      for (const k of Object.keys(m)) delete m[k];
      Object.assign(m, deepClone(old.metadata));
      if (managedFields) meta.managedFields = managedFields;
      else delete meta.managedFields;
      if (hasStatus) next.status = status;
      else delete next.status;
    },
    validateUpdate: (obj) => {
      const errs: FieldError[] = [];
      if (v.schema) errs.push(...validateCustomResource(v.schema, obj));
      errs.push(...validateScaleStatus(v, obj));
      validateEmbedded(v.schema, obj, undefined, errs);
      errs.push(...validateListTypes(v.schema, obj));
      return errs;
    },
  };
}
