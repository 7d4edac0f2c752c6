// HorizontalPodAutoscaler as autoscaling/v1: served alongside v2 and stored as v2 (the same
// objects under horizontalpodautoscalers.autoscaling), converted with upstream's v1<->v2
// conversion; the v2 strategy and printer apply through that conversion.
import type { KubeObject, StoredObject } from '../../../../apimachinery/object.ts';
import { defineResource } from '../../define.ts';
import { qualified } from '../../types.ts';
import { hpaFromV1, hpaToV1 } from './conversion.ts';
import { defaultHPA, defaultHPAV1 } from './defaults.ts';
import { hpaPrinter } from './printer.ts';
import { horizontalPodAutoscalerResource } from './resource.ts';
import { hpaStatusStrategy, hpaStrategy } from './strategy.ts';
import { strategyThroughStorage } from './through-storage.ts';
import type { HPA, HPAV1 } from './types.ts';

const conversion = { toStored: (o: HPAV1) => hpaFromV1(o), toServed: (o: HPA) => hpaToV1(o) };

export const horizontalPodAutoscalerV1Resource = defineResource<HPAV1>({
  group: 'autoscaling',
  version: 'v1',
  kind: 'HorizontalPodAutoscaler',
  resource: 'horizontalpodautoscalers',
  namespaced: true,
  shortNames: ['hpa'],
  categories: ['all'],
  defaults: defaultHPAV1,
  strategy: strategyThroughStorage(hpaStrategy, conversion),
  statusStrategy: strategyThroughStorage(hpaStatusStrategy, conversion),
  printer: {
    columns: hpaPrinter.columns,
    cells: (hpa, ctx) => hpaPrinter.cells(hpaFromV1(hpa) as StoredObject & HPA, ctx),
  },
  storage: {
    resource: qualified(horizontalPodAutoscalerResource),
    // Upstream applies the v2 defaults when it reads the stored object back; applying them on
    // the way in gives every reader the same view.
    toStorage(obj: KubeObject) {
      const stored = hpaFromV1(obj as HPAV1);
      defaultHPA(stored);
      return stored;
    },
    fromStorage: (obj: StoredObject) => hpaToV1(obj as StoredObject & HPA) as unknown as StoredObject,
  },
});
