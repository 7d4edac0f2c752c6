// The pod template rules every workload kind shares (upstream SetDefaults_PodSpec and friends,
// ValidatePodTemplateSpec, GetWarningsForPodTemplate), owned by core/shared/pod-spec-*.ts. The
// workload kinds reach them only through this file.
import type { FieldError, FieldPath } from '../../../../apimachinery/field-errors.ts';
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';
import { defaultPodSpec } from '../../core/shared/pod-spec-defaults.ts';
import { validatePodSpecificAnnotations, validatePodTemplateSpec } from '../../core/shared/pod-spec-validation.ts';
import { warningsForPodSpec } from '../../core/shared/pod-spec-warnings.ts';

export type PodTemplateSpec = corev1.PodTemplateSpec;

/** The defaults of an embedded pod template (SetObjectDefaults for its PodSpec). */
export function defaultPodTemplate(tpl: PodTemplateSpec | undefined): void {
  if (tpl?.spec) defaultPodSpec(tpl.spec);
}

/** ValidatePodTemplateSpec: template labels, annotations and the pod spec. */
export function validatePodTemplate(tpl: PodTemplateSpec, fld: FieldPath): FieldError[] {
  return validatePodTemplateSpec(tpl, fld);
}

/** ValidatePodSpecificAnnotations on a template (what StatefulSets check instead of the whole spec). */
export function validateTemplateAnnotations(tpl: PodTemplateSpec, fld: FieldPath): FieldError[] {
  return validatePodSpecificAnnotations(tpl.metadata?.annotations, tpl.spec, fld);
}

/** GetWarningsForPodTemplate. */
export function podTemplateWarnings(tpl: PodTemplateSpec | undefined, fld: FieldPath, _old?: PodTemplateSpec): string[] {
  return tpl ? warningsForPodSpec(tpl.spec, tpl.metadata, fld) : [];
}
