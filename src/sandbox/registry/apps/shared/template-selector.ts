// Selector/template rules of the replicated workloads (pkg/apis/apps/validation): the selector is
// required, valid and non-empty, and it must select the template's labels; the template must
// restart Always and may not set activeDeadlineSeconds.
import { fieldErrors as fe, type FieldError, type FieldPath } from '../../../../apimachinery/field-errors.ts';
import { labelSelectorAsSelector, type LabelSelector, type Selector } from '../../../../apimachinery/labels.ts';
import { validateLabelSelector } from '../../../../apimachinery/validation/label-selector.ts';
import { goLabels, goLabelSelector } from './go-value.ts';
import { type PodTemplateSpec, validatePodTemplate } from './pod-template.ts';

/** metav1.LabelSelectorAsSelector, or undefined when it does not convert. */
export function selectorOf(sel: LabelSelector | undefined): Selector | undefined {
  try {
    return labelSelectorAsSelector(sel);
  } catch {
    return undefined;
  }
}

/** Selector required, strictly valid and non-empty (`empty selector is invalid for <kind>`). */
export function validateRequiredSelector(sel: LabelSelector | undefined, fld: FieldPath, kindWord: string): FieldError[] {
  if (!sel) return [fe.required(fld, '')];
  const errs = validateLabelSelector(sel, fld);
  if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
    errs.push(fe.invalid(fld, goLabelSelector(sel), `empty selector is invalid for ${kindWord}`));
  }
  return errs;
}

/** The template's labels must be selected by a non-empty selector. */
export function validateSelectorMatchesTemplate(selector: Selector, labels: Record<string, string> | undefined, fld: FieldPath): FieldError[] {
  if (selector.isEmpty() || selector.matches(labels)) return [];
  return [fe.invalid(fld.child('metadata', 'labels'), goLabels(labels), '`selector` does not match template `labels`')];
}

/** ValidatePodTemplateSpecForReplicaSet (also Deployments and, without the pod spec, StatefulSets). */
export function validateReplicatedTemplate(
  tpl: PodTemplateSpec | undefined,
  selector: Selector,
  fld: FieldPath,
  kind: string,
  opts: { podSpec: boolean } = { podSpec: true },
): FieldError[] {
  if (!tpl) return [fe.required(fld, '')];
  const errs = validateSelectorMatchesTemplate(selector, tpl.metadata?.labels, fld);
  if (opts.podSpec) errs.push(...validatePodTemplate(tpl, fld));
  errs.push(...validateAlwaysRestart(tpl, fld, kind));
  return errs;
}

/**
 * restartPolicy must be Always; activeDeadlineSeconds is not supported. An absent restartPolicy is
 * left to the pod defaults (which set Always before validation runs).
 */
export function validateAlwaysRestart(tpl: PodTemplateSpec, fld: FieldPath, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  const policy = tpl.spec?.restartPolicy;
  if (policy !== undefined && policy !== 'Always') errs.push(fe.notSupported(fld.child('spec', 'restartPolicy'), policy, ['Always']));
  if (tpl.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(fe.forbidden(fld.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}
