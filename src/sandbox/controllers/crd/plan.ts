// The CRD controller's decisions, as pure functions of the CRDs (upstream apiextensions
// controllers: naming, establishing, API approval, finalizer): which names a CRD is granted,
// the status conditions that follow, which custom resource versions are served, and what a
// deleted CRD still has to do before it goes.
import { deepClone, deepEqual } from '../../../apimachinery/object.ts';
import { approvalState, isProtectedCommunityGroup } from '../../registry/apiextensions/customresourcedefinition/api-approval.ts';
import { equivalent, findCondition, isConditionTrue, setCondition } from '../../registry/apiextensions/customresourcedefinition/conditions.ts';
import {
  CLEANUP_FINALIZER,
  type CustomResourceDefinition,
  type CustomResourceDefinitionCondition,
  type CustomResourceDefinitionNames,
} from '../../registry/apiextensions/customresourcedefinition/types.ts';
import type { CustomResourceVersion } from '../../registry/custom/version.ts';

type Condition = Omit<CustomResourceDefinitionCondition, 'lastTransitionTime'>;

function normalizeNames(n: CustomResourceDefinitionNames | undefined): CustomResourceDefinitionNames {
  return { kind: n?.kind ?? '', plural: n?.plural ?? '', ...(n ?? {}) };
}

function inUse(requested: string | undefined, accepted: string | undefined, used: Set<string>): string | undefined {
  if ((requested ?? '') === (accepted ?? '')) return undefined;
  if (!used.has(requested ?? '')) return undefined;
  return `${JSON.stringify(requested ?? '')} is already in use`;
}

