// Job validation (pkg/apis/batch/validation): the generated selector, the spec (parallelism,
// completions, backoff, completion mode, pod failure and success policies, replacement policy,
// the template and its restart policy) and what an update may change.
import { fieldErrors as fe, type FieldError, type FieldPath, OMIT, path, Rendered } from '../../../../apimachinery/field-errors.ts';
import { goQuote } from '../../../../apimachinery/go-format.ts';
import { deepClone, deepEqual } from '../../../../apimachinery/object.ts';
import { validateLabelSelector } from '../../../../apimachinery/validation/label-selector.ts';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, regexError } from '../../../../apimachinery/validation/names.ts';
import type * as batchv1 from '../../../../generated/k8s/batch/v1.ts';
import { goLabels, goLabelSelector } from '../../apps/shared/go-value.ts';
import { validatePodTemplate } from '../../apps/shared/pod-template.ts';
import { selectorOf } from '../../apps/shared/template-selector.ts';
import { validateImmutable, validateNonnegative } from '../../apps/shared/validation-helpers.ts';
import { CONTROLLER_UID_LABEL, JOB_NAME_LABEL, LEGACY_CONTROLLER_UID_LABEL, LEGACY_JOB_NAME_LABEL } from './selector.ts';
import type { Job, JobSpec, JobStatus } from './types.ts';

const MAX_PARALLELISM_INDEXED = 100000;
const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_HIGH_COMPLETIONS = 10_000;
const MAX_FAILED_INDEXES_HIGH_COMPLETIONS = 10_000;
const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_EXIT_CODE_VALUES = 255;
const MAX_CONDITION_PATTERNS = 20;
const MAX_MANAGED_BY_LENGTH = 63;
const MAX_SUCCESS_POLICY_RULES = 20;
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;

const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const OPERATORS = ['In', 'NotIn'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];
const REPLACEMENT_POLICIES = ['Failed', 'TerminatingOrFailed'];

/** Go's %q of a []string: `["a" "b"]`. */
const goQuotedList = (xs: readonly string[]) => `[${xs.map((x) => goQuote(x)).join(' ')}]`;

export interface JobValidationOptions {
  /** The batch.kubernetes.io/ labels are required (always on create; on update when the old Job had them). */
  requirePrefixedLabels: boolean;
  /** Scheduling directives of the template may change (the old Job is suspended and never started). */
  allowMutableSchedulingDirectives: boolean;
}

function validateHasLabel(labels: Record<string, string> | undefined, fld: FieldPath, key: string, expected: string): FieldError[] {
  const actual = labels?.[key];
  if (actual === undefined) return [fe.required(fld.child('labels').key(key), expected)];
  if (actual !== expected) return [fe.invalid(fld.child('labels').key(key), goLabels(labels), `must be '${expected}'`)];
  return [];
}

/** validateGeneratedSelector: the generated labels are on the template and the selector picks them. */
export function validateGeneratedSelector(job: Job, validateBatchLabels: boolean): FieldError[] {
  const spec = job.spec;
  if (!spec || spec.manualSelector === true || !spec.selector) return [];
  const errs: FieldError[] = [];
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  if (!uid) errs.push(fe.required(path('metadata', 'uid'), ''));
  const tfld = path('spec', 'template', 'metadata');
  const labels = spec.template?.metadata?.labels;
  errs.push(...validateHasLabel(labels, tfld, LEGACY_CONTROLLER_UID_LABEL, uid));
  errs.push(...validateHasLabel(labels, tfld, LEGACY_JOB_NAME_LABEL, name));
  const expected: Record<string, string> = {};
  if (validateBatchLabels) {
    errs.push(...validateHasLabel(labels, tfld, CONTROLLER_UID_LABEL, uid));
    errs.push(...validateHasLabel(labels, tfld, JOB_NAME_LABEL, name));
    expected[CONTROLLER_UID_LABEL] = uid;
    expected[JOB_NAME_LABEL] = name;
  }
  expected[LEGACY_CONTROLLER_UID_LABEL] = uid;
  expected[LEGACY_JOB_NAME_LABEL] = name;
  const selector = selectorOf(spec.selector);
  if (selector && !selector.matches(expected)) errs.push(fe.invalid(path('spec', 'selector'), goLabelSelector(spec.selector), '`selector` not auto-generated'));
  return errs;
}

