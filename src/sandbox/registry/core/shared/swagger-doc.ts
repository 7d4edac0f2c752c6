// Field documentation from the OpenAPI spec, as upstream's printers take column descriptions
// from the types' SwaggerDoc().
import { builtinSchema } from '../../../../apimachinery/openapi/schema-model.ts';

/** The description of `field` in a core/v1 (or fully named) definition. */
export function swaggerDoc(definition: string, field: string): string {
  const name = definition.includes('.') ? definition : `io.k8s.api.core.v1.${definition}`;
  return builtinSchema().swagger.definitions[name]?.properties?.[field]?.description ?? '';
}
