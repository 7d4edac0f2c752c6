// Playing the kubelet in tests that isolate a controller (a sandbox started `without:
// ['kubelet']`): write a pod's status as the kubelet would report it, through the pods/status
// subresource, so controllers react to Running/Ready/Succeeded/Failed pods.
import { deepClone, type KubeObject } from '../../src/apimachinery/object.ts';
import type { Cluster } from '../../src/sandbox/cluster.ts';
import { controllerUser } from '../../src/sandbox/cluster.ts';

type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

interface PodLike extends KubeObject {
  metadata: { name: string; namespace: string; [k: string]: unknown };
  spec?: { nodeName?: string; containers?: Array<{ name: string; image: string }> };
  status?: Record<string, unknown>;
}

function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Sets a pod's phase (and readiness, for Running) as a kubelet status update would. */
export async function setPodPhase(cluster: Cluster, namespace: string, name: string, phase: Phase, opts: { ready?: boolean; exitCode?: number; podIP?: string } = {}): Promise<void> {
  const def = cluster.resources.byResource('', 'pods')!;
  const ctx = cluster.context(controllerUser('kubelet-test'));
  const pod = cluster.api.get(ctx, def, namespace, name) as unknown as PodLike;
  const now = rfc3339(cluster.clock.now());
  const ready = phase === 'Running' ? (opts.ready ?? true) : false;
  const cond = (type: string, status: boolean, reason?: string) => ({ type, status: status ? 'True' : 'False', lastTransitionTime: now, lastProbeTime: null, ...(reason && !status ? { reason } : {}) });
  const containers = pod.spec?.containers ?? [];
  const terminated = phase === 'Succeeded' || phase === 'Failed';
  const status = {
    ...pod.status,
    phase,
    hostIP: '172.18.0.2',
    podIP: opts.podIP ?? pod.status?.podIP ?? '10.244.1.10',
    startTime: pod.status?.startTime ?? now,
    conditions: [
      cond('PodReadyToStartContainers', !terminated),
      cond('Initialized', true),
      cond('Ready', ready, terminated ? 'PodCompleted' : 'ContainersNotReady'),
      cond('ContainersReady', ready, terminated ? 'PodCompleted' : 'ContainersNotReady'),
      cond('PodScheduled', true),
    ],
    containerStatuses: containers.map((c) => ({
      name: c.name,
      image: c.image,
      imageID: '',
      ready,
      started: phase === 'Running',
      restartCount: 0,
      state: terminated
        ? { terminated: { exitCode: opts.exitCode ?? (phase === 'Succeeded' ? 0 : 1), reason: phase === 'Succeeded' ? 'Completed' : 'Error', startedAt: now, finishedAt: now } }
        : phase === 'Running'
          ? { running: { startedAt: now } }
          : { waiting: { reason: 'ContainerCreating' } },
    })),
  };
  await cluster.api.update(ctx, def, namespace, name, { ...deepClone(pod), status } as KubeObject, { subresource: 'status', fieldManager: 'kubelet' });
}
