// runAsUser (restricted, v1.23; from v1.35 not checked for pods in their own user namespace): no
// runAsUser=0 at pod or container level.
import { ALLOWED, type Check, type CheckPodFn, forbiddenResult } from '../check.ts';
import { containersPhrase, usesUserNamespace, visitContainers } from './helpers.ts';

const v1_23: CheckPodFn = (_meta, spec) => {
  const setters: string[] = [];
  if (spec.securityContext?.runAsUser === 0) setters.push('pod');
  const bad: string[] = [];
  visitContainers(spec, (c) => {
    if (c.securityContext?.runAsUser === 0) bad.push(c.name);
  });
  if (bad.length) setters.push(containersPhrase(bad));
  return setters.length ? forbiddenResult('runAsUser=0', `${setters.join(' and ')} must not set runAsUser=0`) : ALLOWED;
};

export const runAsUser: Check = {
  id: 'runAsUser',
  level: 'restricted',
  versions: [
    { minimumVersion: 23, checkPod: v1_23 },
    { minimumVersion: 35, checkPod: (meta, spec) => (usesUserNamespace(spec) ? ALLOWED : v1_23(meta, spec)) },
  ],
};
