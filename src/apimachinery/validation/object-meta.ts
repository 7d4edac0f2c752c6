// ObjectMeta validation shared by every kind (k8s.io/apimachinery/pkg/api/validation/objectmeta.go).
import { fieldErrors as fe, type FieldError, FieldPath, path } from '../field-errors.ts';
import type { ObjectMeta } from '../object.ts';
import { deepEqual } from '../object.ts';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './names.ts';

/** How a kind's names are validated (upstream ValidateNameFunc). */
export type NameValidation = 'subdomain' | 'label' | 'dns1035' | 'path-segment';

export type NameFunc = (name: string, prefix: boolean) => string[];

function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

export const nameFuncs: Record<NameValidation, NameFunc> = {
  subdomain: (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name),
  label: (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name),
  dns1035: (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name),
  'path-segment': (name, prefix) => validatePathSegmentName(name, prefix),
};

/** path.ValidatePathSegmentName: names used in URL paths (RBAC roles, CRDs). */
export function validatePathSegmentName(name: string, prefix: boolean): string[] {
  if (!prefix) {
    if (name === '.' || name === '..') return [`may not be '${name}'`];
  }
  for (const bad of ['/', '%']) if (name.includes(bad)) return [`may not contain '${bad}'`];
  return [];
}

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/**
 * Label keys and values known to be valid: every update validates all of an object's labels
 * again, and they are nearly always the same few strings. (Only valid ones are kept.)
 */
const validLabelKeys = new Set<string>();
const validLabelValues = new Set<string>();

function remember(set: Set<string>, s: string): void {
  if (set.size >= 10_000) set.clear();
  set.add(s);
}

export function validateLabels(labels: Record<string, string> | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const k in labels) {
    const v = labels[k]!;
    if (!validLabelKeys.has(k)) {
      const msgs = isQualifiedName(k);
      for (const m of msgs) errs.push(fe.invalid(fld, k, m));
      if (!msgs.length) remember(validLabelKeys, k);
    }
    if (!validLabelValues.has(v)) {
      const msgs = isValidLabelValue(v);
      for (const m of msgs) errs.push(fe.invalid(fld.key(k), v, m));
      if (!msgs.length) remember(validLabelValues, v);
    }
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(fe.invalid(fld, k, m));
    total += k.length + v.length;
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(fe.tooLong(fld, '', TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

function validateOwnerReferences(refs: ObjectMeta['ownerReferences'], fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let controllers = 0;
  const seen = new Set<string>();
  (refs ?? []).forEach((r, i) => {
    const p = fld.index(i);
    if (!r.apiVersion) errs.push(fe.invalid(p.child('apiVersion'), r.apiVersion ?? '', 'version must not be empty'));
    if (!r.kind) errs.push(fe.invalid(p.child('kind'), r.kind ?? '', 'kind must not be empty'));
    if (!r.name) errs.push(fe.invalid(p.child('name'), r.name ?? '', 'name must not be empty'));
    if (!r.uid) errs.push(fe.invalid(p.child('uid'), r.uid ?? '', 'uid must not be empty'));
    if (r.controller) controllers++;
    if (r.uid && seen.has(r.uid)) errs.push(fe.duplicate(p.child('uid'), r.uid));
    if (r.uid) seen.add(r.uid);
  });
  if (controllers > 1) {
    errs.push(fe.invalid(fld, refs, 'Only one reference can have Controller set to true.'));
  }
  return errs;
}

function validateFinalizers(finalizers: string[] | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  const list = finalizers ?? [];
  list.forEach((f, i) => {
    for (const m of isQualifiedName(f)) errs.push(fe.invalid(fld.index(i), f, m));
    if (seen.has(f)) errs.push(fe.duplicate(fld.index(i), f));
    seen.add(f);
  });
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(fe.invalid(fld, list, "finalizers 'orphan' and 'foregroundDeletion' cannot be both set"));
  }
  return errs;
}

export interface MetaValidationOptions {
  namespaced: boolean;
  nameFunc: NameFunc;
}

/** ValidateObjectMeta for create. */
export function validateObjectMeta(meta: ObjectMeta, opts: MetaValidationOptions, fld: FieldPath = path('metadata')): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) {
    for (const m of opts.nameFunc(meta.generateName, true)) errs.push(fe.invalid(fld.child('generateName'), meta.generateName, m));
  }
  if (!meta.name) errs.push(fe.required(fld.child('name'), 'name or generateName is required'));
  else for (const m of opts.nameFunc(meta.name, false)) errs.push(fe.invalid(fld.child('name'), meta.name, m));
  if (opts.namespaced) {
    if (!meta.namespace) errs.push(fe.required(fld.child('namespace'), ''));
    else for (const m of isDNS1123Label(meta.namespace)) errs.push(fe.invalid(fld.child('namespace'), meta.namespace, m));
  } else if (meta.namespace) {
    errs.push(fe.forbidden(fld.child('namespace'), 'not allowed on this type'));
  }
  if (meta.generation !== undefined && meta.generation < 0) {
    errs.push(fe.invalid(fld.child('generation'), meta.generation, 'must be greater than or equal to 0'));
  }
  errs.push(...validateLabels(meta.labels, fld.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, fld.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, fld.child('ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, fld.child('finalizers')));
  return errs;
}

/** ValidateObjectMetaUpdate: identity and system fields are immutable. */
export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta, opts: MetaValidationOptions, fld: FieldPath = path('metadata')): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabels(meta.labels, fld.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, fld.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, fld.child('ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, fld.child('finalizers')));
  if (old.deletionTimestamp) {
    const added = (meta.finalizers ?? []).filter((f) => !(old.finalizers ?? []).includes(f));
    if (added.length) errs.push(fe.forbidden(fld.child('finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`));
  }
  const immutable = (field: keyof ObjectMeta) => {
    if (!deepEqual(meta[field], old[field])) errs.push(fe.invalid(fld.child(field), meta[field] ?? '', 'field is immutable'));
  };
  immutable('name');
  immutable('namespace');
  immutable('uid');
  immutable('creationTimestamp');
  immutable('deletionTimestamp');
  immutable('deletionGracePeriodSeconds');
  void opts;
  return errs;
}
