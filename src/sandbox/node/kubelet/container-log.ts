// A container instance's log as the runtime keeps it (the kubelet's log file): what the process
// wrote, followed live, kept after it exits for `kubectl logs --previous` until the pod goes.
import type { ContainerLog } from '../runtime.ts';
import type { LogLine, RunningProcess } from '../images/process/types.ts';

export function processLog(process: RunningProcess): ContainerLog {
  return {
    get lines() {
      return process.logs;
    },
    follow: (listener) => process.onLog(listener),
    ended: process.exited.then(() => undefined),
    finished: () => process.exitStatus() !== undefined,
  };
}

/** The log of an instance whose process never ran (StartError). */
export function emptyLog(): ContainerLog {
  const lines: LogLine[] = [];
  return { lines, follow: () => () => {}, ended: Promise.resolve(), finished: () => true };
}
