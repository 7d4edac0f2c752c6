// appArmorProfile (baseline, v1.0): the pod and its containers may only use the RuntimeDefault or
// Localhost AppArmor profile types, and the deprecated per-container annotation only
// `runtime/default`, `localhost/*` or empty.
import { goQuote } from '../../../../apimachinery/go-format.ts';
import { ALLOWED, type Check, type CheckPodFn, forbiddenResult } from '../check.ts';
import { containersPhrase, goSort, joinQuote, pluralize, visitContainers } from './helpers.ts';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

const allowedType = (t: string | undefined) => t === 'RuntimeDefault' || t === 'Localhost';
const allowedAnnotation = (v: string) => v === '' || v === 'runtime/default' || v.startsWith('localhost/');

const v1_0: CheckPodFn = (meta, spec) => {
  const setters: string[] = [];
  const badValues = new Set<string>();
  const podProfile = spec.securityContext?.appArmorProfile;
  if (podProfile && !allowedType(podProfile.type)) {
    setters.push('pod');
    badValues.add(podProfile.type ?? '');
  }
  const badContainers: string[] = [];
  visitContainers(spec, (c) => {
    const profile = c.securityContext?.appArmorProfile;
    if (profile && !allowedType(profile.type)) {
      badContainers.push(c.name);
      badValues.add(profile.type ?? '');
    }
  });
  if (badContainers.length) setters.push(containersPhrase(badContainers));
  const annotations = goSort(
    Object.entries(meta?.annotations ?? {})
      .filter(([k, v]) => k.startsWith(ANNOTATION_PREFIX) && !allowedAnnotation(v))
      .map(([k, v]) => `${k}=${goQuote(v)}`),
  );
  const values = [...goSort(badValues), ...annotations];
  if (annotations.length) setters.push(pluralize('annotation', 'annotations', annotations.length));
  if (setters.length === 0) return ALLOWED;
  return forbiddenResult(
    pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`,
  );
};

export const appArmorProfile: Check = { id: 'appArmorProfile', level: 'baseline', versions: [{ minimumVersion: 0, checkPod: v1_0 }] };
