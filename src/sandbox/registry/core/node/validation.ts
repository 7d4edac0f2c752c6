// Node validation (ValidateNode, ValidateNodeUpdate and validateNodeTaints in
// pkg/apis/core/validation). Taint errors sit under metadata.taints, as upstream reports them.
import { fieldErrors as fe, FieldError, type FieldPath, path, Rendered } from '../../../../apimachinery/field-errors.ts';
import { goQuote } from '../../../../apimachinery/go-format.ts';
import { deepEqual } from '../../../../apimachinery/object.ts';
import { isQualifiedName, isValidLabelValue } from '../../../../apimachinery/validation/names.ts';
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';
import { ipFamilyOf, validateCIDR } from '../shared/ip-address.ts';
import { validateResourceQuantityValue } from '../shared/resource-quantity.ts';
import { sortedEntries } from '../shared/sorted-entries.ts';
import type { Node } from './types.ts';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function goTaint(t: corev1.Taint): Rendered {
  const time = t.timeAdded ? `&v1.Time{Time:${t.timeAdded}}` : '(*v1.Time)(nil)';
  return new Rendered(`core.Taint{Key:${goQuote(t.key ?? '')}, Value:${goQuote(t.value ?? '')}, Effect:${goQuote(t.effect ?? '')}, TimeAdded:${time}}`);
}

export function validateNodeTaints(taints: corev1.Taint[], fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const p = fld.index(i);
    for (const m of isQualifiedName(t.key ?? '')) errs.push(fe.invalid(p.child('key'), t.key ?? '', m));
    const valueErrs = isValidLabelValue(t.value ?? '');
    if (valueErrs.length) errs.push(fe.invalid(p.child('value'), t.value ?? '', valueErrs.join(';')));
    if (!t.effect) errs.push(fe.required(p.child('effect'), ''));
    else if (!TAINT_EFFECTS.includes(t.effect)) errs.push(fe.notSupported(p.child('effect'), t.effect, TAINT_EFFECTS));
    const keys = unique.get(t.effect ?? '') ?? new Set<string>();
    if (keys.has(t.key ?? '')) {
      errs.push(new FieldError('FieldValueDuplicate', p.toString(), goTaint(t), 'taints must be unique by key and effect pair'));
      return;
    }
    keys.add(t.key ?? '');
    unique.set(t.effect ?? '', keys);
  });
  return errs;
}

function validateNodeResources(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of sortedEntries(node.status?.capacity)) errs.push(...validateResourceQuantityValue(k, v, path('status', 'capacity', k)));
  for (const [k, v] of sortedEntries(node.status?.allocatable)) errs.push(...validateResourceQuantityValue(k, v, path('status', 'allocatable', k)));
  return errs;
}

/** ValidateNode, without ObjectMeta. */
export function validateNode(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  if ((node.spec?.taints ?? []).length) errs.push(...validateNodeTaints(node.spec!.taints!, path('metadata', 'taints')));
  errs.push(...validateNodeResources(node));
  const cidrs = node.spec?.podCIDRs ?? [];
  if (cidrs.length) {
    const fld = path('spec', 'podCIDRs');
    cidrs.forEach((c, i) => errs.push(...validateCIDR(fld.index(i), c)));
    if (cidrs.length > 1) {
      const families = cidrs.map((c) => ipFamilyOf(c.split('/')[0] ?? ''));
      if (cidrs.length > 2 || families[0] === families[1]) errs.push(fe.invalid(fld, cidrs, 'may specify no more than one CIDR for each IP family'));
      const seen = new Set<string>();
      cidrs.forEach((c, i) => {
        if (seen.has(c)) errs.push(fe.duplicate(fld.index(i), c));
        seen.add(c);
      });
    }
  }
  return errs;
}

/** ValidateNodeUpdate, without ObjectMeta. */
export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const errs = validateNodeResources(node);
  const seen: corev1.NodeAddress[] = [];
  (node.status?.addresses ?? []).forEach((a, i) => {
    if (seen.some((s) => deepEqual(s, a))) {
      errs.push(fe.duplicate(path('status', 'addresses').index(i), new Rendered(`core.NodeAddress{Type:${goQuote(a.type ?? '')}, Address:${goQuote(a.address ?? '')}}`)));
    }
    seen.push(a);
  });
  const oldCIDRs = old.spec?.podCIDRs ?? [];
  const cidrs = node.spec?.podCIDRs ?? [];
  const cidrMsg = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== cidrs.length) errs.push(fe.forbidden(path('spec', 'podCIDRs'), cidrMsg));
    else oldCIDRs.forEach((c, i) => {
      if (c !== cidrs[i]) errs.push(fe.forbidden(path('spec', 'podCIDRs'), cidrMsg));
    });
  }
  if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) {
    errs.push(fe.forbidden(path('spec', 'providerID'), 'node updates may not change providerID except from "" to valid'));
  }
  if ((node.spec?.taints ?? []).length) errs.push(...validateNodeTaints(node.spec!.taints!, path('metadata', 'taints')));
  if ((node.spec?.externalID ?? '') !== (old.spec?.externalID ?? '')) errs.push(fe.forbidden(path('spec', 'externalID'), 'may not be updated'));
  return errs;
}
