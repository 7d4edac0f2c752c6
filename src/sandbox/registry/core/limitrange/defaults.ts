// SetDefaults_LimitRangeItem: for Container limits, default falls back to max, defaultRequest to
// default and then to min.
import type { LimitRange } from './types.ts';

export function setLimitRangeDefaults(lr: LimitRange): void {
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    const def = { ...item.default };
    const req = { ...item.defaultRequest };
    for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in def)) def[k] = v;
    for (const [k, v] of Object.entries(def)) if (!(k in req)) req[k] = v;
    for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in req)) req[k] = v;
    // Empty maps are omitted when printed, as Go's omitempty does.
    if (Object.keys(def).length) item.default = def;
    if (Object.keys(req).length) item.defaultRequest = req;
  }
}
