// The HorizontalPodAutoscaler table (printers.go printHorizontalPodAutoscaler, formatHPAMetrics):
// NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE.
import type { TablePrinter } from '../../types.ts';
import { age, ageColumn, nameColumn } from '../../printers/format.ts';
import { docColumn } from '../../apps/shared/printing.ts';
import type { HPA, v2 } from './types.ts';

/** Quantity.String() on a pointer that may be nil. */
const q = (v: string | undefined) => v ?? '<nil>';

function formatMetric(spec: v2.MetricSpec, status: v2.MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External': {
      const target = spec.external?.target;
      if (target?.averageValue !== undefined) {
        const cur = status?.external?.current?.averageValue;
        return `${cur ?? '<unknown>'}/${target.averageValue} (avg)`;
      }
      const cur = status?.external ? q(status.external.current?.value) : '<unknown>';
      return `${cur}/${q(target?.value)}`;
    }
    case 'Pods': {
      const cur = status?.pods ? q(status.pods.current?.averageValue) : '<unknown>';
      return `${cur}/${q(spec.pods?.target?.averageValue)}`;
    }
    case 'Object': {
      const target = spec.object?.target;
      if (target?.averageValue !== undefined) {
        const cur = status?.object?.current?.averageValue;
        return `${cur ?? '<unknown>'}/${target.averageValue} (avg)`;
      }
      const cur = status?.object ? q(status.object.current?.value) : '<unknown>';
      return `${cur}/${q(target?.value)}`;
    }
    case 'Resource':
    case 'ContainerResource': {
      const src = spec.type === 'Resource' ? spec.resource : spec.containerResource;
      const st = spec.type === 'Resource' ? status?.resource : status?.containerResource;
      const name = src?.name ?? '';
      if (src?.target?.averageValue !== undefined) {
        const cur = st ? q(st.current?.averageValue) : '<unknown>';
        return `${name}: ${cur}/${src.target.averageValue}`;
      }
      const cur = st?.current?.averageUtilization !== undefined ? `${st.current.averageUtilization}%` : '<unknown>';
      const target = src?.target?.averageUtilization !== undefined ? `${src.target.averageUtilization}%` : '<auto>';
      return `${name}: ${cur}/${target}`;
    }
    default:
      return '<unknown type>';
  }
}

/** formatHPAMetrics: the first two metrics, then "+ N more...". */
export function formatHPAMetrics(specs: v2.MetricSpec[] | undefined, statuses: v2.MetricStatus[] | undefined): string {
  if (!specs?.length) return '<none>';
  const list = specs.map((s, i) => formatMetric(s, statuses?.[i]));
  const max = 2;
  if (list.length > max) return `${list.slice(0, max).join(', ')} + ${list.length - max} more...`;
  return list.join(', ');
}

const spec = 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec';

export const hpaPrinter: TablePrinter<HPA> = {
  columns: [
    nameColumn,
    docColumn('Reference', 'string', spec, 'scaleTargetRef'),
    docColumn('Targets', 'string', spec, 'metrics'),
    docColumn('MinPods', 'string', spec, 'minReplicas'),
    docColumn('MaxPods', 'string', spec, 'maxReplicas'),
    docColumn('Replicas', 'string', 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus', 'currentReplicas'),
    ageColumn,
  ],
  cells: (hpa, ctx) => [
    hpa.metadata.name,
    `${hpa.spec?.scaleTargetRef?.kind ?? ''}/${hpa.spec?.scaleTargetRef?.name ?? ''}`,
    formatHPAMetrics(hpa.spec?.metrics, hpa.status?.currentMetrics),
    hpa.spec?.minReplicas !== undefined ? String(hpa.spec.minReplicas) : '<unset>',
    hpa.spec?.maxReplicas ?? 0,
    hpa.status?.currentReplicas ?? 0,
    age(hpa.metadata.creationTimestamp, ctx.now),
  ],
};
