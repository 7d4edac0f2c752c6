// restrictedVolumes (restricted, v1.0, replacing hostPathVolumes): only configMap, csi,
// downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes.
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';
import { ALLOWED, type Check, forbiddenResult } from '../check.ts';
import { goSort, joinQuote, pluralize } from './helpers.ts';

const ALLOWED_TYPES: ReadonlyArray<keyof corev1.Volume> = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];

/** The names upstream reports, in its order of precedence. */
const RESTRICTED_TYPES: ReadonlyArray<keyof corev1.Volume> = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

export const restrictedVolumes: Check = {
  id: 'restrictedVolumes',
  level: 'restricted',
  versions: [
    {
      minimumVersion: 0,
      overrideCheckIDs: ['hostPathVolumes'],
      checkPod: (_meta, spec) => {
        const bad: string[] = [];
        const types = new Set<string>();
        for (const v of spec.volumes ?? []) {
          if (ALLOWED_TYPES.some((t) => v[t] != null)) continue;
          bad.push(v.name);
          types.add(RESTRICTED_TYPES.find((t) => v[t] != null) ?? 'unknown');
        }
        if (bad.length === 0) return ALLOWED;
        return forbiddenResult(
          'restricted volume types',
          `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize(
            'restricted volume type',
            'restricted volume types',
            types.size,
          )} ${joinQuote(goSort(types))}`,
        );
      },
    },
  ],
};
