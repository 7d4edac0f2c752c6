// The apps group's resources, in discovery order.
import type { ResourceDef } from '../types.ts';
import { deploymentResource } from './deployment/resource.ts';
import { replicaSetResource } from './replicaset/resource.ts';
import { statefulSetResource } from './statefulset/resource.ts';
import { daemonSetResource } from './daemonset/resource.ts';
import { controllerRevisionResource } from './controllerrevision/resource.ts';

export const appsResources = [deploymentResource, replicaSetResource, statefulSetResource, daemonSetResource, controllerRevisionResource] as unknown as ResourceDef[];
