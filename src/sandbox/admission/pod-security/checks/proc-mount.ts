// procMount (baseline, v1.0; from v1.35 not checked for pods in their own user namespace) and
// procMount_restricted (restricted, v1.35, replacing procMount): securityContext.procMount may
// only be Default.
import { ALLOWED, type Check, type CheckPodFn, forbiddenResult } from '../check.ts';
import { containersPhrase, goSort, joinQuote, usesUserNamespace, visitContainers } from './helpers.ts';

const v1_0: CheckPodFn = (_meta, spec) => {
  const bad: string[] = [];
  const types = new Set<string>();
  visitContainers(spec, (c) => {
    const t = c.securityContext?.procMount;
    if (t === undefined || t === 'Default') return;
    bad.push(c.name);
    types.add(t);
  });
  if (bad.length === 0) return ALLOWED;
  return forbiddenResult('procMount', `${containersPhrase(bad)} must not set securityContext.procMount to ${joinQuote(goSort(types))}`);
};

export const procMount: Check = {
  id: 'procMount',
  level: 'baseline',
  versions: [
    { minimumVersion: 0, checkPod: v1_0 },
    { minimumVersion: 35, checkPod: (meta, spec) => (usesUserNamespace(spec) ? ALLOWED : v1_0(meta, spec)) },
  ],
};

export const procMountRestricted: Check = {
  id: 'procMount_restricted',
  level: 'restricted',
  versions: [{ minimumVersion: 35, checkPod: v1_0, overrideCheckIDs: ['procMount'] }],
};
