// Decoding a custom resource as the CRD handler's codec does: unknown fields are pruned by the
// structural schema (reported per the request's fieldValidation as `unknown field "spec.foo"`),
// non-nullable nulls without a default are dropped, metadata is checked against ObjectMeta, and
// the schema's defaults are applied.
import { badRequest } from '../../../apimachinery/errors.ts';
import { isPlainObject, type KubeObject } from '../../../apimachinery/object.ts';
import { decodeInto } from '../../../apimachinery/openapi/decode.ts';
import { builtinSchema } from '../../../apimachinery/openapi/schema-model.ts';
import type { StrategyContext } from '../types.ts';
import { applyDefaults, pruneNonNullableNulls } from './defaulting.ts';
import { pruneUnknown } from './prune.ts';
import type { CustomResourceVersion } from './version.ts';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

export function decodeCustomResource(v: CustomResourceVersion, obj: KubeObject, ctx: StrategyContext): KubeObject {
  const prefix = `${v.kind} in version "${v.version}" cannot be handled as a ${v.kind}`;
  const content = obj as Record<string, unknown>;
  const unknown: string[] = [];
  if (!v.preserveUnknownFields) {
    unknown.push(...pruneUnknown(content, v.schema, true));
    pruneNonNullableNulls(content, v.schema);
  }
  if (content.metadata !== undefined && content.metadata !== null) {
    if (!isPlainObject(content.metadata)) {
      throw badRequest(`${prefix}: .metadata accessor error: ${JSON.stringify(content.metadata)} is of the type ${typeof content.metadata}, expected map[string]interface{}`);
    }
    const result = decodeInto(builtinSchema().node(OBJECT_META), content.metadata, 'ObjectMeta');
    if (result.errors.length) throw badRequest(`${prefix}: ${result.errors[0]}`);
    unknown.push(...result.unknownFields.map((f) => `metadata.${f}`));
  }
  applyDefaults(content, v.schema);
  if (unknown.length) {
    const msgs = unknown.map((f) => `unknown field ${JSON.stringify(f)}`);
    const mode = ctx.fieldValidation ?? 'Warn';
    if (mode === 'Strict') throw badRequest(`${prefix}: strict decoding error: ${msgs.join(', ')}`);
    if (mode === 'Warn') ctx.warnings.push(...msgs);
  }
  return obj;
}
