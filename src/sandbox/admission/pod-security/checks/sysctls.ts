// sysctls (baseline): only the safe sysctls, a list that grew at v1.27, v1.29 and v1.32.
import { ALLOWED, type Check, type CheckPodFn, forbiddenResult } from '../check.ts';

const SAFE_1_0 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'];
const SAFE_1_27 = [...SAFE_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SAFE_1_29 = [...SAFE_1_27, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const SAFE_1_32 = [...SAFE_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];

function check(safe: readonly string[]): CheckPodFn {
  return (_meta, spec) => {
    const forbidden = (spec.securityContext?.sysctls ?? []).map((s) => s.name).filter((n) => !safe.includes(n));
    return forbidden.length ? forbiddenResult('forbidden sysctls', forbidden.join(', ')) : ALLOWED;
  };
}

export const sysctls: Check = {
  id: 'sysctls',
  level: 'baseline',
  versions: [
    { minimumVersion: 0, checkPod: check(SAFE_1_0) },
    { minimumVersion: 27, checkPod: check(SAFE_1_27) },
    { minimumVersion: 29, checkPod: check(SAFE_1_29) },
    { minimumVersion: 32, checkPod: check(SAFE_1_32) },
  ],
};
