// ReplicationController validation (pkg/apis/core/validation: ValidateReplicationControllerSpec,
// ValidatePodTemplateSpecForRC, ValidateReplicationControllerStatus). Unlike a ReplicaSet's, an
// RC's selector is a plain label map and may change.
import { fieldErrors as fe, type FieldError, type FieldPath, path } from '../../../../apimachinery/field-errors.ts';
import { selectorFromSet } from '../../../../apimachinery/labels.ts';
import { validateReplicaCountsStatus } from '../../apps/replicaset/validation.ts';
import { validatePodTemplate } from '../../apps/shared/pod-template.ts';
import { validateAlwaysRestart, validateSelectorMatchesTemplate } from '../../apps/shared/template-selector.ts';
import { validateNonnegative } from '../../apps/shared/validation-helpers.ts';
import type { ReplicationController, ReplicationControllerSpec } from './types.ts';

export function validateReplicationControllerSpec(spec: ReplicationControllerSpec, fld: FieldPath): FieldError[] {
  const errs = validateNonnegative(spec.minReadySeconds, fld.child('minReadySeconds'));
  const selectorMap = spec.selector ?? {};
  if (Object.keys(selectorMap).length === 0) errs.push(fe.required(fld.child('selector'), ''));
  errs.push(...validateNonnegative(spec.replicas, fld.child('replicas')));
  const tfld = fld.child('template');
  const template = spec.template;
  if (!template) errs.push(fe.required(tfld, ''));
  else {
    errs.push(...validateSelectorMatchesTemplate(selectorFromSet(selectorMap), template.metadata?.labels, tfld));
    errs.push(...validatePodTemplate(template, tfld));
    errs.push(...validateAlwaysRestart(template, tfld, 'ReplicationController'));
  }
  return errs;
}

export function validateReplicationController(rc: ReplicationController): FieldError[] {
  return validateReplicationControllerSpec(rc.spec ?? {}, path('spec'));
}

export function validateReplicationControllerStatus(rc: ReplicationController): FieldError[] {
  return validateReplicaCountsStatus(rc.status ?? { replicas: 0 }, path('status'));
}
