// One pod on one node, as the kubelet's pod worker drives it (upstream pkg/kubelet/pod_workers.go,
// kuberuntime_manager.go SyncPod/computePodActions, kuberuntime_container.go): set up volumes and
// the sandbox, run init containers strictly in order (sidecars stay running), pull, create and
// start the containers, restart them per restartPolicy with crash back-off, probe them, stop them
// gracefully when the pod is deleted, and report the status through pods/status whenever it
// changed. Everything waits on the cluster's SimClock; an idle running pod without probes holds
// no timer.
import { createHash, randomBytes } from 'node:crypto';
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type KubeObject, type StoredObject } from '../../../apimachinery/object.ts';
import { Quantity } from '../../../apimachinery/quantity.ts';
import type * as core from '../../../generated/k8s/core/v1.ts';
import type { Cluster } from '../../cluster.ts';
import type { TimerHandle } from '../../sim/clock.ts';
import type { FileSystem } from '../fs/types.ts';
import type { CatalogueImage, ImageCatalogue } from '../images/image-catalogue.ts';
import { imageEvents, imagePullBackOffMessage, type ImageEvent } from '../images/kubelet-messages.ts';
import { startExec, startProcess } from '../images/process/start.ts';
import type { ExitStatus, IncomingHttpRequest, NotHttp, RunningProcess, StartContext } from '../images/process/types.ts';
import { planPull, type PullPolicy } from '../images/pull.ts';
import type { ContainerLog } from '../runtime.ts';
import { ShellRunner } from '../shell/runner.ts';
import type { HttpResponse, NetworkAccess, NetworkFailure } from '../shell/types.ts';
import { Backoff } from './backoff.ts';
import { emptyLog, processLog } from './container-log.ts';
import { LineInput } from './line-input.ts';
import type { PodEnvironment } from './environment/index.ts';
import { crashLoopMessage, formatPod, kubeletEvents, type KubeletEvent } from './kubelet-events.ts';
import type { NodeAgent } from './node-agent.ts';
import { generatePodPhase, generatePodStatus, mergePodStatus } from './pod-status.ts';
import { initialProbeState, nextProbeAt, observeProbe, probeTiming, probeTypeTitle, type ProbeTiming, type ProbeType, type ProbeWorkerState } from './probe-worker.ts';
import { runHook, runProbe, type ProbeTarget } from './prober.ts';

type Pod = core.Pod & StoredObject;

/** The PLEG's relist period: how long until the kubelet notices a container exited. */
const PLEG_MS = 1000;
/** Sandbox (pause container + CNI) creation. */
const SANDBOX_MS = 800;
/** Container creation in the runtime. */
const CREATE_MS = 120;
/** The pod worker's requeue after a sync error (backOffPeriod, without jitter). */
const ERROR_RESYNC_MS = 10_000;
/** Volume mount retries: 500ms doubling to 2m2s (nestedpendingoperations). */
const MOUNT_RETRY_INITIAL_MS = 500;
const MOUNT_RETRY_MAX_MS = 122_000;
/** How long until a changed ConfigMap/Secret/downward field shows in a mounted volume. */
const REFRESH_MS = 60_000;
/** The minimum grace period the runtime gives a container (kuberuntime minimumGracePeriodInSeconds). */
const MIN_GRACE_MS = 2000;

export interface WorkerDeps {
  cluster: Cluster;
  agent: NodeAgent;
  env: PodEnvironment;
  catalogue: ImageCatalogue;
  random(): number;
  /** The network a process of this pod sees. */
  network(namespace: string, pod: string): NetworkAccess;
  /** The pod got (or lost) its IP. */
  ipChanged(worker: PodWorker, ips: string[]): void;
  /** Keeps the controller's idle() waiting on work that finishes without simulated time passing. */
  track(p: Promise<unknown>): void;
  /** Runs work that may wait on the clock (idle() must not wait for it); logs its failure. */
  spawn(p: Promise<unknown>): void;
}

/** One run of a container: its process (absent when it failed to start) and what it ran with. */
export interface ContainerInstance {
  id: string;
  image: CatalogueImage;
  env: Record<string, string>;
  fs: FileSystem;
  shell: ShellRunner;
  process?: RunningProcess;
  log: ContainerLog;
  startedAt: number;
  stopping?: boolean;
  /** The container's standard input (`stdin: true`), for an attach session to write to. */
  stdin?: LineInput;
  /** Killed because its spec changed: started again at once, without back-off. */
  replace?: boolean;
}

interface ProbeRun {
  type: ProbeType;
  probe: core.Probe;
  timing: ProbeTiming;
  state: ProbeWorkerState;
  timer?: TimerHandle;
}

export interface ContainerRecord {
  spec: core.Container;
  kind: 'init' | 'sidecar' | 'regular';
  fieldPath: string;
  status: core.ContainerStatus;
  /** Pulling, creating or starting right now. */
  busy: boolean;
  /** A retry, back-off or PLEG delay is pending: sync leaves the container alone until it fires. */
  timer?: TimerHandle;
  current?: ContainerInstance;
  previous?: ContainerInstance;
  /** Container instances created so far (restartCount is one less). */
  instances: number;
  finishedAtMs: number;
  /** The startup probe passed (or there is none) and postStart finished. */
  started: boolean;
  probes: ProbeRun[];
  /** The postStart hook of the current instance failed: the next back-off shows PostStartHookError. */
  hookFailure?: string;
  /** The last pull error, for the ImagePullBackOff message. */
  pullError?: string;
}

