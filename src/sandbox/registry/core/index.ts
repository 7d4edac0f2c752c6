// The core group's resources, in discovery order.
import type { ResourceDef } from '../types.ts';
import { namespaceResource } from './namespace/resource.ts';
import { configMapResource } from './configmap/resource.ts';
import { podResource } from './pod/resource.ts';
import { bindingResource } from './pod/binding.ts';
import { serviceResource } from './service/resource.ts';
import { endpointsResource } from './endpoints/resource.ts';
import { secretResource } from './secret/resource.ts';
import { serviceAccountResource } from './serviceaccount/resource.ts';
import { nodeResource } from './node/resource.ts';
import { eventResource } from './event/resource.ts';
import { persistentVolumeResource } from './persistentvolume/resource.ts';
import { persistentVolumeClaimResource } from './persistentvolumeclaim/resource.ts';
import { limitRangeResource } from './limitrange/resource.ts';
import { resourceQuotaResource } from './resourcequota/resource.ts';
import { replicationControllerResource } from './replicationcontroller/resource.ts';
import { podTemplateResource } from './podtemplate/resource.ts';

export const coreResources = [bindingResource, namespaceResource, configMapResource, podResource, serviceResource, endpointsResource, secretResource, serviceAccountResource, nodeResource, eventResource, persistentVolumeResource, persistentVolumeClaimResource, limitRangeResource, resourceQuotaResource, replicationControllerResource, podTemplateResource] as unknown as ResourceDef[];
