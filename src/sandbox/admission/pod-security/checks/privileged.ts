// privileged (baseline, v1.0): no container may set securityContext.privileged=true.
import { ALLOWED, type Check, forbiddenResult } from '../check.ts';
import { containersPhrase, visitContainers } from './helpers.ts';

export const privileged: Check = {
  id: 'privileged',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod: (_meta, spec) => {
        const bad: string[] = [];
        visitContainers(spec, (c) => {
          if (c.securityContext?.privileged === true) bad.push(c.name);
        });
        return bad.length ? forbiddenResult('privileged', `${containersPhrase(bad)} must not set securityContext.privileged=true`) : ALLOWED;
      },
    },
  ],
};
