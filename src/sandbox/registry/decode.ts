// Turning a submitted or patched object into a typed one: schema walk (unknown fields per the
// request's fieldValidation, JSON type errors). The kind's defaults are applied by the generic
// store, so in-process writers (controllers) get them too.
import { badRequest } from '../../apimachinery/errors.ts';
import type { KubeObject } from '../../apimachinery/object.ts';
import { decodeInto } from '../../apimachinery/openapi/decode.ts';
import type { ResourceDef, StrategyContext } from './types.ts';

export function decodeObject(def: ResourceDef, obj: KubeObject, ctx: StrategyContext): KubeObject {
  if (def.decode) return def.decode(obj, ctx);
  const schema = def.schema();
  const result = decodeInto(schema, obj as Record<string, unknown>, schema.kind === 'object' ? schema.goName : def.kind);
  const prefix = `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}`;
  if (result.errors.length) throw badRequest(`${prefix}: ${result.errors[0]}`);
  const mode = ctx.fieldValidation ?? 'Warn';
  if (result.unknownFields.length) {
    const msgs = result.unknownFields.map((f) => `unknown field "${f}"`);
    if (mode === 'Strict') throw badRequest(`${prefix}: strict decoding error: ${msgs.join(', ')}`);
    if (mode === 'Warn') ctx.warnings.push(...msgs);
  }
  return obj;
}
