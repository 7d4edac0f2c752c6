// SelfSubjectRulesReview (pkg/registry/authorization/selfsubjectrulesreview): every rule the
// requester holds in a namespace, as `kubectl auth can-i --list` prints them. Create-only.
import { badRequest } from '../../../../apimachinery/errors.ts';
import { aggregateStrings } from '../../../../apimachinery/field-errors.ts';
import type * as api from '../../../../generated/k8s/authorization/v1.ts';
import { rbacSnapshot } from '../../../auth/rbac-snapshot.ts';
import { CREATE_ONLY, defineResource } from '../../define.ts';

type SelfSubjectRulesReview = api.SelfSubjectRulesReview & { metadata: NonNullable<api.SelfSubjectRulesReview['metadata']> };

export const selfSubjectRulesReviewResource = defineResource<SelfSubjectRulesReview>({
  group: 'authorization.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectRulesReview',
  resource: 'selfsubjectrulesreviews',
  namespaced: false,
  verbs: CREATE_ONLY,
  virtual: (obj, ctx) => {
    const srr = obj as SelfSubjectRulesReview;
    const namespace = srr.spec?.namespace ?? '';
    if (!namespace) throw badRequest('no namespace on request');
    const { rules, errors } = rbacSnapshot(ctx.cluster.store).rulesFor(ctx.user, namespace);
    const resourceRules: api.ResourceRule[] = [];
    const nonResourceRules: api.NonResourceRule[] = [];
    for (const r of rules) {
      if (r.resources?.length) {
        const rr: api.ResourceRule = { verbs: [...r.verbs] };
        if (r.apiGroups) rr.apiGroups = [...r.apiGroups];
        rr.resources = [...r.resources];
        if (r.resourceNames) rr.resourceNames = [...r.resourceNames];
        resourceRules.push(rr);
      }
      if (r.nonResourceURLs?.length) nonResourceRules.push({ verbs: [...r.verbs], nonResourceURLs: [...r.nonResourceURLs] });
    }
    const status: api.SubjectRulesReviewStatus = { resourceRules, nonResourceRules, incomplete: false };
    if (errors.length) status.evaluationError = aggregateStrings(errors);
    return { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', metadata: {}, spec: srr.spec, status };
  },
});
