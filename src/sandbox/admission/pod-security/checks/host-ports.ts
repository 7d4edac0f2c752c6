// hostPorts (baseline, v1.0): no container port may set a hostPort.
import { ALLOWED, type Check, forbiddenResult } from '../check.ts';
import { containersPhrase, goSort, pluralize, visitContainers } from './helpers.ts';

export const hostPorts: Check = {
  id: 'hostPorts',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod: (_meta, spec) => {
        const bad: string[] = [];
        const ports = new Set<string>();
        visitContainers(spec, (c) => {
          const used = (c.ports ?? []).filter((p) => (p.hostPort ?? 0) !== 0);
          if (used.length === 0) return;
          bad.push(c.name);
          for (const p of used) ports.add(String(p.hostPort));
        });
        if (bad.length === 0) return ALLOWED;
        return forbiddenResult(
          'hostPort',
          `${containersPhrase(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', ports.size)} ${goSort(ports).join(', ')}`,
        );
      },
    },
  ],
};
