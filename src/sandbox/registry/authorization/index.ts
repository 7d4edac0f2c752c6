// The authorization group's resources, in discovery order.
import type { ResourceDef } from '../types.ts';
import { selfSubjectAccessReviewResource } from './selfsubjectaccessreview/resource.ts';
import { selfSubjectRulesReviewResource } from './selfsubjectrulesreview/resource.ts';
import { subjectAccessReviewResource } from './subjectaccessreview/resource.ts';
import { localSubjectAccessReviewResource } from './localsubjectaccessreview/resource.ts';

export const authorizationResources = [selfSubjectAccessReviewResource, selfSubjectRulesReviewResource, subjectAccessReviewResource, localSubjectAccessReviewResource] as unknown as ResourceDef[];