function validateManagedBy(value: string, fld: FieldPath): FieldError[] {
  if (value.length === 0) return [fe.required(fld, '')];
  const slash = value.indexOf('/');
  const host = slash < 0 ? '' : value.slice(0, slash);
  const rest = slash < 0 ? '' : value.slice(slash + 1);
  if (!host || !rest) return [fe.invalid(fld, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const errs = isDNS1123Subdomain(host).map((m) => fe.invalid(fld, host, m));
  const httpPathFmt = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
  if (!new RegExp(`^${httpPathFmt}$`).test(rest)) errs.push(fe.invalid(fld, rest, regexError('Invalid path', httpPathFmt)));
  if (value.length > MAX_MANAGED_BY_LENGTH) errs.push(fe.tooLongMaxLength(fld, value, MAX_MANAGED_BY_LENGTH));
  return errs;
}

function validateOnExitCodes(req: batchv1.PodFailurePolicyOnExitCodesRequirement, fld: FieldPath, containerNames: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const op = req.operator ?? '';
  if (op === '') errs.push(fe.required(fld.child('operator'), `valid values: ${goQuotedList(OPERATORS)}`));
  else if (!OPERATORS.includes(op)) errs.push(fe.notSupported(fld.child('operator'), op, OPERATORS));
  if (req.containerName !== undefined && !containerNames.has(req.containerName)) {
    errs.push(fe.invalid(fld.child('containerName'), req.containerName, 'must be one of the container or initContainer names in the pod template'));
  }
  const values = req.values ?? [];
  const vfld = fld.child('values');
  if (values.length === 0) errs.push(fe.invalid(vfld, new Rendered('[]int32(nil)'), 'at least one value is required'));
  else if (values.length > MAX_EXIT_CODE_VALUES) errs.push(fe.tooMany(vfld, values.length, MAX_EXIT_CODE_VALUES));
  const seen = new Set<number>();
  let ordered = true;
  values.forEach((v, j) => {
    if (op === 'In' && v === 0) errs.push(fe.invalid(vfld.index(j), v, 'must not be 0 for the In operator'));
    if (seen.has(v)) errs.push(fe.duplicate(vfld.index(j), v));
    else seen.add(v);
    if (j > 0 && values[j - 1]! > v) ordered = false;
  });
  if (!ordered) errs.push(fe.invalid(vfld, new Rendered(`[]int32{${values.join(', ')}}`), 'must be ordered'));
  return errs;
}

function validateOnPodConditions(patterns: batchv1.PodFailurePolicyOnPodConditionsPattern[], fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (patterns.length > MAX_CONDITION_PATTERNS) errs.push(fe.tooMany(fld, patterns.length, MAX_CONDITION_PATTERNS));
  patterns.forEach((p, j) => {
    const pf = fld.index(j);
    errs.push(...isQualifiedName(p.type ?? '').map((m) => fe.invalid(pf.child('type'), p.type ?? '', m)));
    const status = p.status ?? '';
    if (status === '') errs.push(fe.required(pf.child('status'), `valid values: ${goQuotedList(CONDITION_STATUSES)}`));
    else if (!CONDITION_STATUSES.includes(status)) errs.push(fe.notSupported(pf.child('status'), status, CONDITION_STATUSES));
  });
  return errs;
}

function validatePodFailurePolicy(spec: JobSpec, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const rules = spec.podFailurePolicy?.rules ?? [];
  const rulesPath = fld.child('rules');
  if (rules.length > MAX_POD_FAILURE_POLICY_RULES) errs.push(fe.tooMany(rulesPath, rules.length, MAX_POD_FAILURE_POLICY_RULES));
  const names = new Set([...(spec.template?.spec?.containers ?? []), ...(spec.template?.spec?.initContainers ?? [])].map((c) => c.name));
  rules.forEach((rule, i) => {
    const rf = rulesPath.index(i);
    const action = rule.action ?? '';
    if (action === '') errs.push(fe.required(rf.child('action'), `valid values: ${goQuotedList(ACTIONS)}`));
    else if (action === 'FailIndex') {
      if (spec.backoffLimitPerIndex === undefined) errs.push(fe.invalid(rf.child('action'), action, 'requires the backoffLimitPerIndex to be set'));
    } else if (!ACTIONS.includes(action)) errs.push(fe.notSupported(rf.child('action'), action, ACTIONS));
    if (rule.onExitCodes) errs.push(...validateOnExitCodes(rule.onExitCodes, rf.child('onExitCodes'), names));
    const conds = rule.onPodConditions ?? [];
    if (conds.length) errs.push(...validateOnPodConditions(conds, rf.child('onPodConditions')));
    if (rule.onExitCodes && conds.length) errs.push(fe.invalid(rf, OMIT, 'specifying both OnExitCodes and OnPodConditions is not supported'));
    if (!rule.onExitCodes && !conds.length) errs.push(fe.invalid(rf, OMIT, 'specifying one of OnExitCodes and OnPodConditions is required'));
  });
  return errs;
}

function validateSuccessPolicy(spec: JobSpec, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const rules = spec.successPolicy?.rules ?? [];
  const rulesPath = fld.child('rules');
  if (rules.length === 0) errs.push(fe.required(rulesPath, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > MAX_SUCCESS_POLICY_RULES) errs.push(fe.tooMany(rulesPath, rules.length, MAX_SUCCESS_POLICY_RULES));
  const completions = spec.completions ?? 0;
  rules.forEach((rule, i) => {
    const rf = rulesPath.index(i);
    if (rule.succeededCount === undefined && rule.succeededIndexes === undefined) {
      errs.push(fe.required(rf, 'at least one of succeededCount or succeededIndexes must be specified'));
    }
    if (rule.succeededIndexes !== undefined && rule.succeededIndexes.length > MAX_SUCCEEDED_INDEXES_LENGTH) {
      errs.push(fe.tooLong(rf.child('succeededIndexes'), rule.succeededIndexes, MAX_SUCCEEDED_INDEXES_LENGTH));
    }
    if (rule.succeededCount !== undefined) {
      const cf = rf.child('succeededCount');
      errs.push(...validateNonnegative(rule.succeededCount, cf));
      if (rule.succeededCount > completions) {
        errs.push(fe.invalid(cf, rule.succeededCount, `must be less than or equal to ${completions} (the number of specified completions)`));
      }
    }
  });
  return errs;
}

/** validateJobSpec: everything but the selector (shared with CronJob job templates). */
export function validateJobSpecBody(spec: JobSpec, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.parallelism !== undefined) errs.push(...validateNonnegative(spec.parallelism, fld.child('parallelism')));
  if (spec.completions !== undefined) errs.push(...validateNonnegative(spec.completions, fld.child('completions')));
  if (spec.activeDeadlineSeconds !== undefined) errs.push(...validateNonnegative(spec.activeDeadlineSeconds, fld.child('activeDeadlineSeconds')));
  if (spec.backoffLimit !== undefined) errs.push(...validateNonnegative(spec.backoffLimit, fld.child('backoffLimit')));
  if (spec.ttlSecondsAfterFinished !== undefined) errs.push(...validateNonnegative(spec.ttlSecondsAfterFinished, fld.child('ttlSecondsAfterFinished')));
  if (spec.backoffLimitPerIndex !== undefined) errs.push(...validateNonnegative(spec.backoffLimitPerIndex, fld.child('backoffLimitPerIndex')));
  if (spec.maxFailedIndexes !== undefined) {
    errs.push(...validateNonnegative(spec.maxFailedIndexes, fld.child('maxFailedIndexes')));
    if (spec.backoffLimitPerIndex === undefined) errs.push(fe.required(fld.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  if (spec.managedBy !== undefined) errs.push(...validateManagedBy(spec.managedBy, fld.child('managedBy')));
  const mode = spec.completionMode;
  if (mode !== undefined) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(fe.notSupported(fld.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (spec.completions === undefined) errs.push(fe.required(fld.child('completions'), 'when completion mode is Indexed'));
      if (spec.parallelism !== undefined && spec.parallelism > MAX_PARALLELISM_INDEXED) {
        errs.push(fe.invalid(fld.child('parallelism'), spec.parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
      }
      if (spec.completions !== undefined && spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes > spec.completions) {
        errs.push(fe.invalid(fld.child('maxFailedIndexes'), spec.maxFailedIndexes, 'must be less than or equal to completions'));
      }
      if (spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes > MAX_FAILED_INDEXES) {
        errs.push(fe.invalid(fld.child('maxFailedIndexes'), spec.maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES}`));
      }
      if (spec.completions !== undefined && spec.completions > COMPLETIONS_SOFT_LIMIT && spec.backoffLimitPerIndex !== undefined) {
        const suffix = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
        if (spec.maxFailedIndexes === undefined) {
          errs.push(fe.required(fld.child('maxFailedIndexes'), `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
        }
        if (spec.parallelism !== undefined && spec.parallelism > PARALLELISM_LIMIT_HIGH_COMPLETIONS) {
          errs.push(fe.invalid(fld.child('parallelism'), spec.parallelism, `must be less than or equal to ${PARALLELISM_LIMIT_HIGH_COMPLETIONS} ${suffix}`));
        }
        if (spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes > MAX_FAILED_INDEXES_HIGH_COMPLETIONS) {
          errs.push(fe.invalid(fld.child('maxFailedIndexes'), spec.maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES_HIGH_COMPLETIONS} ${suffix}`));
        }
      }
    }
  }
  if (mode === undefined || mode === 'NonIndexed') {
    if (spec.backoffLimitPerIndex !== undefined) errs.push(fe.invalid(fld.child('backoffLimitPerIndex'), spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (spec.maxFailedIndexes !== undefined) errs.push(fe.invalid(fld.child('maxFailedIndexes'), spec.maxFailedIndexes, 'requires indexed completion mode'));
  }
  if (spec.podFailurePolicy) errs.push(...validatePodFailurePolicy(spec, fld.child('podFailurePolicy')));
  if (spec.successPolicy) {
    if ((mode ?? 'NonIndexed') !== 'Indexed') errs.push(fe.invalid(fld.child('successPolicy'), OMIT, 'requires indexed completion mode'));
    else errs.push(...validateSuccessPolicy(spec, fld.child('successPolicy')));
  }
  if (spec.podReplacementPolicy !== undefined) {
    const p = spec.podReplacementPolicy;
    if (spec.podFailurePolicy) {
      if (p !== 'Failed') errs.push(fe.notSupported(fld.child('podReplacementPolicy'), p, ['Failed']));
    } else if (!REPLACEMENT_POLICIES.includes(p)) errs.push(fe.notSupported(fld.child('podReplacementPolicy'), p, REPLACEMENT_POLICIES));
  }
  const template = spec.template ?? {};
  errs.push(...validatePodTemplate(template, fld.child('template')));
  const restart = template.spec?.restartPolicy ?? '';
  const rfld = fld.child('template', 'spec', 'restartPolicy');
  if (restart === 'Always' || restart === '') errs.push(fe.required(rfld, 'valid values: "OnFailure", "Never"'));
  else if (restart !== 'OnFailure' && restart !== 'Never') errs.push(fe.notSupported(rfld, restart, ['OnFailure', 'Never']));
  else if (spec.podFailurePolicy && restart !== 'Never') errs.push(fe.invalid(rfld, restart, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

/** ValidateJobSpec: the body plus a required, valid selector that selects the template. */
export function validateJobSpec(spec: JobSpec, fld: FieldPath): FieldError[] {
  const errs = validateJobSpecBody(spec, fld);
  if (!spec.selector) errs.push(fe.required(fld.child('selector'), ''));
  else errs.push(...validateLabelSelector(spec.selector, fld.child('selector')));
  const selector = selectorOf(spec.selector);
  const labels = spec.template?.metadata?.labels;
  if (selector && !selector.matches(labels)) {
    errs.push(fe.invalid(fld.child('template', 'metadata', 'labels'), goLabels(labels), '`selector` does not match template `labels`'));
  }
  return errs;
}

/** ValidateJob. */
export function validateJob(job: Job, opts: Pick<JobValidationOptions, 'requirePrefixedLabels'>): FieldError[] {
  const errs = validateGeneratedSelector(job, opts.requirePrefixedLabels);
  const spec = job.spec ?? ({} as JobSpec);
  errs.push(...validateJobSpec(spec, path('spec')));
  if (spec.completionMode === 'Indexed' && spec.completions !== undefined && spec.completions > 0) {
    const hostname = `${job.metadata.name ?? ''}-${spec.completions - 1}`;
    if (isDNS1123Label(hostname).length) {
      errs.push(fe.invalid(path('metadata', 'name'), job.metadata.name ?? '', `will not able to create pod with invalid DNS label: ${hostname}`));
    }
  }
  return errs;
}

function schedulingDirectivesRelaxed(next: batchv1.JobSpec['template'] | undefined, old: batchv1.JobSpec['template'] | undefined) {
  const prev = deepClone(old ?? {});
  const tpl = next ?? {};
  const ps = (prev.spec ??= { containers: [] });
  const ns = tpl.spec;
  if (ns?.affinity === undefined && ps.affinity !== undefined) {
    delete ps.affinity.nodeAffinity;
    if (Object.keys(ps.affinity).length === 0) delete ps.affinity;
  } else if (ns?.affinity !== undefined && ps.affinity === undefined) {
    ps.affinity = ns.affinity.nodeAffinity === undefined ? {} : { nodeAffinity: ns.affinity.nodeAffinity };
  } else if (ns?.affinity !== undefined && ps.affinity !== undefined) {
    if (ns.affinity.nodeAffinity === undefined) delete ps.affinity.nodeAffinity;
    else ps.affinity.nodeAffinity = ns.affinity.nodeAffinity;
  }
  const copy = <K extends 'nodeSelector' | 'tolerations' | 'schedulingGates'>(k: K) => {
    if (ns?.[k] === undefined) delete ps[k];
    else ps[k] = ns[k];
  };
  copy('nodeSelector');
  copy('tolerations');
  copy('schedulingGates');
  const pm = (prev.metadata ??= {});
  if (tpl.metadata?.annotations === undefined) delete pm.annotations;
  else pm.annotations = tpl.metadata.annotations;
  if (tpl.metadata?.labels === undefined) delete pm.labels;
  else pm.labels = tpl.metadata.labels;
  return prev;
}

function validateCompletions(spec: JobSpec, old: JobSpec, fld: FieldPath): FieldError[] {
  if (spec.completionMode !== 'Indexed') return validateImmutable(spec.completions, old.completions, fld);
  if (deepEqual(spec.completions, old.completions) || spec.completions === undefined) return [];
  if (spec.completions !== spec.parallelism) return [fe.invalid(fld, spec.completions, 'can only be modified in tandem with spec.parallelism')];
  return [];
}

const goTemplate = new Rendered('core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{...}, Spec:core.PodSpec{...}}');

/** ValidateJobSpecUpdate: the fields a Job may not change once created. */
export function validateJobSpecUpdate(spec: JobSpec, old: JobSpec, fld: FieldPath, opts: JobValidationOptions): FieldError[] {
  const errs = validateCompletions(spec, old, fld.child('completions'));
  errs.push(...validateImmutable(spec.selector, old.selector, fld.child('selector'), goLabelSelector(spec.selector)));
  const oldTemplate = opts.allowMutableSchedulingDirectives ? schedulingDirectivesRelaxed(spec.template, old.template) : old.template;
  errs.push(...validateImmutable(spec.template, oldTemplate, fld.child('template'), goTemplate));
  errs.push(...validateImmutable(spec.completionMode, old.completionMode, fld.child('completionMode')));
  errs.push(...validateImmutable(spec.podFailurePolicy, old.podFailurePolicy, fld.child('podFailurePolicy')));
  errs.push(...validateImmutable(spec.backoffLimitPerIndex, old.backoffLimitPerIndex, fld.child('backoffLimitPerIndex')));
  errs.push(...validateImmutable(spec.managedBy, old.managedBy, fld.child('managedBy')));
  errs.push(...validateImmutable(spec.successPolicy, old.successPolicy, fld.child('successPolicy')));
  return errs;
}

/** The options an update is validated with (upstream validationOptionsForJob). */
export function jobUpdateOptions(old: Job): JobValidationOptions {
  const labels = old.spec?.template?.metadata?.labels ?? {};
  return {
    requirePrefixedLabels: JOB_NAME_LABEL in labels && CONTROLLER_UID_LABEL in labels,
    allowMutableSchedulingDirectives: old.spec?.suspend === true && old.status?.startTime === undefined,
  };
}

/** ValidateJob and ValidateJobUpdate, as the strategy runs them on update. */
export function validateJobUpdate(job: Job, old: Job): FieldError[] {
  const opts = jobUpdateOptions(old);
  return [...validateJob(job, opts), ...validateJobSpecUpdate(job.spec ?? ({} as JobSpec), old.spec ?? ({} as JobSpec), path('spec'), opts)];
}

/** The counters of validateJobStatus (the simulation writes well-formed statuses). */
export function validateJobStatus(s: JobStatus, fld: FieldPath): FieldError[] {
  const errs = [
    ...validateNonnegative(s.active, fld.child('active')),
    ...validateNonnegative(s.succeeded, fld.child('succeeded')),
    ...validateNonnegative(s.failed, fld.child('failed')),
  ];
  if (s.ready !== undefined) errs.push(...validateNonnegative(s.ready, fld.child('ready')));
  if (s.terminating !== undefined) errs.push(...validateNonnegative(s.terminating, fld.child('terminating')));
  return errs;
}
