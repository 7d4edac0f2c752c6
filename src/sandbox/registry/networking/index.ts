// The networking group's resources, in discovery order.
import type { ResourceDef } from '../types.ts';
import { ingressResource } from './ingress/resource.ts';
import { ingressClassResource } from './ingressclass/resource.ts';
import { networkPolicyResource } from './networkpolicy/resource.ts';

export const networkingResources = [ingressResource, ingressClassResource, networkPolicyResource] as unknown as ResourceDef[];
