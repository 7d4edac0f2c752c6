// The authentication group's resources, in discovery order.
import type { ResourceDef } from '../types.ts';
import { selfSubjectReviewResource } from './selfsubjectreview/resource.ts';
import { tokenReviewResource } from './tokenreview/resource.ts';

export const authenticationResources = [selfSubjectReviewResource, tokenReviewResource] as unknown as ResourceDef[];
