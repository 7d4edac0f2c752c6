// seLinuxOptions (baseline, v1.0; container_engine_t allowed from v1.31): seLinuxOptions.type may
// only be a container type, and user and role may not be set. (As upstream, the user/role notes
// appear in the detail only when a type is also forbidden.)
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';
import { ALLOWED, type Check, type CheckPodFn, forbiddenResult } from '../check.ts';
import { containersPhrase, goSort, joinQuote, pluralize, visitContainers } from './helpers.ts';

const TYPES_1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const TYPES_1_31 = [...TYPES_1_0, 'container_engine_t'];

function check(allowedTypes: readonly string[]): CheckPodFn {
  return (_meta, spec) => {
    const badTypes = new Set<string>();
    let setUser = false;
    let setRole = false;
    const valid = (o: corev1.SELinuxOptions): boolean => {
      let ok = true;
      if (!allowedTypes.includes(o.type ?? '')) {
        ok = false;
        badTypes.add(o.type ?? '');
      }
      if (o.user) {
        ok = false;
        setUser = true;
      }
      if (o.role) {
        ok = false;
        setRole = true;
      }
      return ok;
    };
    const setters: string[] = [];
    const podOptions = spec.securityContext?.seLinuxOptions;
    if (podOptions && !valid(podOptions)) setters.push('pod');
    const bad: string[] = [];
    visitContainers(spec, (c) => {
      const o = c.securityContext?.seLinuxOptions;
      if (o && !valid(o)) bad.push(c.name);
    });
    if (bad.length) setters.push(containersPhrase(bad));
    if (setters.length === 0) return ALLOWED;
    const data: string[] = [];
    if (badTypes.size) {
      data.push(`${pluralize('type', 'types', badTypes.size)} ${joinQuote(goSort(badTypes))}`);
      if (setUser) data.push('user may not be set');
      if (setRole) data.push('role may not be set');
    }
    return forbiddenResult('seLinuxOptions', `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`);
  };
}

export const seLinuxOptions: Check = {
  id: 'seLinuxOptions',
  level: 'baseline',
  versions: [
    { minimumVersion: 0, checkPod: check(TYPES_1_0) },
    { minimumVersion: 31, checkPod: check(TYPES_1_31) },
  ],
};
