// hostProbesAndHostLifecycle (baseline, v1.34): probes and lifecycle handlers may not name a host
// (httpGet.host, tcpSocket.host).
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';
import { ALLOWED, type Check, forbiddenResult } from '../check.ts';
import { goSort, joinQuote, pluralize, visitContainers } from './helpers.ts';

function hosts(handler: corev1.Probe | corev1.LifecycleHandler | undefined): string[] {
  if (!handler) return [];
  return [handler.httpGet?.host, handler.tcpSocket?.host].filter((h): h is string => !!h);
}

export const hostProbesAndHostLifecycle: Check = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 34,
      checkPod: (_meta, spec) => {
        const bad = new Set<string>();
        const forbidden = new Set<string>();
        visitContainers(spec, (c) => {
          for (const h of [c.livenessProbe, c.readinessProbe, c.startupProbe, c.lifecycle?.postStart, c.lifecycle?.preStop]) {
            const found = hosts(h);
            if (found.length === 0) continue;
            bad.add(c.name);
            for (const x of found) forbidden.add(x);
          }
        });
        if (bad.size === 0) return ALLOWED;
        return forbiddenResult(
          'probe or lifecycle host',
          `${pluralize('container', 'containers', bad.size)} ${joinQuote(goSort(bad))} ${pluralize('uses', 'use', bad.size)} ${pluralize(
            'probe or lifecycle host',
            'probe or lifecycle hosts',
            forbidden.size,
          )} ${joinQuote(goSort(forbidden))}`,
        );
      },
    },
  ],
};
