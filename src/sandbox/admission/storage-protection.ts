// StorageObjectInUseProtection (upstream plugin/pkg/admission/storage/storageobjectinuseprotection):
// claims and volumes carry a protection finalizer so they outlive the pods using them.
import type { AdmissionPlugin } from './types.ts';

const FINALIZERS: Record<string, string> = {
  persistentvolumeclaims: 'kubernetes.io/pvc-protection',
  persistentvolumes: 'kubernetes.io/pv-protection',
};

export const storageObjectInUseProtection: AdmissionPlugin = {
  name: 'StorageObjectInUseProtection',
  admit(a) {
    if (a.def.group !== '' || a.subresource || a.operation !== 'CREATE') return;
    const finalizer = FINALIZERS[a.def.resource];
    if (!finalizer || !a.object) return;
    const meta = (a.object.metadata ??= {});
    if (!(meta.finalizers ?? []).includes(finalizer)) meta.finalizers = [...(meta.finalizers ?? []), finalizer];
  },
};
