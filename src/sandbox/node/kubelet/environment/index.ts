// The pod environment of the simulated kubelet: what a container sees besides its own process —
// pod IP, volumes (configMap, secret, downwardAPI, projected, emptyDir, hostPath, PVC), the root
// filesystem with kubelet-managed /etc/hosts, /etc/hostname and /etc/resolv.conf, and the
// environment variables (upstream pkg/kubelet/kubelet_pods.go, pkg/volume/*, pkg/kubelet/envvars).
//
// This file is the seam with the kubelet core (src/sandbox/node/kubelet/): the signatures below
// change only with a note here.
// Additions beyond the agreed API (all optional for the kubelet to use):
// - refresh(pod): boolean — re-projects the pod's configMap/secret/downwardAPI/projected volumes
//   from the current objects (not subPath mounts: those are copies). Call it when a ConfigMap or
//   Secret of the pod's namespace changes, or the pod's labels/annotations change, after a delay
//   (upstream: within the kubelet's ~1 min sync period plus cache TTL; 60 s simulated is faithful).
//   Returns whether any volume's files changed. Failures keep the old files, as upstream.
// - memoryBackedBytes(pod): bytes held in the pod's emptyDir medium: Memory volumes (they count
//   toward the pod's memory usage, as tmpfs does in the cgroup).
// - allocateIP throws Error(`failed to allocate for range 0: ...`) when the node's range is full
//   (a FailedCreatePodSandBox in upstream terms; unreachable with 110 pods per /24).
import type { Cluster } from '../../../cluster.ts';
import type { FileSystem } from '../../fs/types.ts';
import type { CatalogueImage } from '../../images/image-catalogue.ts';
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { writeProjectedVolume } from '../../fs/projected-volume.ts';
import { MemoryFs } from '../../fs/memory-fs.ts';
import { assembleContainerFs } from './container-fs.ts';
import { makeEnvironmentVariables } from './container-env.ts';
import { hostnameFile, hostsFile, podDNS, resolvConf } from './etc-files.ts';
import { projectedServiceAccountToken } from './service-account-token.ts';
import { nodeIPs, storeSources, type Sources } from './sources.ts';
import { VolumeData, type PodState } from './volume-data.ts';
import { isProjectedKind, volumePayload, type PayloadInputs } from './volume-payload.ts';
import { payloadKey, setUpVolume, tokenPathsOf, type SetUpContext } from './volume-setup.ts';

export { VolumeData };

export class PodEnvironment {
  private readonly sources: Sources;
  private readonly now: () => number;

  constructor(
    readonly cluster: Cluster,
    readonly data: VolumeData,
  ) {
    this.sources = storeSources(cluster);
    this.now = () => cluster.clock.now();
  }

  /** Mounts the pod's volumes (configMap, secret, downwardAPI, projected incl. serviceAccountToken + kube-root-ca.crt, emptyDir, hostPath, persistentVolumeClaim → its bound PV's data). Idempotent; the kubelet retries a failure and also when a configMap/secret appears. On failure: the upstream FailedMount event message, e.g. `MountVolume.SetUp failed for volume "config" : configmap "app-config" not found`. */
  setUpVolumes(pod: core.Pod, node: core.Node): { ok: true } | { ok: false; message: string } {
    const state = this.state(pod, node);
    const ctx = this.setUpContext(pod, state, node);
    let setupError: string | undefined;
    const claimErrors: Array<{ volume: string; message: string }> = [];
    for (const v of pod.spec?.volumes ?? []) {
      if (state.volumes.has(v.name)) continue;
      const r = setUpVolume(v, ctx);
      if (r.ok) state.volumes.set(v.name, r.volume);
      else if (r.kind === 'claim') claimErrors.push({ volume: v.name, message: r.message });
      else setupError ??= `MountVolume.SetUp failed for volume "${v.name}" : ${r.message}`;
    }
    if (setupError) return { ok: false, message: setupError };
    if (claimErrors.length) {
      const used = new Set([...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].flatMap((c) => (c.volumeMounts ?? []).map((m) => m.name)));
      const unmounted = [...used].filter((n) => !state.volumes.has(n)).sort();
      const failed = claimErrors.map((e) => e.volume).sort();
      const message =
        `Unable to attach or mount volumes: unmounted volumes=[${unmounted.join(' ')}], unattached volumes=[], ` +
        `failed to process volumes=[${failed.join(' ')}]: ${claimErrors.map((e) => e.message).join('; ')}`;
      return { ok: false, message };
    }
    return { ok: true };
  }

  /** Re-projects the pod's configMap/secret/downwardAPI/projected volumes (see the header). */
  refresh(pod: core.Pod): boolean {
    const state = this.data.pods.get(pod.metadata?.uid ?? '');
    if (!state) return false;
    const node = this.sources.node(state.nodeName);
    const ctx = this.setUpContext(pod, state, node);
    let changed = false;
    for (const v of pod.spec?.volumes ?? []) {
      const mounted = state.volumes.get(v.name);
      if (!mounted?.projected || !isProjectedKind(v)) continue;
      const tokens = mounted.projected.tokens;
      const token: PayloadInputs['token'] = (s) => {
        const t = tokens.get(s.path);
        return t !== undefined ? { ok: true, value: t } : ctx.payload.token(s);
      };
      const r = volumePayload(v, { ...ctx.payload, token });
      if (!r.ok) continue;
      const key = payloadKey(r.files, tokenPathsOf(v));
      if (key === mounted.projected.content) continue;
      writeProjectedVolume(mounted.fs, '/', r.files, { now: this.now, defaultMode: mounted.projected.defaultMode, gid: pod.spec?.securityContext?.fsGroup });
      mounted.projected.content = key;
      changed = true;
    }
    return changed;
  }

