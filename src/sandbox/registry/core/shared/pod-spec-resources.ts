// Compute resource validation for containers, pod-level resources and overhead (upstream
// ValidateResourceRequirements; resource-name classes come from resource-names.ts), with
// upstream's wording: requests above limits read
// `spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1`.
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { fieldErrors as fe, FieldError, type FieldPath } from '../../../../apimachinery/field-errors.ts';
import type { Quantity } from '../../../../apimachinery/quantity.ts';
import type { PodSpecValidationOptions } from './pod-spec-options.ts';
import { isHugePageResourceName, isOvercommitAllowed, validateContainerResourceName } from './resource-names.ts';
import { quantityOf, validateResourceQuantityValue } from './resource-quantity.ts';

function hugePageError(name: string, q: Quantity): string | undefined {
  const size = quantityOf(name.slice('hugepages-'.length));
  if (!size || size.sign() <= 0) return undefined;
  const v = q.value();
  const s = size.value();
  if (s > 0n && v % s !== 0n) return `${q.toString()} is not positive integer multiple of ${name}`;
  return undefined;
}

/** ValidateResourceRequirements (containers, pod-level resources and overhead). */
export function validateResourceRequirements(
  req: core.ResourceRequirements | undefined,
  podClaimNames: ReadonlySet<string> | undefined,
  fld: FieldPath,
  _opts: PodSpecValidationOptions,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!req) return errs;
  const limPath = fld.child('limits');
  const reqPath = fld.child('requests');
  let limCpuMem = false;
  let reqCpuMem = false;
  let limHuge = false;
  let reqHuge = false;
  const limits = req.limits ?? {};
  for (const [name, v] of Object.entries(limits)) {
    const p = limPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantityOf(v);
    if (!q) continue;
    errs.push(...validateResourceQuantityValue(name, v, p));
    if (isHugePageResourceName(name)) {
      limHuge = true;
      const e = hugePageError(name, q);
      if (e) errs.push(fe.invalid(p, q.toString(), e));
    }
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  for (const [name, v] of Object.entries(req.requests ?? {})) {
    const p = reqPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantityOf(v);
    if (!q) continue;
    errs.push(...validateResourceQuantityValue(name, v, p));
    const limit = quantityOf(limits[name]);
    if (limit) {
      if (q.cmp(limit) !== 0 && !isOvercommitAllowed(name)) {
        errs.push(fe.invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
      } else if (q.cmp(limit) > 0) {
        errs.push(fe.invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(fe.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) {
      reqHuge = true;
      const e = hugePageError(name, q);
      if (e) errs.push(fe.invalid(p, q.toString(), e));
    }
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && (reqHuge || limHuge)) errs.push(fe.forbidden(fld, 'HugePages require cpu or memory'));
  errs.push(...validateResourceClaimNames(req.claims, podClaimNames ?? new Set(), fld.child('claims')));
  return errs;
}

function validateResourceClaimNames(claims: core.ResourceClaim[] | undefined, podClaimNames: ReadonlySet<string>, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (claims ?? []).forEach((c, i) => {
    const name = c.name ?? '';
    if (!name) {
      errs.push(fe.required(fld.index(i), ''));
      return;
    }
    if (seen.has(name)) errs.push(fe.duplicate(fld.index(i), name));
    else seen.add(name);
    if (!podClaimNames.has(name)) {
      const detail = podClaimNames.size === 0 ? ' which is empty' : `: ${[...podClaimNames].sort().join(', ')}`;
      errs.push(new FieldError('FieldValueNotFound', fld.index(i).toString(), name, `must be one of the names in pod.spec.resourceClaims${detail}`));
    }
  });
  return errs;
}
