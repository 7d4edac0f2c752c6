// GetWarningsForService (pkg/api/service/warnings.go): fields the chosen type ignores and the
// deprecated topology-aware-hints annotation.
import type { Service } from './types.ts';

const TOPOLOGY_HINTS = 'service.kubernetes.io/topology-aware-hints';
const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';

export function serviceWarnings(svc: Service): string[] {
  const w: string[] = [];
  if (svc.metadata.annotations && TOPOLOGY_HINTS in svc.metadata.annotations) {
    w.push(`annotation ${TOPOLOGY_HINTS} is deprecated, please use ${TOPOLOGY_MODE} instead`);
  }
  const s = svc.spec ?? {};
  if (s.type === 'ExternalName' && (s.externalIPs ?? []).length > 0) w.push('spec.externalIPs is ignored when spec.type is "ExternalName"');
  if (s.type !== 'ExternalName' && s.externalName) w.push('spec.externalName is ignored when spec.type is not "ExternalName"');
  return w;
}
