// The kubelet's container and pod events besides image pulls (../images/kubelet-messages.ts), with
// upstream 1.36's reasons and texts (pkg/kubelet/events/event.go, kuberuntime_container.go,
// kuberuntime_manager.go, prober/prober.go, volumemanager).
import type * as core from '../../../generated/k8s/core/v1.ts';

export interface KubeletEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** format.Pod: `name_namespace(uid)`. */
export function formatPod(pod: core.Pod): string {
  return `${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`;
}

export const kubeletEvents = {
  created: (container: string): KubeletEvent => ({ type: 'Normal', reason: 'Created', message: `Created container: ${container}` }),
  started: (container: string): KubeletEvent => ({ type: 'Normal', reason: 'Started', message: `Started container ${container}` }),
  /** Failed to create or start: `Error: <message>` (CreateContainerConfigError's message, runc's error). */
  failed: (message: string): KubeletEvent => ({ type: 'Warning', reason: 'Failed', message: `Error: ${message}` }),
  backOff: (container: string, pod: core.Pod): KubeletEvent => ({
    type: 'Warning',
    reason: 'BackOff',
    message: `Back-off restarting failed container ${container} in pod ${formatPod(pod)}`,
  }),
  stopping: (container: string): KubeletEvent => ({ type: 'Normal', reason: 'Killing', message: `Stopping container ${container}` }),
  probeKill: (container: string, probe: 'liveness' | 'startup'): KubeletEvent => ({
    type: 'Normal',
    reason: 'Killing',
    message: `Container ${container} failed ${probe} probe, will be restarted`,
  }),
  definitionChanged: (container: string): KubeletEvent => ({ type: 'Normal', reason: 'Killing', message: `Container ${container} definition changed, will be restarted` }),
  unhealthy: (probeTitle: string, output: string): KubeletEvent => ({ type: 'Warning', reason: 'Unhealthy', message: `${probeTitle} probe failed: ${output}` }),
  failedMount: (message: string): KubeletEvent => ({ type: 'Warning', reason: 'FailedMount', message }),
  failedPostStartHook: (message: string): KubeletEvent => ({ type: 'Warning', reason: 'FailedPostStartHook', message }),
  failedPreStopHook: (message: string): KubeletEvent => ({ type: 'Warning', reason: 'FailedPreStopHook', message }),
};

/** The CrashLoopBackOff waiting message (kuberuntime_manager.go doBackOff). */
export function crashLoopMessage(backoffMs: number, container: string, pod: core.Pod): string {
  return `back-off ${goSeconds(backoffMs)} restarting failed container=${container} pod=${formatPod(pod)}`;
}

/** Go's Duration.String for whole seconds and minutes: `10s`, `40s`, `2m40s`, `5m0s`. */
export function goSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  return `${Math.floor(s / 60)}m${s % 60}s`;
}
