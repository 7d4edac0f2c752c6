// hostPathVolumes (baseline, v1.0; replaced by restrictedVolumes under restricted): no hostPath
// volumes.
import { ALLOWED, type Check, forbiddenResult } from '../check.ts';
import { joinQuote, pluralize } from './helpers.ts';

export const hostPathVolumes: Check = {
  id: 'hostPathVolumes',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod: (_meta, spec) => {
        const names = (spec.volumes ?? []).filter((v) => v.hostPath).map((v) => v.name);
        return names.length ? forbiddenResult('hostPath volumes', `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`) : ALLOWED;
      },
    },
  ],
};
