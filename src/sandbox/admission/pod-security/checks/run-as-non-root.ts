// runAsNonRoot (restricted, v1.0; from v1.35 not checked for pods in their own user namespace):
// runAsNonRoot=true at pod level (not overridden to false) or on every container.
import { ALLOWED, type Check, type CheckPodFn, forbiddenResult } from '../check.ts';
import { containersPhrase, usesUserNamespace, visitContainers } from './helpers.ts';

const v1_0: CheckPodFn = (_meta, spec) => {
  const setters: string[] = [];
  let podNonRoot = false;
  const podValue = spec.securityContext?.runAsNonRoot;
  if (podValue === false) setters.push('pod');
  else if (podValue === true) podNonRoot = true;
  const explicit: string[] = [];
  const implicit: string[] = [];
  visitContainers(spec, (c) => {
    const v = c.securityContext?.runAsNonRoot;
    if (v === false) explicit.push(c.name);
    else if (v === undefined && !podNonRoot) implicit.push(c.name);
  });
  if (explicit.length) setters.push(containersPhrase(explicit));
  if (setters.length) return forbiddenResult('runAsNonRoot != true', `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`);
  if (implicit.length) return forbiddenResult('runAsNonRoot != true', `pod or ${containersPhrase(implicit)} must set securityContext.runAsNonRoot=true`);
  return ALLOWED;
};

export const runAsNonRoot: Check = {
  id: 'runAsNonRoot',
  level: 'restricted',
  versions: [
    { minimumVersion: 0, checkPod: v1_0 },
    { minimumVersion: 35, checkPod: (meta, spec) => (usesUserNamespace(spec) ? ALLOWED : v1_0(meta, spec)) },
  ],
};