function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function hex64(): string {
  return randomBytes(32).toString('hex');
}

/**
 * The terminated state's message: the container's terminationMessagePath file (at most 4 KiB), or
 * with FallbackToLogsOnError and a failure, the last 80 lines (2 KiB) of its log.
 */
function terminationMessage(c: core.Container, instance: ContainerInstance, exitCode: number): string | undefined {
  const path = c.terminationMessagePath ?? '/dev/termination-log';
  try {
    if (instance.fs.exists(path)) {
      const text = instance.fs.readFile(path);
      if (text) return text.slice(0, 4096);
    }
  } catch {
    // unreadable: no message
  }
  if (c.terminationMessagePolicy === 'FallbackToLogsOnError' && exitCode !== 0) {
    const text = instance.log.lines
      .slice(-80)
      .map((l) => `${l.text}\n`)
      .join('');
    return text ? (text.length > 2048 ? text.slice(-2048) : text) : undefined;
  }
  return undefined;
}

/** The runtime's mounts as the status reports them (RecursiveReadOnlyMounts: Disabled unless asked). */
function volumeMountStatuses(c: core.Container): core.VolumeMountStatus[] {
  return (c.volumeMounts ?? []).map((m) => {
    const out: core.VolumeMountStatus = { name: m.name, mountPath: m.mountPath };
    if (m.readOnly) {
      out.readOnly = true;
      out.recursiveReadOnly = m.recursiveReadOnly === 'Enabled' ? 'Enabled' : 'Disabled';
    }
    return out;
  });
}

const isRunning = (rec: ContainerRecord) => !!rec.current?.process && !rec.current.process.exitStatus();

export class PodWorker {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  pod: Pod;
  readonly init: ContainerRecord[];
  readonly regular: ContainerRecord[];
  ips: string[] = [];
  private sandboxReady = false;
  private settingUp = false;
  private mountRetryMs = MOUNT_RETRY_INITIAL_MS;
  private sandboxTimer?: TimerHandle;
  private refreshTimer?: TimerHandle;
  /** Labels and annotations as last seen (downwardAPI volumes follow them). */
  private metaKey = '';
  private startTime?: string;
  private terminating = false;
  private podIsTerminal = false;
  private finished = false;
  private gone = false;
  /** The node is switched off (node-power.ts): nothing acts, nothing is written, until it resumes. */
  private suspended = false;
  private readonly crashBackoff = new Backoff();
  private readonly pullBackoff = new Backoff();
  private startChain: Promise<void> = Promise.resolve();
  private statusDirty = false;
  private writing?: Promise<void>;
  /** A digest of the status last written (kept small: thousands of pods per process). */
  private lastWritten?: string;

  constructor(
    private readonly deps: WorkerDeps,
    pod: Pod,
  ) {
    this.pod = pod;
    this.namespace = pod.metadata.namespace!;
    this.name = pod.metadata.name;
    this.uid = pod.metadata.uid!;
    const spec = pod.spec!;
    const hasInit = (spec.initContainers?.length ?? 0) > 0;
    const record = (c: core.Container, kind: ContainerRecord['kind'], field: string): ContainerRecord => ({
      spec: c,
      kind,
      fieldPath: `spec.${field}{${c.name}}`,
      status: {
        name: c.name,
        state: { waiting: { reason: hasInit ? 'PodInitializing' : 'ContainerCreating' } },
        lastState: {},
        ready: false,
        restartCount: 0,
        image: c.image ?? '',
        imageID: '',
        started: false,
      },
      busy: false,
      instances: 0,
      finishedAtMs: 0,
      started: false,
      probes: [],
    });
    this.init = (spec.initContainers ?? []).map((c) => record(c, c.restartPolicy === 'Always' ? 'sidecar' : 'init', 'initContainers'));
    this.regular = spec.containers.map((c) => record(c, 'regular', 'containers'));
  }

  private get cluster(): Cluster {
    return this.deps.cluster;
  }

  private now(): number {
    return this.cluster.clock.now();
  }

  private get policy(): string {
    return this.pod.spec?.restartPolicy ?? 'Always';
  }

  containers(): ContainerRecord[] {
    return [...this.init, ...this.regular];
  }

  container(name: string): ContainerRecord | undefined {
    return this.containers().find((r) => r.spec.name === name);
  }

  // ---- inputs ----------------------------------------------------------------------------------

  /** The stored pod changed (or was first seen). */
  update(pod: Pod): void {
    if (this.gone) return;
    this.pod = pod;
    if (this.suspended) return;
    const metaKey = JSON.stringify([pod.metadata.labels ?? {}, pod.metadata.annotations ?? {}]);
    if (this.metaKey && metaKey !== this.metaKey) this.scheduleRefresh();
    this.metaKey = metaKey;
    if (pod.metadata.deletionTimestamp) {
      this.deps.spawn(this.terminate());
      return;
    }
    this.specChanged(pod);
    this.sync();
  }

