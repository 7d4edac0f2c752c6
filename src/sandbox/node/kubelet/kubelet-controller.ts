// The simulated kubelets of one cluster (controller `kubelet`): a node agent per Node and a pod
// worker per pod bound to it (spec.nodeName), fed from store changes; ConfigMap/Secret changes
// wake workers waiting on a mount or an env source. It offers the workers to the HTTP layer and
// the network as `cluster.runtime.pods` while it runs.
import { createHash } from 'node:crypto';
import type * as core from '../../../generated/k8s/core/v1.ts';
import type { StoredObject } from '../../../apimachinery/object.ts';
import type { Cluster, Controller } from '../../cluster.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { ImageCatalogue } from '../images/image-catalogue.ts';
import { nodePower } from '../node-power.ts';
import type { NetworkAccess } from '../shell/types.ts';
import { PodEnvironment, VolumeData } from './environment/index.ts';
import { NodeAgent } from './node-agent.ts';
import { KubeletPodRuntime } from './pod-runtime.ts';
import { PodWorker } from './pod-worker.ts';

type Pod = core.Pod & StoredObject;

let sharedCatalogue: ImageCatalogue | undefined;

/** A network that reaches nothing, for clusters without the simulated network. */
const unreachable: NetworkAccess = {
  resolve: () => undefined,
  nameserver: () => '10.96.0.10',
  http: async (req) => ({ kind: 'unresolved', host: new URL(req.url).hostname }),
  connect: async (host) => ({ kind: 'unresolved', host }),
};

/** A deterministic uniform source per cluster (pull jitter), seeded from the cluster id. */
function seeded(id: string): () => number {
  let x = createHash('sha256').update(id).digest().readUInt32LE(0);
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

export class KubeletController implements Controller {
  readonly name = 'kubelet';
  private cluster?: Cluster;
  private unsubscribe?: () => void;
  private readonly agents = new Map<string, NodeAgent>();
  private readonly workers = new Map<string, PodWorker>();
  private readonly byIP = new Map<string, PodWorker>();
  private readonly inflight = new Set<Promise<unknown>>();
  private env?: PodEnvironment;
  private random: () => number = Math.random;

  start(cluster: Cluster): void {
    this.cluster = cluster;
    this.env = new PodEnvironment(cluster, new VolumeData());
    this.random = seeded(cluster.id);
    for (const node of cluster.store.list('nodes')) this.agents.set(node.metadata.name, new NodeAgent(cluster, node.metadata.name));
    const unobserve = cluster.store.observe((ev) => this.changed(ev));
    // A stopped node's kubelet is gone: its pods stay as last reported until it starts again.
    const unpower = nodePower(cluster).onChange((node, stopped) => {
      for (const w of this.workers.values()) if (w.pod.spec?.nodeName === node) stopped ? w.suspend() : w.resume();
    });
    this.unsubscribe = () => {
      unobserve();
      unpower();
    };
    cluster.runtime.pods = new KubeletPodRuntime({
      byName: (ns, name) => this.workers.get(`${ns}/${name}`),
      byIP: (ip) => this.byIP.get(ip),
    });
    for (const pod of cluster.store.list('pods')) this.podChanged(pod as Pod);
  }

  stop(): void {
    this.unsubscribe?.();
    for (const w of this.workers.values()) w.removed();
    this.workers.clear();
    this.byIP.clear();
    if (this.cluster) delete this.cluster.runtime.pods;
  }

  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.race([...this.inflight]).catch(() => undefined);
  }

  private track = (p: Promise<unknown>): void => {
    const t = p.catch((e: unknown) => console.error('kubecamp: kubelet:', e));
    this.inflight.add(t);
    void t.finally(() => this.inflight.delete(t));
  };

  /** Runs inside the store write: only dispatches, deferred to a microtask. */
  private changed(ev: StoreEvent): void {
    if (ev.resource === 'pods') {
      const pod = ev.object as Pod;
      if (ev.type === 'DELETED') this.track(Promise.resolve().then(() => this.podDeleted(pod)));
      else this.track(Promise.resolve().then(() => this.podChanged(pod)));
    } else if (ev.resource === 'nodes') {
      const name = ev.object.metadata.name;
      if (ev.type === 'DELETED') this.agents.delete(name);
      else if (!this.agents.has(name) && this.cluster) this.agents.set(name, new NodeAgent(this.cluster, name));
    } else if (ev.resource === 'configmaps' || ev.resource === 'secrets') {
      const ns = ev.namespace;
      this.track(
        Promise.resolve().then(() => {
          for (const w of this.workers.values()) if (w.namespace === ns) w.configChanged();
        }),
      );
    }
  }

  private podChanged(stored: Pod): void {
    const cluster = this.cluster;
    if (!cluster || !this.env) return;
    const key = `${stored.metadata.namespace}/${stored.metadata.name}`;
    // Act on the latest version (the event may be stale by now).
    const pod = cluster.store.get('pods', stored.metadata.namespace, stored.metadata.name) as Pod | undefined;
    if (!pod || pod.metadata.uid !== stored.metadata.uid) return;
    let worker = this.workers.get(key);
    if (worker && worker.uid !== pod.metadata.uid) {
      this.drop(worker);
      worker = undefined;
    }
    if (!worker) {
      const nodeName = pod.spec?.nodeName;
      const agent = nodeName ? this.agents.get(nodeName) : undefined;
      if (!agent) return;
      // A pod that finished before this kubelet saw it (recovery) is left as it is.
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
      sharedCatalogue ??= new ImageCatalogue();
      worker = new PodWorker(
        {
          cluster,
          agent,
          env: this.env,
          catalogue: sharedCatalogue,
          random: this.random,
          network: (ns, name) => cluster.runtime.network?.forPod(ns, name) ?? unreachable,
          ipChanged: (w, ips) => this.ipChanged(w, ips),
          track: this.track,
          spawn: (p) => void p.catch((e: unknown) => console.error('kubecamp: kubelet:', e)),
        },
        pod,
      );
      this.workers.set(key, worker);
      if (nodePower(cluster).stopped(nodeName!)) worker.suspend();
    }
    worker.update(pod);
  }

  private podDeleted(pod: Pod): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const worker = this.workers.get(key);
    if (worker && worker.uid === pod.metadata.uid) this.drop(worker);
  }

  private drop(worker: PodWorker): void {
    this.workers.delete(`${worker.namespace}/${worker.name}`);
    worker.removed();
  }

  private ipChanged(worker: PodWorker, ips: string[]): void {
    for (const [ip, w] of this.byIP) if (w === worker) this.byIP.delete(ip);
    for (const ip of ips) this.byIP.set(ip, worker);
  }
}
