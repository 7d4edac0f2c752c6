// ServiceAccount admission (upstream plugin/pkg/admission/serviceaccount): a pod runs as its
// namespace's `default` ServiceAccount unless it names another, the account must exist, and its
// API credentials are mounted as the projected `kube-api-access-*` volume.
import { forbidden } from '../../apimachinery/errors.ts';
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import type { AdmissionPlugin } from './types.ts';

export const SERVICE_ACCOUNT_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

type Pod = corev1.Pod & { spec: corev1.PodSpec };

function tokenVolume(name: string): corev1.Volume {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

export const serviceAccountAdmission: AdmissionPlugin = {
  name: 'ServiceAccount',
  admit(a) {
    if (a.def.group !== '' || a.def.resource !== 'pods' || a.subresource || a.operation !== 'CREATE') return;
    const pod = a.object as Pod;
    if (!pod.spec) return;
    // Mirror pods (created by a kubelet for static pods) are left alone, as upstream.
    if (pod.metadata?.annotations?.['kubernetes.io/config.mirror']) return;
    const name = pod.spec.serviceAccountName || pod.spec.serviceAccount || 'default';
    pod.spec.serviceAccountName = name;
    pod.spec.serviceAccount = name;
    const sa = a.ctx.cluster.store.get('serviceaccounts', a.namespace, name) as (corev1.ServiceAccount & { metadata: object }) | undefined;
    if (!sa) {
      throw forbidden(
        { group: '', resource: 'pods' },
        a.name,
        `error looking up service account ${a.namespace}/${name}: serviceaccount "${name}" not found`,
      );
    }
    const automount = pod.spec.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true;
    if (!automount) return;
    const all = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
    // A pod that already mounts something at the token path keeps its own mount.
    if (all.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT))) return;
    const existing = new Set((pod.spec.volumes ?? []).map((v) => v.name));
    let volumeName: string;
    do volumeName = `kube-api-access-${a.ctx.cluster.ids.suffix(5)}`;
    while (existing.has(volumeName));
    pod.spec.volumes = [...(pod.spec.volumes ?? []), tokenVolume(volumeName)];
    for (const c of all) c.volumeMounts = [...(c.volumeMounts ?? []), { name: volumeName, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT }];
  },
};