  /** `kubectl set image` on the pod: a changed container is killed and started again at once. */
  private specChanged(pod: Pod): void {
    for (const c of pod.spec?.containers ?? []) {
      const rec = this.regular.find((r) => r.spec.name === c.name);
      if (!rec || rec.spec.image === c.image) continue;
      rec.spec = c;
      const inst = rec.current;
      if (inst && isRunning(rec)) {
        inst.replace = true;
        this.deps.spawn(this.stopInstance(rec, inst, (pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000, kubeletEvents.definitionChanged(c.name)));
      } else if (rec.timer && !rec.busy) {
        // A container waiting on a bad image tries the new one now (its back-off is per image).
        rec.timer.cancel();
        rec.timer = undefined;
      }
    }
  }

  /** The node's kubelet stopped: pods stay as last reported; nothing runs its logic. */
  suspend(): void {
    this.suspended = true;
  }

  /** The node's kubelet is back: catch up with the pod as it is now. */
  resume(): void {
    if (!this.suspended) return;
    this.suspended = false;
    const stored = this.cluster.store.get('pods', this.namespace, this.name) as Pod | undefined;
    if (stored && stored.metadata.uid === this.uid) this.update(stored);
    if (this.statusDirty) this.writeStatus();
  }

  /** A ConfigMap or Secret of the namespace changed: a failed mount or env may succeed now. */
  configChanged(): void {
    if (this.gone || this.terminating || this.suspended) return;
    if (!this.sandboxReady && !this.settingUp) {
      this.sandboxTimer?.cancel();
      this.sandboxTimer = undefined;
      this.sync();
      return;
    }
    this.scheduleRefresh();
    let again = false;
    for (const rec of this.containers()) {
      if (rec.timer && rec.status.state?.waiting?.reason === 'CreateContainerConfigError') {
        rec.timer.cancel();
        rec.timer = undefined;
        again = true;
      }
    }
    if (again) this.sync();
  }

  /**
   * Projected volume contents (configMap, secret, downwardAPI) follow their sources within the
   * kubelet's sync period: one refresh a minute after a change, however many changes come.
   */
  private scheduleRefresh(): void {
    if (this.refreshTimer || !this.sandboxReady || this.finished) return;
    this.refreshTimer = this.cluster.clock.setTimer(REFRESH_MS, () => {
      this.refreshTimer = undefined;
      if (!this.gone && !this.terminating) this.deps.env.refresh(this.pod);
    });
  }

  /** The pod is gone from the API: stop whatever still runs and free everything. */
  removed(): void {
    if (this.gone) return;
    this.gone = true;
    this.sandboxTimer?.cancel();
    this.refreshTimer?.cancel();
    for (const rec of this.containers()) {
      rec.timer?.cancel();
      this.stopProbes(rec);
      rec.current?.process?.signal('SIGKILL');
    }
    this.crashBackoff.deletePrefix('');
    this.pullBackoff.deletePrefix('');
    this.deps.env.tearDown(this.pod);
    this.deps.ipChanged(this, []);
  }

  // ---- the sync loop ---------------------------------------------------------------------------

  private sync(): void {
    if (this.gone || this.terminating || this.finished || this.suspended) return;
    if (!this.startTime) this.startTime = rfc3339(this.now());
    if (!this.sandboxReady) {
      this.setUpSandbox();
      return;
    }
    let initialized = true;
    for (const rec of this.init) {
      if (rec.kind === 'sidecar') {
        if (isRunning(rec)) {
          if (!rec.started) {
            initialized = false;
            break;
          }
          continue;
        }
        if (!rec.busy && !rec.timer) this.startOrBackOff(rec);
        initialized = false;
        break;
      }
      const term = rec.status.state?.terminated;
      if (term && term.exitCode === 0) continue;
      initialized = false;
      if (rec.busy || rec.timer || isRunning(rec)) break;
      if (rec.instances === 0) this.queueStart(rec);
      else if (this.policy !== 'Never') this.startOrBackOff(rec);
      break;
    }
    // Once initialized (any regular container ran), a restarting init step does not hold the others.
    if (initialized || this.regular.some((r) => r.instances > 0)) {
      for (const rec of this.regular) {
        if (rec.busy || rec.timer || isRunning(rec)) continue;
        if (rec.instances === 0) {
          this.queueStart(rec);
          continue;
        }
        const exit = rec.status.state?.terminated ?? rec.status.lastState?.terminated;
        const restart = this.policy === 'Always' || (this.policy === 'OnFailure' && (exit?.exitCode ?? 1) !== 0);
        if (restart) this.startOrBackOff(rec);
      }
      if (!this.isTerminalPhase()) {
        for (const rec of this.init) if (rec.kind === 'sidecar' && !rec.busy && !rec.timer && !isRunning(rec)) this.startOrBackOff(rec);
      }
    }
    this.writeStatus();
    if (this.isTerminalPhase()) this.deps.spawn(this.finishTerminal());
  }

  private currentStatus(): core.PodStatus {
    const node = this.cluster.store.get('nodes', undefined, this.pod.spec?.nodeName ?? '') as (StoredObject & core.Node) | undefined;
    const hostIP = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    return generatePodStatus({
      pod: this.pod,
      init: this.init.map((r) => r.status),
      regular: this.regular.map((r) => r.status),
      sandboxReady: this.sandboxReady,
      podIsTerminal: this.podIsTerminal,
      hostIP,
      podIPs: this.ips.map((ip) => ({ ip })),
      startTime: this.startTime,
    });
  }

  private isTerminalPhase(): boolean {
    const phase = generatePodPhase({ pod: this.pod, init: this.init.map((r) => r.status), regular: this.regular.map((r) => r.status), podIsTerminal: this.podIsTerminal });
    return phase === 'Succeeded' || phase === 'Failed';
  }

  /** A pod that completed (restartPolicy Never/OnFailure): its sidecars stop and the sandbox goes. */
  private async finishTerminal(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    for (const rec of this.containers()) {
      rec.timer?.cancel();
      rec.timer = undefined;
    }
    const grace = (this.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    await Promise.all(this.init.filter(isRunning).map((rec) => this.stopInstance(rec, rec.current!, grace, kubeletEvents.stopping(rec.spec.name))));
    this.sandboxReady = false;
    this.writeStatus();
  }

  // ---- sandbox and volumes ---------------------------------------------------------------------

  private node(): core.Node | undefined {
    return this.cluster.store.get('nodes', undefined, this.pod.spec?.nodeName ?? '') as (StoredObject & core.Node) | undefined;
  }

  private setUpSandbox(): void {
    if (this.settingUp || this.sandboxTimer) return;
    const node = this.node();
    if (!node) return;
    const mounted = this.deps.env.setUpVolumes(this.pod, node);
    if (!mounted.ok) {
      this.event(kubeletEvents.failedMount(mounted.message));
      this.writeStatus();
      const delay = this.mountRetryMs;
      this.mountRetryMs = Math.min(this.mountRetryMs * 2, MOUNT_RETRY_MAX_MS);
      this.sandboxTimer = this.cluster.clock.setTimer(delay, () => {
        this.sandboxTimer = undefined;
        this.sync();
      });
      return;
    }
    this.settingUp = true;
    const run = async () => {
      await this.cluster.clock.sleep(SANDBOX_MS);
      this.settingUp = false;
      if (this.gone || this.terminating) return;
      let ips: { podIPs: Array<{ ip: string }> };
      try {
        ips = this.deps.env.allocateIP(this.pod, node);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        this.event({ type: 'Warning', reason: 'FailedCreatePodSandBox', message: `Failed to create pod sandbox: ${message}` });
        this.sandboxTimer = this.cluster.clock.setTimer(ERROR_RESYNC_MS, () => {
          this.sandboxTimer = undefined;
          this.sync();
        });
        return;
      }
      this.ips = ips.podIPs.map((p) => p.ip);
      this.deps.ipChanged(this, this.ips);
      this.sandboxReady = true;
      this.sync();
    };
    this.writeStatus();
    this.deps.spawn(run());
  }

  // ---- starting containers ---------------------------------------------------------------------

  /** Containers of one sync start one after the other, as SyncPod does. */
  private queueStart(rec: ContainerRecord): void {
    rec.busy = true;
    const next = this.startChain.then(() => this.start(rec)).catch((e: unknown) => {
      console.error(`kubecamp: kubelet cannot start ${this.namespace}/${this.name}/${rec.spec.name}:`, e);
      if (!this.stopped()) this.retryAt(rec, this.now() + this.errorResyncMs());
    });
    this.startChain = next;
    this.deps.spawn(next);
  }

  /** A container that ran before: restart it now, or wait out its crash back-off (doBackOff). */
  private startOrBackOff(rec: ContainerRecord): void {
    if (rec.instances === 0) {
      this.queueStart(rec);
      return;
    }
    const key = rec.spec.name;
    const now = this.now();
    if (this.crashBackoff.isInBackOffSince(key, rec.finishedAtMs, now)) {
      const last = rec.status.state?.terminated ?? rec.status.lastState?.terminated;
      if (last) rec.status.lastState = { terminated: last };
      rec.status.state = { waiting: { reason: 'CrashLoopBackOff', message: crashLoopMessage(this.crashBackoff.get(key), rec.spec.name, this.pod) } };
      this.event(kubeletEvents.backOff(rec.spec.name, this.pod), rec);
      this.retryAt(rec, now + this.errorResyncMs());
      return;
    }
    this.crashBackoff.next(key, rec.finishedAtMs, now);
    this.queueStart(rec);
  }

  /**
   * When the pod worker syncs again after a failed sync (CrashLoopBackOff, ImagePullBackOff, config
   * errors): backOffPeriod 10 s with 50 % jitter. Each such sync repeats the back-off events.
   */
  private errorResyncMs(): number {
    return Math.round(ERROR_RESYNC_MS * (1 + this.deps.random() * 0.5));
  }

  private retryAt(rec: ContainerRecord, at: number): void {
    rec.timer?.cancel();
    rec.timer = this.cluster.clock.setTimer(Math.max(0, at - this.now()), () => {
      rec.timer = undefined;
      this.sync();
    });
  }

  private stopped(): boolean {
    return this.gone || this.terminating;
  }

  private setWaiting(rec: ContainerRecord, reason: string, message?: string): void {
    const last = rec.status.state?.terminated;
    if (last) rec.status.lastState = { terminated: last };
    rec.status.state = { waiting: message ? { reason, message } : { reason } };
  }

  private async start(rec: ContainerRecord): Promise<void> {
    rec.busy = true;
    try {
      if (this.stopped()) return;
      const image = await this.ensureImage(rec);
      if (!image || this.stopped()) return;
      const env = this.deps.env.containerEnv(this.pod, rec.spec);
      if (!env.ok) {
        this.setWaiting(rec, env.reason, env.message);
        this.event(kubeletEvents.failed(env.message), rec);
        this.retryAt(rec, this.now() + this.errorResyncMs());
        return;
      }
      await this.cluster.clock.sleep(CREATE_MS);
      if (this.stopped()) return;
      const id = hex64();
      const fs = this.deps.env.containerFs(this.pod, rec.spec, image);
      const shell = new ShellRunner();
      const stdin = rec.spec.stdin ? new LineInput() : undefined;
      const ctx = this.startContext(image, fs, shell, id, rec.spec, stdin && (() => stdin.readLine()));
      const sc = rec.spec.securityContext ?? {};
      const podSc = this.pod.spec?.securityContext ?? {};
      const result = startProcess(
        image,
        {
          command: rec.spec.command,
          args: rec.spec.args,
          workingDir: rec.spec.workingDir,
          stdin: rec.spec.stdin,
          tty: rec.spec.tty,
          runAsUser: sc.runAsUser ?? podSc.runAsUser,
          runAsGroup: sc.runAsGroup ?? podSc.runAsGroup,
        },
        env.env,
        ctx,
        { cpuLimitMillicores: this.cpuLimit(rec.spec) },
      );
      if (!result.ok && result.reason === 'CreateContainerError') {
        this.setWaiting(rec, 'CreateContainerError', result.message);
        this.event(kubeletEvents.failed(result.message), rec);
        this.retryAt(rec, this.now() + this.errorResyncMs());
        return;
      }
      this.event(kubeletEvents.created(rec.spec.name), rec);
      const now = this.now();
      const instance: ContainerInstance = { id, image, env: env.env, fs, shell, log: emptyLog(), startedAt: now, stdin };
      const previous = rec.status.state?.terminated ?? rec.status.lastState?.terminated;
      rec.previous = rec.current;
      rec.current = instance;
      rec.instances++;
      rec.status.restartCount = rec.instances - 1;
      rec.status.image = image.imageName;
      rec.status.imageID = image.imageID;
      rec.status.containerID = `containerd://${id}`;
      rec.status.lastState = previous ? { terminated: previous } : {};
      if (rec.spec.volumeMounts?.length) rec.status.volumeMounts = volumeMountStatuses(rec.spec);
      if (!result.ok) {
        this.event(kubeletEvents.failed(result.message), rec);
        this.exited(rec, instance, { code: result.exitCode ?? 128, reason: 'Error' }, { reason: 'StartError', message: result.message, startedAt: '1970-01-01T00:00:00Z' });
        return;
      }
      const process = result.process;
      instance.process = process;
      instance.log = processLog(process);
      rec.status.state = { running: { startedAt: rfc3339(now) } };
      rec.started = false;
      rec.status.started = false;
      rec.status.ready = false;
      this.event(kubeletEvents.started(rec.spec.name), rec);
      void process.exited.then((status) => this.exited(rec, instance, status));
      const postStart = rec.spec.lifecycle?.postStart;
      if (postStart) {
        const failure = await runHook(postStart, rec.spec, formatPod(this.pod), this.probeTarget(rec, instance), (this.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000);
        if (failure && !process.exitStatus()) {
          this.event(kubeletEvents.failedPostStartHook(failure), rec);
          rec.hookFailure = failure;
          await this.stopInstance(rec, instance, (this.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000, { type: 'Normal', reason: 'Killing', message: 'FailedPostStartHook' });
          return;
        }
      }
      if (process.exitStatus()) return;
      this.startProbes(rec, instance);
      if (!rec.spec.startupProbe) this.markStarted(rec);
      this.writeStatus();
    } finally {
      rec.busy = false;
      if (!this.stopped()) this.sync();
    }
  }

  private cpuLimit(c: core.Container): number | undefined {
    const v = c.resources?.limits?.cpu;
    if (v === undefined) return undefined;
    try {
      return Number(Quantity.parse(v).milliValue());
    } catch {
      return undefined;
    }
  }

  private memoryLimit(c: core.Container): number | undefined {
    const v = c.resources?.limits?.memory;
    if (v === undefined) return undefined;
    try {
      return Number(Quantity.parse(v).value());
    } catch {
      return undefined;
    }
  }

  startContext(image: CatalogueImage, fs: FileSystem, shell: ShellRunner, id: string, c: core.Container, readLine?: () => Promise<string | undefined>): StartContext {
    const node = this.node();
    const cpus = Number(node?.status?.capacity?.cpu ?? 8) || 8;
    return {
      clock: this.cluster.clock,
      fs,
      network: this.deps.network(this.namespace, this.name),
      shell,
      node: { cpus, kernel: node?.status?.nodeInfo?.kernelVersion ?? '6.8.0', name: this.pod.spec?.nodeName ?? '', ipv6: false },
      pod: { ip: this.ips[0] ?? '', hostname: this.pod.spec?.hostname ?? this.name },
      containerId: id,
      random: this.deps.random,
      readLine,
      memoryLimitBytes: this.memoryLimit(c),
    };
  }

  /** EnsureImageExists: the pull (serialized per node), its events, and the image pull back-off. */
  private async ensureImage(rec: ContainerRecord): Promise<CatalogueImage | undefined> {
    const imageField = rec.spec.image ?? '';
    const key = imageField;
    const now = this.now();
    if (this.pullBackoff.isInBackOffSinceUpdate(key, now)) {
      this.setWaiting(rec, 'ImagePullBackOff', imagePullBackOffMessage(imageField, rec.pullError ?? ''));
      this.imageEvent(imageEvents.backOff(imageField), rec);
      this.imageEvent(imageEvents.error('ImagePullBackOff'), rec);
      this.writeStatus();
      // The pod worker resyncs after errors; the first sync past the back-off pulls again.
      this.retryAt(rec, now + this.errorResyncMs());
      return undefined;
    }
    const policy = (rec.spec.imagePullPolicy ?? 'IfNotPresent') as PullPolicy;
    const plan = planPull(
      { image: imageField, policy, nodeHas: (ref) => this.deps.agent.has(ref), pullSecrets: this.pullSecrets(), random: this.deps.random },
      this.deps.catalogue,
    );
    switch (plan.kind) {
      case 'invalid':
        this.setWaiting(rec, plan.reason, plan.message);
        this.imageEvent(imageEvents.inspectFailed(plan.message), rec);
        this.imageEvent(imageEvents.error(plan.reason), rec);
        this.retryAt(rec, now + this.errorResyncMs());
        return undefined;
      case 'never':
        this.setWaiting(rec, plan.reason, plan.message);
        this.imageEvent(imageEvents.neverPull(imageField), rec);
        this.imageEvent(imageEvents.error(plan.reason), rec);
        this.retryAt(rec, now + this.errorResyncMs());
        return undefined;
      case 'present':
        this.imageEvent(imageEvents.alreadyPresent(imageField), rec);
        return plan.image;
      case 'pull': {
        this.imageEvent(imageEvents.pulling(imageField), rec);
        const start = this.deps.agent.bookPull(now, plan.durationMs);
        const end = start + plan.durationMs;
        await this.cluster.clock.sleep(end - now);
        if (this.stopped()) return undefined;
        const outcome = plan.outcome;
        if (outcome.ok) {
          this.deps.agent.add(outcome.image);
          this.pullBackoff.delete(key);
          this.imageEvent(imageEvents.pulled(imageField, plan.durationMs, end - now, outcome.sizeBytes), rec);
          return outcome.image;
        }
        rec.pullError = outcome.message;
        this.setWaiting(rec, outcome.reason, outcome.message);
        this.imageEvent(imageEvents.failed(imageField, outcome.message), rec);
        this.imageEvent(imageEvents.error(outcome.reason), rec);
        this.pullBackoff.next(key, this.now(), this.now());
        this.writeStatus();
        // The next sync (status update, PLEG) finds the image in back-off.
        this.retryAt(rec, this.now() + PLEG_MS);
        return undefined;
      }
    }
  }

  /** Decoded `.dockerconfigjson` / `.dockercfg` of the pod's imagePullSecrets that exist. */
  private pullSecrets(): string[] {
    const out: string[] = [];
    for (const ref of this.pod.spec?.imagePullSecrets ?? []) {
      if (!ref.name) continue;
      const secret = this.cluster.store.get('secrets', this.namespace, ref.name) as (StoredObject & { data?: Record<string, string> }) | undefined;
      const data = secret?.data?.['.dockerconfigjson'] ?? secret?.data?.['.dockercfg'];
      if (data) out.push(Buffer.from(data, 'base64').toString('utf8'));
    }
    return out;
  }

  // ---- running containers ----------------------------------------------------------------------

  private markStarted(rec: ContainerRecord): void {
    rec.started = true;
    rec.status.started = true;
    const readiness = rec.probes.find((p) => p.type === 'readiness');
    rec.status.ready = readiness ? readiness.state.result === 'success' : true;
    if (rec.kind === 'init') rec.status.ready = false;
  }

  /** The container's process ended (or never started): record it and let the PLEG notice. */
  private exited(rec: ContainerRecord, instance: ContainerInstance, status: ExitStatus, override?: { reason: string; message: string; startedAt: string }): void {
    if (rec.current !== instance || this.gone) return;
    this.stopProbes(rec);
    const now = this.now();
    const terminated: core.ContainerStateTerminated = {
      exitCode: status.code,
      reason: override?.reason ?? status.reason,
      startedAt: override?.startedAt ?? rfc3339(instance.startedAt),
      finishedAt: rfc3339(now),
      containerID: `containerd://${instance.id}`,
    };
    const message = override?.message ?? terminationMessage(rec.spec, instance, status.code);
    if (message) terminated.message = message;
    rec.status.state = { terminated };
    rec.status.ready = rec.kind === 'init' && status.code === 0 && !override;
    rec.status.started = false;
    rec.started = false;
    rec.finishedAtMs = now;
    if (rec.hookFailure) {
      this.setWaiting(rec, 'PostStartHookError', rec.hookFailure);
      rec.hookFailure = undefined;
    }
    this.writeStatus();
    if (this.terminating || this.finished) return;
    if (instance.replace) {
      this.queueStart(rec);
      return;
    }
    this.retryAt(rec, now + PLEG_MS);
  }

  private stopProbes(rec: ContainerRecord): void {
    for (const p of rec.probes) p.timer?.cancel();
    rec.probes = [];
  }

  private startProbes(rec: ContainerRecord, instance: ContainerInstance): void {
    this.stopProbes(rec);
    const specs: Array<[ProbeType, core.Probe | undefined]> =
      rec.kind === 'init' ? [] : [['startup', rec.spec.startupProbe], ['liveness', rec.spec.livenessProbe], ['readiness', rec.spec.readinessProbe]];
    for (const [type, probe] of specs) {
      if (!probe) continue;
      const run: ProbeRun = { type, probe, timing: probeTiming(probe), state: initialProbeState(type) };
      rec.probes.push(run);
      this.scheduleProbe(rec, instance, run, nextProbeAt(instance.startedAt, run.timing, instance.startedAt - 1));
    }
  }

  private scheduleProbe(rec: ContainerRecord, instance: ContainerInstance, run: ProbeRun, at: number): void {
    run.timer = this.cluster.clock.setTimer(Math.max(0, at - this.now()), () => {
      run.timer = undefined;
      this.deps.spawn(this.probe(rec, instance, run));
    });
  }

  private async probe(rec: ContainerRecord, instance: ContainerInstance, run: ProbeRun): Promise<void> {
    const alive = () => rec.current === instance && !!instance.process && !instance.process.exitStatus() && rec.probes.includes(run) && !this.gone;
    if (!alive() || run.state.onHold) return;
    const again = () => this.scheduleProbe(rec, instance, run, nextProbeAt(instance.startedAt, run.timing, this.now()));
    if (run.type === 'startup' && rec.started) return;
    if (run.type !== 'startup' && !rec.started) return again();
    if (this.suspended) return again();
    if (this.terminating && run.type !== 'readiness') return;
    const outcome = await runProbe(run.probe, rec.spec, this.probeTarget(rec, instance), run.timing.timeoutMs);
    if (!alive()) return;
    if (outcome.result === 'failure') this.event(kubeletEvents.unhealthy(probeTypeTitle(run.type), outcome.output), rec);
    const step = observeProbe(run.type, run.state, run.timing, outcome.result);
    run.state = step.state;
    if (run.type === 'readiness' && step.changed) {
      rec.status.ready = rec.started && step.state.result === 'success';
      this.writeStatus();
    }
    if (run.type === 'startup' && step.state.result === 'success') {
      this.markStarted(rec);
      this.writeStatus();
      this.sync();
      return;
    }
    if (step.kill && run.type !== 'readiness') {
      const grace = (run.probe.terminationGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
      await this.stopInstance(rec, instance, grace, kubeletEvents.probeKill(rec.spec.name, run.type));
      return;
    }
    again();
  }

  /** What probes and hooks reach: the pod's containers on its IP, exec in this instance. */
  probeTarget(rec: ContainerRecord, instance: ContainerInstance): ProbeTarget {
    const node = this.node();
    return {
      podIP: this.ips[0] ?? '',
      nodeIP: node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
      http: (req) => this.http(req),
      listening: (port) => this.listening(port),
      exec: async (argv, timeoutMs) => {
        const started = startExec(instance.image, argv, instance.env, this.startContext(instance.image, instance.fs, instance.shell, instance.id, rec.spec), { execId: hex64() });
        if (!started.ok) return { error: started.message };
        const p = started.process;
        let output = '';
        p.onOutput((_s, text) => (output += text));
        const done = await Promise.race([p.exited, this.cluster.clock.sleep(timeoutMs).then(() => undefined)]);
        if (!done) {
          p.signal('SIGKILL');
          return { timedOut: true };
        }
        return { code: done.code, output };
      },
      sleep: (ms) => this.cluster.clock.sleep(ms),
    };
  }

  /** An HTTP request to this pod's IP: the container listening on the port answers. */
  http(req: IncomingHttpRequest): Promise<HttpResponse | NetworkFailure | NotHttp> {
    for (const rec of this.containers()) {
      const p = rec.current?.process;
      if (p && !p.exitStatus() && p.listening(req.port)) return p.handleHttp(req);
    }
    return Promise.resolve({ kind: 'refused', host: this.ips[0] ?? '', port: req.port });
  }

  listening(port: number): boolean {
    return this.containers().some((rec) => {
      const p = rec.current?.process;
      return !!p && !p.exitStatus() && p.listening(port);
    });
  }

  /** Stops one container instance: preStop, the image's stop signal, SIGKILL after the grace period. */
  private async stopInstance(rec: ContainerRecord, instance: ContainerInstance, graceMs: number, event: KubeletEvent): Promise<void> {
    const p = instance.process;
    if (!p || p.exitStatus() || instance.stopping) return;
    instance.stopping = true;
    this.event(event, rec);
    const grace = Math.max(graceMs, MIN_GRACE_MS);
    const deadline = this.now() + grace;
    const preStop = rec.spec.lifecycle?.preStop;
    if (preStop) {
      const hook = runHook(preStop, rec.spec, formatPod(this.pod), this.probeTarget(rec, instance), grace);
      const failure = await Promise.race([hook, this.cluster.clock.sleep(grace).then(() => undefined)]);
      if (failure) this.event(kubeletEvents.failedPreStopHook(failure), rec);
    }
    if (p.exitStatus()) return;
    p.signal(instance.image.stopSignal);
    if (p.exitStatus()) return;
    const kill = this.cluster.clock.setTimer(Math.max(0, deadline - this.now()), () => p.signal('SIGKILL'));
    await p.exited;
    kill.cancel();
  }

  // ---- termination -----------------------------------------------------------------------------

  /** The pod was deleted gracefully: stop every container, report, then delete it for good. */
  private async terminate(): Promise<void> {
    if (this.terminating || this.gone) return;
    this.terminating = true;
    this.sandboxTimer?.cancel();
    for (const rec of this.containers()) {
      rec.timer?.cancel();
      rec.timer = undefined;
      for (const p of rec.probes) if (p.type !== 'readiness') p.timer?.cancel();
    }
    const meta = this.pod.metadata;
    const grace = (meta.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    const running = this.containers().filter(isRunning);
    await Promise.all(running.map((rec) => this.stopInstance(rec, rec.current!, grace, kubeletEvents.stopping(rec.spec.name))));
    for (const rec of this.containers()) this.stopProbes(rec);
    this.sandboxReady = false;
    this.podIsTerminal = this.sandboxReady === false && this.containers().some((r) => r.instances > 0);
    this.writeStatus();
    await this.writing;
    if (this.gone) return;
    const def = this.cluster.resources.byResource('', 'pods');
    if (!def) return;
    try {
      await this.cluster.api.delete(this.cluster.context(this.deps.agent.user), def, this.namespace, this.name, { gracePeriodSeconds: 0, preconditions: { uid: this.uid } });
    } catch (e) {
      if (!(e instanceof StatusError && (e.code === 404 || e.code === 409))) throw e;
    }
  }

  // ---- status and events -----------------------------------------------------------------------

  /** Writes the status through pods/status when it changed (the status manager); coalesced. */
  writeStatus(): void {
    this.statusDirty = true;
    if (this.writing || this.suspended) return;
    const w = this.flushStatus().finally(() => {
      if (this.writing === w) this.writing = undefined;
    });
    this.writing = w;
    this.deps.track(w);
  }

  private async flushStatus(): Promise<void> {
    while (this.statusDirty && !this.gone && !this.suspended) {
      this.statusDirty = false;
      await Promise.resolve();
      const def = this.cluster.resources.byResource('', 'pods');
      if (!def) return;
      for (let attempt = 0; attempt < 5; attempt++) {
        const stored = this.cluster.store.get('pods', this.namespace, this.name) as Pod | undefined;
        if (!stored || stored.metadata.uid !== this.uid) return;
        this.pod = stored;
        const next = mergePodStatus(stored.status, this.currentStatus(), rfc3339(this.now()), stored.metadata.generation);
        const digest = createHash('sha1').update(JSON.stringify(next)).digest('base64');
        if (digest === this.lastWritten) break;
        // A status update takes the live managedFields (whatever the request holds), so they are not copied.
        const obj = deepClone({ ...stored, metadata: { ...stored.metadata, managedFields: undefined } }) as KubeObject & { status?: core.PodStatus };
        obj.status = next;
        try {
          await this.cluster.api.update(this.cluster.context(this.deps.agent.user), def, this.namespace, this.name, obj, { subresource: 'status', fieldManager: 'kubelet' });
          this.lastWritten = digest;
          break;
        } catch (e) {
          if (e instanceof StatusError && e.code === 409) continue;
          if (e instanceof StatusError && e.code === 404) return;
          console.error(`kubecamp: kubelet cannot write the status of ${this.namespace}/${this.name}:`, e);
          break;
        }
      }
    }
  }

  private event(e: KubeletEvent, rec?: ContainerRecord): void {
    if (this.suspended) return;
    void this.deps.agent.events.event(this.pod, e.type, e.reason, e.message, rec ? { fieldPath: rec.fieldPath } : {});
  }

  private imageEvent(e: ImageEvent, rec: ContainerRecord): void {
    this.event({ type: e.type, reason: e.reason, message: e.message }, rec);
  }
}
