// seccompProfile_baseline (baseline; replaced by seccompProfile_restricted under restricted):
// before v1.19 the seccomp annotations may only name runtime/default, docker/default or
// localhost/*; from v1.19 seccompProfile.type, where set, may not be Unconfined.
import { goQuote } from '../../../../apimachinery/go-format.ts';
import { ALLOWED, type Check, type CheckPodFn, forbiddenResult } from '../check.ts';
import { containersPhrase, goSort, joinQuote, pluralize, visitContainers } from './helpers.ts';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

export const validSeccompType = (t: string | undefined) => t === 'Localhost' || t === 'RuntimeDefault';
const validAnnotation = (v: string) => v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');

const v1_0: CheckPodFn = (meta, spec) => {
  const annotations = meta?.annotations ?? {};
  const forbidden = new Set<string>();
  const podValue = annotations[POD_ANNOTATION];
  if (podValue !== undefined && !validAnnotation(podValue)) forbidden.add(`${POD_ANNOTATION}=${goQuote(podValue)}`);
  visitContainers(spec, (c) => {
    const key = CONTAINER_ANNOTATION_PREFIX + c.name;
    const v = annotations[key];
    if (v !== undefined && !validAnnotation(v)) forbidden.add(`${key}=${goQuote(v)}`);
  });
  if (forbidden.size === 0) return ALLOWED;
  return forbiddenResult('seccompProfile', `forbidden ${pluralize('annotation', 'annotations', forbidden.size)} ${goSort(forbidden).join(', ')}`);
};

const v1_19: CheckPodFn = (_meta, spec) => {
  const setters: string[] = [];
  const badValues = new Set<string>();
  const podProfile = spec.securityContext?.seccompProfile;
  if (podProfile && !validSeccompType(podProfile.type)) {
    setters.push('pod');
    badValues.add(podProfile.type ?? '');
  }
  const bad: string[] = [];
  visitContainers(spec, (c) => {
    const p = c.securityContext?.seccompProfile;
    if (p && !validSeccompType(p.type)) {
      bad.push(c.name);
      badValues.add(p.type ?? '');
    }
  });
  if (bad.length) setters.push(containersPhrase(bad));
  if (setters.length === 0) return ALLOWED;
  return forbiddenResult('seccompProfile', `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(goSort(badValues))}`);
};

export const seccompProfileBaseline: Check = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  versions: [
    { minimumVersion: 0, checkPod: v1_0 },
    { minimumVersion: 19, checkPod: v1_19 },
  ],
};
