// The endpoints.kubernetes.io/last-change-trigger-time annotation (upstream
// staging/src/k8s.io/endpointslice/trigger_time_tracker.go): the earliest change — a pod's Ready
// transition or the Service's creation — not yet reflected in the Service's endpoints. A Service
// seen for the first time has none (the controller just started). Each controller keeps its own
// tracker, as upstream's Endpoints and EndpointSlice controllers do.
import { type Pod, podTriggerTime, type Service } from './pod-util.ts';

export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

interface ServiceState {
  pods: Map<string, string>;
  service: string;
}

export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /** The trigger time for this sync (RFC 3339), or undefined; remembers what it saw. */
  compute(svc: Service, pods: readonly Pod[]): string | undefined {
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
    const state = this.states.get(key);
    let min: string | undefined;
    const earlier = (t: string) => {
      if (min === undefined || t < min) min = t;
    };
    const seen = new Map<string, string>();
    for (const pod of pods) {
      const t = podTriggerTime(pod);
      if (!t) continue;
      seen.set(pod.metadata.name, t);
      const last = state?.pods.get(pod.metadata.name);
      if (last === undefined || t > last) earlier(t);
    }
    const created = svc.metadata.creationTimestamp ?? '';
    if (created && (!state || created > state.service)) earlier(created);
    this.states.set(key, { pods: seen, service: created });
    return state ? min : undefined;
  }

  forget(namespace: string, name: string): void {
    this.states.delete(`${namespace}/${name}`);
  }
}
