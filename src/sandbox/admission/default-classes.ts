// DefaultStorageClass and DefaultIngressClass (upstream plugin/pkg/admission/storage/
// storageclass/setdefault, plugin/pkg/admission/network/defaultingressclass): claims and
// ingresses that name no class get the cluster's default one.
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import type * as networkingv1 from '../../generated/k8s/networking/v1.ts';
import type { StoredObject } from '../../apimachinery/object.ts';
import type { AdmissionPlugin } from './types.ts';

/** The default class among `objects`: annotated as default; the newest wins a tie, then the name. */
export function defaultClass(objects: StoredObject[], annotation: string): string | undefined {
  const defaults = objects.filter((o) => o.metadata.annotations?.[annotation] === 'true');
  defaults.sort(
    (a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name),
  );
  return defaults[0]?.metadata.name;
}

export const defaultStorageClass: AdmissionPlugin = {
  name: 'DefaultStorageClass',
  admit(a) {
    if (a.def.group !== '' || a.def.resource !== 'persistentvolumeclaims' || a.subresource || a.operation !== 'CREATE') return;
    const spec = (a.object as corev1.PersistentVolumeClaim).spec;
    if (!spec || spec.storageClassName !== undefined) return;
    const name = defaultClass(a.ctx.cluster.store.list('storageclasses.storage.k8s.io'), 'storageclass.kubernetes.io/is-default-class');
    if (name) spec.storageClassName = name;
  },
};

export const defaultIngressClass: AdmissionPlugin = {
  name: 'DefaultIngressClass',
  admit(a) {
    if (a.def.group !== 'networking.k8s.io' || a.def.resource !== 'ingresses' || a.subresource || a.operation !== 'CREATE') return;
    const ing = a.object as networkingv1.Ingress;
    if (!ing.spec || ing.spec.ingressClassName !== undefined || ing.metadata?.annotations?.['kubernetes.io/ingress.class']) return;
    const name = defaultClass(a.ctx.cluster.store.list('ingressclasses.networking.k8s.io'), 'ingressclass.kubernetes.io/is-default-class');
    if (name) ing.spec.ingressClassName = name;
  },
};