  /** The container's root filesystem: the image's files (writeImageFiles) under a writable layer that lives as long as this container instance, kubelet-managed /etc/hosts, /etc/hostname, /etc/resolv.conf, and its volumeMounts (readOnly, subPath, subPathExpr, mountPropagation ignored) at their paths. */
  containerFs(pod: core.Pod, container: core.Container, image: CatalogueImage): FileSystem {
    const node = this.sources.node(pod.spec?.nodeName ?? '');
    const state = this.state(pod, node);
    const podIPs = this.podIPs(pod, state);
    // ensureHostsFile: rewritten at every container start, as upstream.
    state.podDir.writeFile('/etc-hosts', hostsFile(pod, podIPs, { name: state.nodeName, ip: state.nodeIP }), { mode: 0o644 });
    state.podDir.writeFile('/hostname', hostnameFile(pod, state.nodeName), { mode: 0o644 });
    state.podDir.writeFile('/resolv.conf', resolvConf(podDNS(pod)), { mode: 0o644 });
    const env = this.containerEnv(pod, container);
    return assembleContainerFs({
      pod,
      container,
      state,
      image: this.data.imageLayer(image.variant),
      env: env.ok ? env.env : {},
      mountHosts: podIPs.length > 0 || !!pod.spec?.hostNetwork,
      now: this.now,
    });
  }

  /** The container's environment as the kubelet computes it: Service link variables (enableServiceLinks), envFrom, env with $(VAR) expansion, valueFrom configMapKeyRef/secretKeyRef/fieldRef/resourceFieldRef. A missing non-optional source fails with reason CreateContainerConfigError and upstream's message (`configmap "x" not found`, `couldn't find key k in ConfigMap default/x`). */
  containerEnv(pod: core.Pod, container: core.Container): { ok: true; env: Record<string, string> } | { ok: false; reason: 'CreateContainerConfigError'; message: string } {
    const node = this.sources.node(pod.spec?.nodeName ?? '');
    const state = this.data.pods.get(pod.metadata?.uid ?? '');
    return makeEnvironmentVariables({ pod, container, podIPs: this.podIPs(pod, state), node, sources: this.sources });
  }

  /** Pod IP (and podIPs) from the node's spec.podCIDR, unique per node; hostNetwork pods get the node's InternalIP. */
  allocateIP(pod: core.Pod, node: core.Node): { podIP: string; podIPs: Array<{ ip: string }> } {
    this.state(pod, node);
    if (pod.spec?.hostNetwork) {
      const ip = nodeIPs(node)[0] ?? '';
      return { podIP: ip, podIPs: [{ ip }] };
    }
    const r = this.data.ips.allocate(node.metadata?.name ?? '', node.spec?.podCIDR ?? '', pod.metadata?.uid ?? '');
    if (!r.ok) throw new Error(r.message);
    return { podIP: r.ip, podIPs: [{ ip: r.ip }] };
  }

  /** The pod is gone: free its IP, drop its emptyDirs and writable layers (hostPath and PV data stay). */
  tearDown(pod: core.Pod): void {
    const uid = pod.metadata?.uid ?? '';
    this.data.ips.release(uid);
    this.data.pods.delete(uid);
  }

  /** Bytes in the pod's memory-backed emptyDirs. */
  memoryBackedBytes(pod: core.Pod): number {
    const state = this.data.pods.get(pod.metadata?.uid ?? '');
    let total = 0;
    for (const v of state?.volumes.values() ?? []) if (v.memory) total += v.fs.usage?.('/').usedBytes ?? 0;
    return total;
  }

  private podIPs(pod: core.Pod, state: PodState | undefined): string[] {
    if (pod.spec?.hostNetwork) return state?.nodeIP ? [state.nodeIP] : [];
    const ip = this.data.ips.addressOf(pod.metadata?.uid ?? '');
    return ip ? [ip] : (pod.status?.podIPs ?? []).map((p) => p.ip);
  }

  private state(pod: core.Pod, node: core.Node | undefined): PodState {
    const uid = pod.metadata?.uid ?? '';
    let s = this.data.pods.get(uid);
    if (!s) {
      s = {
        uid,
        nodeName: node?.metadata?.name ?? pod.spec?.nodeName ?? '',
        nodeIP: nodeIPs(node)[0] ?? '',
        volumes: new Map(),
        podDir: new MemoryFs({ now: this.now }),
      };
      this.data.pods.set(uid, s);
    }
    return s;
  }

  private setUpContext(pod: core.Pod, state: PodState, node: core.Node | undefined): SetUpContext {
    const allocatable = node?.status?.allocatable ?? {};
    const ns = pod.metadata?.namespace ?? '';
    const payload: PayloadInputs = {
      pod,
      sources: this.sources,
      field: { pod, podIPs: this.podIPs(pod, state), hostIPs: nodeIPs(node) },
      allocatable,
      token: (s) => {
        const saName = pod.spec?.serviceAccountName || 'default';
        const sa = this.sources.serviceAccount(ns, saName);
        if (!sa) return { ok: false, message: `failed to fetch token: serviceaccounts "${saName}" not found` };
        const value = projectedServiceAccountToken(this.cluster, {
          namespace: ns,
          serviceAccount: { name: saName, uid: sa.metadata?.uid ?? '' },
          pod: { name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
          node: { name: state.nodeName, uid: node?.metadata?.uid ?? '' },
          audience: s.audience,
          expirationSeconds: s.expirationSeconds,
        });
        return { ok: true, value };
      },
    };
    return { pod, node: { name: state.nodeName, ip: state.nodeIP, allocatable }, sources: this.sources, data: this.data, now: this.now, payload };
  }
}
