// seccompProfile_restricted (restricted, v1.19, replacing seccompProfile_baseline; Windows pods
// exempt from v1.25): seccompProfile.type must be RuntimeDefault or Localhost, at pod level or on
// every container.
import { ALLOWED, type Check, type CheckPodFn, forbiddenResult } from '../check.ts';
import { containersPhrase, goSort, isWindowsPod, joinQuote, visitContainers } from './helpers.ts';
import { validSeccompType } from './seccomp-profile-baseline.ts';

const v1_19: CheckPodFn = (_meta, spec) => {
  const setters: string[] = [];
  const badValues = new Set<string>();
  let podSet = false;
  const podProfile = spec.securityContext?.seccompProfile;
  if (podProfile) {
    if (!validSeccompType(podProfile.type)) {
      setters.push('pod');
      badValues.add(podProfile.type ?? '');
    } else podSet = true;
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  visitContainers(spec, (c) => {
    const p = c.securityContext?.seccompProfile;
    if (p) {
      if (!validSeccompType(p.type)) {
        explicit.push(c.name);
        badValues.add(p.type ?? '');
      }
    } else if (!podSet) implicit.push(c.name);
  });
  if (explicit.length) setters.push(containersPhrase(explicit));
  if (setters.length) {
    return forbiddenResult('seccompProfile', `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(goSort(badValues))}`);
  }
  if (implicit.length) {
    return forbiddenResult('seccompProfile', `pod or ${containersPhrase(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`);
  }
  return ALLOWED;
};

const OVERRIDES = ['seccompProfile_baseline'];

export const seccompProfileRestricted: Check = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  versions: [
    { minimumVersion: 19, checkPod: v1_19, overrideCheckIDs: OVERRIDES },
    { minimumVersion: 25, checkPod: (meta, spec) => (isWindowsPod(spec) ? ALLOWED : v1_19(meta, spec)), overrideCheckIDs: OVERRIDES },
  ],
};
