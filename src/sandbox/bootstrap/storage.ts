// The default StorageClass `standard`, as kind ships it (rancher's local-path provisioner,
// volumes bound when the first Pod uses the claim), marked as the cluster's default class.
import type { KubeObject } from '../../apimachinery/object.ts';
import type { BootstrapContext, BootstrapObject } from './types.ts';
import { meta } from './types.ts';

const DEFAULT_ANNOTATIONS = Object.freeze({ 'storageclass.kubernetes.io/is-default-class': 'true' });

export function storage(ctx: BootstrapContext): BootstrapObject[] {
  return [
    {
      resource: 'storageclasses.storage.k8s.io',
      object: {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: meta(ctx, 'standard', undefined, { annotations: DEFAULT_ANNOTATIONS }),
        provisioner: 'rancher.io/local-path',
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'WaitForFirstConsumer',
      } as KubeObject,
    },
  ];
}
