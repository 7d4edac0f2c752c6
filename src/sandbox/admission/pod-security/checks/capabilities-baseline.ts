// capabilities_baseline (baseline, v1.0): containers may only add capabilities from the default
// set (NET_RAW is not in it).
import { ALLOWED, type Check, type CheckPodFn, forbiddenResult } from '../check.ts';
import { containersPhrase, goSort, joinQuote, visitContainers } from './helpers.ts';

const ALLOWED_1_0 = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

const v1_0: CheckPodFn = (_meta, spec) => {
  const bad: string[] = [];
  const caps = new Set<string>();
  visitContainers(spec, (c) => {
    const added = (c.securityContext?.capabilities?.add ?? []).filter((cap) => !ALLOWED_1_0.has(cap));
    if (added.length === 0) return;
    bad.push(c.name);
    for (const cap of added) caps.add(cap);
  });
  if (bad.length === 0) return ALLOWED;
  return forbiddenResult('non-default capabilities', `${containersPhrase(bad)} must not include ${joinQuote(goSort(caps))} in securityContext.capabilities.add`);
};

export const capabilitiesBaseline: Check = { id: 'capabilities_baseline', level: 'baseline', versions: [{ minimumVersion: 0, checkPod: v1_0 }] };
