// capabilities_restricted (restricted, v1.22, replacing capabilities_baseline; Windows pods exempt
// from v1.25): every container must drop ALL and may add only NET_BIND_SERVICE.
import { ALLOWED, type Check, type CheckPodFn, forbiddenResult } from '../check.ts';
import { containersPhrase, goSort, isWindowsPod, joinQuote, visitContainers } from './helpers.ts';

const v1_22: CheckPodFn = (_meta, spec) => {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbiddenCaps = new Set<string>();
  visitContainers(spec, (c) => {
    const caps = c.securityContext?.capabilities;
    if (!caps) {
      missingDropAll.push(c.name);
      return;
    }
    if (!(caps.drop ?? []).includes('ALL')) missingDropAll.push(c.name);
    const added = (caps.add ?? []).filter((cap) => cap !== 'NET_BIND_SERVICE');
    if (added.length) {
      addingForbidden.push(c.name);
      for (const cap of added) forbiddenCaps.add(cap);
    }
  });
  const details: string[] = [];
  if (missingDropAll.length) details.push(`${containersPhrase(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  if (addingForbidden.length) details.push(`${containersPhrase(addingForbidden)} must not include ${joinQuote(goSort(forbiddenCaps))} in securityContext.capabilities.add`);
  return details.length ? forbiddenResult('unrestricted capabilities', details.join('; ')) : ALLOWED;
};

const OVERRIDES = ['capabilities_baseline'];

export const capabilitiesRestricted: Check = {
  id: 'capabilities_restricted',
  level: 'restricted',
  versions: [
    { minimumVersion: 22, checkPod: v1_22, overrideCheckIDs: OVERRIDES },
    { minimumVersion: 25, checkPod: (meta, spec) => (isWindowsPod(spec) ? ALLOWED : v1_22(meta, spec)), overrideCheckIDs: OVERRIDES },
  ],
};
