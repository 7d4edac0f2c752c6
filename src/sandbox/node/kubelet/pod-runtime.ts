// The kubelet's side of `kubectl logs`, `kubectl exec`, traffic to pod IPs and metrics
// (../runtime.ts PodRuntime), answered from the pod workers of one cluster. Refusals carry the
// kubelet's and API server's messages (`container "x" in pod "y" is waiting to start:
// ContainerCreating`, `previous terminated container "x" in pod "y" not found`).
import { randomBytes } from 'node:crypto';
import { startExec } from '../images/process/start.ts';
import type { IncomingHttpRequest, NotHttp, ResourceUsage } from '../images/process/types.ts';
import type { ContainerLog, ExecOptions, ExecSession, LogOptions, PodRuntime, RuntimeRefusal } from '../runtime.ts';
import type { HttpResponse, NetworkFailure } from '../shell/types.ts';
import { LineInput } from './line-input.ts';
import type { ContainerRecord, PodWorker } from './pod-worker.ts';

export interface WorkerLookup {
  byName(namespace: string, pod: string): PodWorker | undefined;
  byIP(ip: string): PodWorker | undefined;
}

function refuse(status: number, reason: RuntimeRefusal['reason'], message: string): RuntimeRefusal {
  return { refused: true, status, reason, message };
}

export class KubeletPodRuntime implements PodRuntime {
  constructor(private readonly workers: WorkerLookup) {}

  private find(namespace: string, pod: string, container: string): ContainerRecord | RuntimeRefusal {
    const worker = this.workers.byName(namespace, pod);
    if (!worker) return refuse(400, 'BadRequest', `container "${container}" in pod "${pod}" is waiting to start: ContainerCreating`);
    const rec = worker.container(container);
    if (!rec) return refuse(400, 'BadRequest', `container ${container} is not valid for pod ${pod}`);
    return rec;
  }

  logs(namespace: string, pod: string, container: string, opts: LogOptions): ContainerLog | RuntimeRefusal {
    const rec = this.find(namespace, pod, container);
    if ('refused' in rec) return rec;
    // validateContainerLogStatus: which instance's log, by the status's container ids.
    const st = rec.status;
    const lastId = st.lastState?.terminated?.containerID;
    let id: string | undefined;
    if (opts.previous) {
      if (!lastId) return refuse(400, 'BadRequest', `previous terminated container "${container}" in pod "${pod}" not found`);
      id = lastId;
    } else if (st.state?.running) id = st.containerID;
    else if (st.state?.terminated) {
      id = st.state.terminated.containerID || lastId;
      if (!id) return refuse(400, 'BadRequest', `container "${container}" in pod "${pod}" is terminated`);
    } else if (lastId) id = lastId;
    else {
      const reason = st.state?.waiting?.reason;
      if (reason === 'ErrImagePull') return refuse(400, 'BadRequest', `container "${container}" in pod "${pod}" is waiting to start: image can't be pulled`);
      if (reason === 'ImagePullBackOff') return refuse(400, 'BadRequest', `container "${container}" in pod "${pod}" is waiting to start: trying and failing to pull image`);
      return refuse(400, 'BadRequest', `container "${container}" in pod "${pod}" is waiting to start: ${reason ?? 'ContainerCreating'}`);
    }
    const bare = id?.replace(/^containerd:\/\//, '');
    const inst = [rec.current, rec.previous].find((i) => i && i.id === bare);
    if (!inst) return refuse(400, 'BadRequest', `container "${container}" in pod "${pod}" is waiting to start - no logs yet`);
    return inst.log;
  }

  exec(namespace: string, pod: string, container: string, argv: string[], opts: ExecOptions): ExecSession | RuntimeRefusal {
    const worker = this.workers.byName(namespace, pod);
    const rec = this.find(namespace, pod, container);
    if ('refused' in rec) return rec;
    const inst = rec.current;
    if (!worker || !inst?.process || inst.process.exitStatus()) {
      return refuse(400, 'BadRequest', `container ${container} is not running`);
    }
    const input = new LineInput();
    const ctx = worker.startContext(inst.image, inst.fs, inst.shell, inst.id, rec.spec, opts.stdin ? () => input.readLine() : undefined);
    const started = startExec(inst.image, argv, inst.env, ctx, { execId: randomBytes(32).toString('hex'), tty: opts.tty, workingDir: rec.spec.workingDir });
    if (!started.ok) return refuse(500, 'InternalError', `error executing command in container: ${started.message}`);
    const p = started.process;
    return {
      onOutput: (listener) => p.onOutput(listener),
      write: (text) => input.write(text),
      closeStdin: () => input.close(),
      exited: p.exited.then((s) => s.code),
      kill: () => {
        p.signal('SIGKILL');
      },
    };
  }

  /**
   * Attaches to a running container's main process (`kubectl attach`, `kubectl run -i/-it`): its
   * output from now on, and its standard input when the container has `stdin: true`. Ending the
   * session detaches without stopping the process; with `stdinOnce` it closes the container's
   * input, as the runtime does when the first attach ends.
   */
  attach(namespace: string, pod: string, container: string, opts: ExecOptions): ExecSession | RuntimeRefusal {
    const rec = this.find(namespace, pod, container);
    if ('refused' in rec) return rec;
    const inst = rec.current;
    if (!inst?.process || inst.process.exitStatus()) return refuse(500, 'InternalError', `container ${container} not found in pod ${pod}_${namespace}`);
    const p = inst.process;
    const stdin = opts.stdin ? inst.stdin : undefined;
    let detach!: (code: number) => void;
    const detached = new Promise<number>((resolve) => (detach = resolve));
    const stops: Array<() => void> = [];
    return {
      onOutput: (listener) => {
        const stop = p.onOutput(listener);
        stops.push(stop);
        return stop;
      },
      write: (text) => stdin?.write(text),
      closeStdin: () => {
        if (rec.spec.stdinOnce) stdin?.close();
      },
      exited: Promise.race([p.exited.then((s) => s.code), detached]),
      kill: () => {
        for (const stop of stops.splice(0)) stop();
        if (rec.spec.stdinOnce) stdin?.close();
        detach(0);
      },
    };
  }

  http(ip: string, req: IncomingHttpRequest): Promise<HttpResponse | NetworkFailure | NotHttp> {
    const worker = this.workers.byIP(ip);
    if (!worker) return Promise.resolve({ kind: 'timeout', host: ip, port: req.port });
    return worker.http(req);
  }

  connect(ip: string, port: number): true | NetworkFailure {
    const worker = this.workers.byIP(ip);
    if (!worker) return { kind: 'timeout', host: ip, port };
    return worker.listening(port) ? true : { kind: 'refused', host: ip, port };
  }

  usage(namespace: string, pod: string, windowMs: number): Map<string, ResourceUsage> | undefined {
    const worker = this.workers.byName(namespace, pod);
    if (!worker) return undefined;
    const out = new Map<string, ResourceUsage>();
    for (const rec of worker.containers()) {
      const p = rec.current?.process;
      if (p && !p.exitStatus()) out.set(rec.spec.name, p.usage(windowMs));
    }
    return out.size ? out : undefined;
  }
}
