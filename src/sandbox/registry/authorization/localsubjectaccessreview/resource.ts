// LocalSubjectAccessReview (pkg/registry/authorization/localsubjectaccessreview): a
// SubjectAccessReview confined to one namespace, so namespace admins may ask it. Create-only.
import { badRequest } from '../../../../apimachinery/errors.ts';
import { fieldErrors as fe, path, Rendered } from '../../../../apimachinery/field-errors.ts';
import type * as api from '../../../../generated/k8s/authorization/v1.ts';
import { CREATE_ONLY, defineResource } from '../../define.ts';
import { attributesOf, review, throwIfInvalid, validateSubjectSpec } from '../review.ts';
import { metadataIsEmpty, userFromSpec } from '../subjectaccessreview/resource.ts';

type LocalSubjectAccessReview = api.LocalSubjectAccessReview & { metadata: NonNullable<api.LocalSubjectAccessReview['metadata']> };

export const localSubjectAccessReviewResource = defineResource<LocalSubjectAccessReview>({
  group: 'authorization.k8s.io',
  version: 'v1',
  kind: 'LocalSubjectAccessReview',
  resource: 'localsubjectaccessreviews',
  namespaced: true,
  verbs: CREATE_ONLY,
  virtual: (obj, ctx) => {
    const sar = obj as LocalSubjectAccessReview;
    const spec = sar.spec ?? {};
    const namespace = sar.metadata?.namespace ?? '';
    if (!namespace) throw badRequest(`namespace is required on this type: ${namespace}`);
    const errs = validateSubjectSpec(spec);
    if (!metadataIsEmpty(sar.metadata as Record<string, unknown> | undefined, ['namespace'])) {
      errs.push(fe.invalid(path('metadata'), new Rendered(`v1.ObjectMeta{Name:"${sar.metadata?.name ?? ''}"}`), 'must be empty except for namespace'));
    }
    if (spec.resourceAttributes && (spec.resourceAttributes.namespace ?? '') !== namespace) {
      errs.push(fe.invalid('spec.resourceAttributes.namespace', spec.resourceAttributes.namespace ?? '', 'must match metadata.namespace'));
    }
    if (spec.nonResourceAttributes) {
      errs.push(fe.invalid('spec.nonResourceAttributes', new Rendered(`authorization.NonResourceAttributes{Path:"${spec.nonResourceAttributes.path ?? ''}", Verb:"${spec.nonResourceAttributes.verb ?? ''}"}`), 'disallowed on this kind of request'));
    }
    throwIfInvalid('LocalSubjectAccessReview', errs);
    return { ...sar, apiVersion: 'authorization.k8s.io/v1', kind: 'LocalSubjectAccessReview', status: review(ctx.cluster, attributesOf(userFromSpec(spec), spec)) };
  },
});
