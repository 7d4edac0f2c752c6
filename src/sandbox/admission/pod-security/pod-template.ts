// The pod template inside the workload kinds Pod Security evaluates (upstream
// DefaultPodSpecExtractor): ReplicationControllers, PodTemplates, ReplicaSets, Deployments,
// StatefulSets, DaemonSets, Jobs and CronJobs. Their templates are checked for warnings and audit,
// never enforced: the pods they create are.
import type { KubeObject } from '../../../apimachinery/object.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';

type Template = corev1.PodTemplateSpec | undefined;
type WithTemplate = { spec?: { template?: corev1.PodTemplateSpec } };

const fromSpec = (o: KubeObject): Template => (o as WithTemplate).spec?.template;

const EXTRACTORS: Record<string, (o: KubeObject) => Template> = {
  '/replicationcontrollers': fromSpec,
  '/podtemplates': (o) => (o as { template?: corev1.PodTemplateSpec }).template,
  'apps/replicasets': fromSpec,
  'apps/deployments': fromSpec,
  'apps/statefulsets': fromSpec,
  'apps/daemonsets': fromSpec,
  'batch/jobs': fromSpec,
  'batch/cronjobs': (o) => (o as { spec?: { jobTemplate?: { spec?: { template?: corev1.PodTemplateSpec } } } }).spec?.jobTemplate?.spec?.template,
};

export function hasPodTemplate(group: string, resource: string): boolean {
  return `${group}/${resource}` in EXTRACTORS;
}

/** The template's metadata and spec, or undefined when the object has none. */
export function podTemplateOf(group: string, resource: string, obj: KubeObject): { meta: corev1.PodTemplateSpec['metadata']; spec: corev1.PodSpec } | undefined {
  const template = EXTRACTORS[`${group}/${resource}`]?.(obj);
  if (!template) return undefined;
  return { meta: template.metadata, spec: template.spec ?? { containers: [] } };
}
