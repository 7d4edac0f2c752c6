// hostNamespaces (baseline, v1.0): no hostNetwork, hostPID or hostIPC.
import { ALLOWED, type Check, forbiddenResult } from '../check.ts';
import { goSort } from './helpers.ts';

export const hostNamespaces: Check = {
  id: 'hostNamespaces',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod: (_meta, spec) => {
        const used = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((f) => spec[f] === true);
        return used.length ? forbiddenResult('host namespaces', goSort(used).join(', ')) : ALLOWED;
      },
    },
  ],
};
