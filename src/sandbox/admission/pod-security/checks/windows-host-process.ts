// windowsHostProcess (baseline, v1.0): no windowsOptions.hostProcess=true at pod or container level.
import { ALLOWED, type Check, forbiddenResult } from '../check.ts';
import { containersPhrase, visitContainers } from './helpers.ts';

export const windowsHostProcess: Check = {
  id: 'windowsHostProcess',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod: (_meta, spec) => {
        const bad: string[] = [];
        visitContainers(spec, (c) => {
          if (c.securityContext?.windowsOptions?.hostProcess === true) bad.push(c.name);
        });
        const setters: string[] = [];
        if (spec.securityContext?.windowsOptions?.hostProcess === true) setters.push('pod');
        if (bad.length) setters.push(containersPhrase(bad));
        return setters.length ? forbiddenResult('hostProcess', `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`) : ALLOWED;
      },
    },
  ],
};
