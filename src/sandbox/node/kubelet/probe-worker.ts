// One probe worker's state machine (upstream pkg/kubelet/prober/worker.go doProbe): consecutive
// results count towards failureThreshold/successThreshold before the reported result changes;
// readiness starts as Failure, liveness as Success, startup as Unknown; a liveness or startup
// failure puts the worker on hold until the container is replaced. Also when probes run: every
// periodSeconds once initialDelaySeconds have passed since the container started. Pure.
import type * as core from '../../../generated/k8s/core/v1.ts';

export type ProbeType = 'liveness' | 'readiness' | 'startup';
export type ProbeResult = 'success' | 'failure';

export interface ProbeWorkerState {
  /** The result the kubelet acts on. */
  result: ProbeResult | 'unknown';
  lastResult?: ProbeResult;
  resultRun: number;
  /** After a liveness/startup failure: no more probes for this container instance. */
  onHold: boolean;
}

export interface ProbeTiming {
  initialDelayMs: number;
  periodMs: number;
  timeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
}

/** The API defaults (periodSeconds 10, timeoutSeconds 1, thresholds 1 and 3). */
export function probeTiming(probe: core.Probe): ProbeTiming {
  return {
    initialDelayMs: (probe.initialDelaySeconds ?? 0) * 1000,
    periodMs: Math.max(1, probe.periodSeconds ?? 10) * 1000,
    timeoutMs: Math.max(1, probe.timeoutSeconds ?? 1) * 1000,
    successThreshold: Math.max(1, probe.successThreshold ?? 1),
    failureThreshold: Math.max(1, probe.failureThreshold ?? 3),
  };
}

export function initialProbeState(type: ProbeType): ProbeWorkerState {
  return { result: type === 'readiness' ? 'failure' : type === 'liveness' ? 'success' : 'unknown', resultRun: 0, onHold: false };
}

export interface ProbeStep {
  state: ProbeWorkerState;
  /** The reported result changed. */
  changed: boolean;
  /** Liveness/startup failed past its threshold: the container is killed and restarted. */
  kill: boolean;
}

/** Folds one probe outcome into the worker's state. */
export function observeProbe(type: ProbeType, state: ProbeWorkerState, timing: ProbeTiming, outcome: ProbeResult): ProbeStep {
  const next: ProbeWorkerState = { ...state };
  if (next.lastResult === outcome) next.resultRun++;
  else {
    next.lastResult = outcome;
    next.resultRun = 1;
  }
  const threshold = outcome === 'failure' ? timing.failureThreshold : timing.successThreshold;
  if (next.resultRun < threshold) return { state: next, changed: false, kill: false };
  const changed = next.result !== outcome;
  next.result = outcome;
  let kill = false;
  if (type !== 'readiness' && outcome === 'failure') {
    next.onHold = true;
    next.resultRun = 0;
    kill = true;
  }
  return { state: next, changed, kill };
}

/**
 * When the probe after `now` runs for a container that started at `startedAt`: probes tick every
 * period, the first one a second (the ticker's phase) after the initial delay.
 */
export function nextProbeAt(startedAt: number, timing: ProbeTiming, now: number): number {
  const first = startedAt + timing.initialDelayMs + Math.min(1000, timing.periodMs);
  if (now < first) return first;
  const n = Math.floor((now - first) / timing.periodMs) + 1;
  return first + n * timing.periodMs;
}

/** `Readiness`, `Liveness`, `Startup` as the Unhealthy event names them. */
export function probeTypeTitle(type: ProbeType): string {
  return type[0]!.toUpperCase() + type.slice(1);
}
