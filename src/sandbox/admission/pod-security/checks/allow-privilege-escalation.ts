// allowPrivilegeEscalation (restricted, v1.8; Windows pods exempt from v1.25): every container
// must set securityContext.allowPrivilegeEscalation=false.
import { ALLOWED, type Check, type CheckPodFn, forbiddenResult } from '../check.ts';
import { containersPhrase, isWindowsPod, visitContainers } from './helpers.ts';

const v1_8: CheckPodFn = (_meta, spec) => {
  const bad: string[] = [];
  visitContainers(spec, (c) => {
    if (c.securityContext?.allowPrivilegeEscalation !== false) bad.push(c.name);
  });
  if (bad.length === 0) return ALLOWED;
  return forbiddenResult('allowPrivilegeEscalation != false', `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false`);
};

export const allowPrivilegeEscalation: Check = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  versions: [
    { minimumVersion: 8, checkPod: v1_8 },
    { minimumVersion: 25, checkPod: (meta, spec) => (isWindowsPod(spec) ? ALLOWED : v1_8(meta, spec)) },
  ],
};