/** NamingConditionController.calculateNamesAndConditions. */
export function calculateNames(
  crd: CustomResourceDefinition,
  all: readonly CustomResourceDefinition[],
): { names: CustomResourceDefinitionNames; namesAccepted: Condition; established: Condition } {
  const resources = new Set<string>();
  const kinds = new Set<string>();
  for (const c of all) {
    if (c.spec?.group !== crd.spec.group) continue;
    const a = c.status?.acceptedNames;
    resources.add(a?.plural ?? '');
    resources.add(a?.singular ?? '');
    for (const s of a?.shortNames ?? []) resources.add(s);
    kinds.add(a?.kind ?? '');
    kinds.add(a?.listKind ?? '');
  }
  const requested = crd.spec.names;
  const accepted = normalizeNames(crd.status?.acceptedNames);
  const names: CustomResourceDefinitionNames = deepClone(accepted);
  let cond: Condition = { type: 'NamesAccepted', status: 'Unknown' };
  const fail = (reason: string, message: string) => {
    cond = { type: 'NamesAccepted', status: 'False', reason, message };
  };
  let err = inUse(requested.plural, accepted.plural, resources);
  if (err) fail('PluralConflict', err);
  else names.plural = requested.plural;
  err = inUse(requested.singular, accepted.singular, resources);
  if (err) fail('SingularConflict', err);
  else names.singular = requested.singular;
  if (!deepEqual(requested.shortNames, accepted.shortNames)) {
    const owned = new Set(accepted.shortNames ?? []);
    const errs: string[] = [];
    for (const s of requested.shortNames ?? []) {
      if (owned.has(s) || s === accepted.plural || s === accepted.singular) continue;
      const e = inUse(s, '', resources);
      if (e) errs.push(e);
    }
    if (errs.length) fail('ShortNamesConflict', errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`);
    else names.shortNames = requested.shortNames;
  }
  err = inUse(requested.kind, accepted.kind, kinds);
  if (err) fail('KindConflict', err);
  else names.kind = requested.kind;
  err = inUse(requested.listKind, accepted.listKind, kinds);
  if (err) fail('ListKindConflict', err);
  else names.listKind = requested.listKind;
  names.categories = requested.categories;
  if (names.categories === undefined) delete names.categories;
  if (names.shortNames === undefined) delete names.shortNames;
  if (cond.status === 'Unknown') cond = { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' };

  let established: Condition = { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' };
  const old = findCondition(crd, 'Established');
  if (old) established = { type: old.type, status: old.status, reason: old.reason, message: old.message };
  if (established.status !== 'True' && cond.status === 'True') {
    established = { type: 'Established', status: 'False', reason: 'Installing', message: 'the initial names have been accepted' };
  }
  return { names, namesAccepted: cond, established };
}

function approvalCondition(crd: CustomResourceDefinition): Condition | undefined {
  if (!isProtectedCommunityGroup(crd.spec.group)) return undefined;
  const { state, reason } = approvalState(crd.metadata.annotations);
  switch (state) {
    case 'approved':
      return { type: 'KubernetesAPIApprovalPolicyConformant', status: 'True', reason: 'ApprovedAnnotation', message: reason };
    case 'bypassed':
      return { type: 'KubernetesAPIApprovalPolicyConformant', status: 'False', reason: 'UnapprovedAnnotation', message: reason };
    case 'missing':
      return { type: 'KubernetesAPIApprovalPolicyConformant', status: 'False', reason: 'MissingAnnotation', message: reason };
    default:
      return { type: 'KubernetesAPIApprovalPolicyConformant', status: 'False', reason: 'InvalidAnnotation', message: reason };
  }
}

/**
 * The status the naming, establishing and API-approval controllers give a live CRD, or undefined
 * when it already has it.
 */
export function desiredStatus(crd: CustomResourceDefinition, all: readonly CustomResourceDefinition[], now: string): CustomResourceDefinition['status'] | undefined {
  if (crd.metadata.deletionTimestamp) return undefined;
  const next = deepClone(crd);
  const approval = approvalCondition(crd);
  if (approval && !equivalent(findCondition(crd, approval.type), { ...approval })) setCondition(next, approval, now);
  if (!deepEqual(crd.spec.names, crd.status?.acceptedNames)) {
    const { names, namesAccepted, established } = calculateNames(crd, all);
    if (!deepEqual(normalizeNames(crd.status?.acceptedNames), names) || !equivalent(namesAccepted, findCondition(crd, 'NamesAccepted'))) {
      next.status ??= {};
      next.status.acceptedNames = names;
      setCondition(next, namesAccepted, now);
      setCondition(next, established, now);
    }
  }
  // EstablishingController: accepted names make the CRD established.
  if (isConditionTrue(next, 'NamesAccepted') && !isConditionTrue(next, 'Established')) {
    setCondition(next, { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' }, now);
  }
  return deepEqual(next.status, crd.status) ? undefined : next.status;
}

export type FinalizeStep =
  | { kind: 'delete-instances'; condition: Condition }
  | { kind: 'wait' }
  | { kind: 'remove-finalizer'; condition: Condition };

/** The finalizer controller's next step for a CRD being deleted (undefined: nothing to do). */
export function finalizeStep(crd: CustomResourceDefinition, instances: number, pending: number): FinalizeStep | undefined {
  if (!crd.metadata.deletionTimestamp || !(crd.metadata.finalizers ?? []).includes(CLEANUP_FINALIZER)) return undefined;
  if (!isConditionTrue(crd, 'Established')) {
    return { kind: 'remove-finalizer', condition: { type: 'Terminating', status: 'False', reason: 'NeverEstablished', message: 'resource was never established' } };
  }
  if (instances === 0) {
    return { kind: 'remove-finalizer', condition: { type: 'Terminating', status: 'False', reason: 'InstanceDeletionCompleted', message: 'removed all instances' } };
  }
  if (pending < instances) {
    return { kind: 'delete-instances', condition: { type: 'Terminating', status: 'True', reason: 'InstanceDeletionInProgress', message: 'CustomResource deletion is in progress' } };
  }
  return { kind: 'wait' };
}

function subresourcesOf(crd: CustomResourceDefinition, version: string) {
  return crd.spec.versions.find((v) => v.name === version)?.subresources;
}

/** The custom resource versions an established (or name-accepted) CRD serves. */
export function servedVersions(crd: CustomResourceDefinition): CustomResourceVersion[] {
  if (!isConditionTrue(crd, 'Established') && !isConditionTrue(crd, 'NamesAccepted')) return [];
  const names = crd.status?.acceptedNames;
  if (!names?.plural || !names.kind) return [];
  const storage = crd.spec.versions.find((v) => v.storage)?.name ?? crd.spec.versions[0]?.name ?? '';
  return crd.spec.versions
    .filter((v) => v.served)
    .map((v) => {
      const sub = subresourcesOf(crd, v.name);
      return {
        crdName: crd.metadata.name ?? '',
        group: crd.spec.group,
        version: v.name,
        storageVersion: storage,
        kind: names.kind,
        listKind: names.listKind ?? `${names.kind}List`,
        plural: names.plural,
        singular: names.singular ?? names.kind.toLowerCase(),
        shortNames: names.shortNames ?? [],
        categories: names.categories ?? [],
        namespaced: crd.spec.scope === 'Namespaced',
        schema: v.schema?.openAPIV3Schema,
        preserveUnknownFields: crd.spec.preserveUnknownFields === true,
        status: sub?.status !== undefined,
        scale: sub?.scale,
        columns: v.additionalPrinterColumns ?? [],
        selectableFields: (v.selectableFields ?? []).map((f) => f.jsonPath),
        deprecated: v.deprecated === true,
        deprecationWarning: v.deprecationWarning,
      };
    });
}
