// Test helpers: Sources backed by plain objects, and a node like the bootstrap's workers.
import type * as core from '../../../../generated/k8s/core/v1.ts';
import type { Sources } from './sources.ts';

export interface FakeObjects {
  configMaps?: core.ConfigMap[];
  secrets?: core.Secret[];
  services?: core.Service[];
  pvcs?: core.PersistentVolumeClaim[];
  pvs?: core.PersistentVolume[];
  serviceAccounts?: core.ServiceAccount[];
  nodes?: core.Node[];
}

const key = (o: { metadata?: { namespace?: string; name?: string } }) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

export function fakeSources(objs: FakeObjects): Sources {
  const find = <T extends { metadata?: { namespace?: string; name?: string } }>(list: T[] | undefined, ns: string, name: string) =>
    list?.find((o) => key(o) === `${ns}/${name}`);
  return {
    configMap: (ns, name) => find(objs.configMaps, ns, name),
    secret: (ns, name) => find(objs.secrets, ns, name),
    services: (ns) => (objs.services ?? []).filter((s) => s.metadata?.namespace === ns),
    persistentVolumeClaim: (ns, name) => find(objs.pvcs, ns, name),
    persistentVolume: (name) => find(objs.pvs, '', name),
    serviceAccount: (ns, name) => find(objs.serviceAccounts, ns, name),
    node: (name) => find(objs.nodes, '', name),
  };
}

export function workerNode(name = 'kubecamp-worker', index = 1): core.Node {
  return {
    metadata: { name, uid: `node-uid-${index}` },
    spec: { podCIDR: `10.244.${index}.0/24`, podCIDRs: [`10.244.${index}.0/24`] },
    status: {
      addresses: [
        { type: 'InternalIP', address: `172.18.0.${index + 2}` },
        { type: 'Hostname', address: name },
      ],
      allocatable: { cpu: '8', memory: '16318332Ki', 'ephemeral-storage': '263112772Ki', pods: '110' },
    },
  };
}

export const kubernetesService: core.Service = {
  metadata: { namespace: 'default', name: 'kubernetes' },
  spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] },
};

export const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
