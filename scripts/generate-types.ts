// Generates TypeScript types for every Kubernetes definition in spec/kubernetes/swagger.json.
// One module per Go package (src/generated/k8s/<group>/<version>.ts), so code reads like
// upstream: `corev1.Pod`, `appsv1.Deployment`, `metav1.ObjectMeta`.
// Run with `npm run generate`; src/generated/generated.test.ts fails when the output is stale.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface SwaggerSchema {
  type?: string;
  format?: string;
  description?: string;
  $ref?: string;
  items?: SwaggerSchema;
  properties?: Record<string, SwaggerSchema>;
  additionalProperties?: SwaggerSchema | boolean;
  required?: string[];
  enum?: string[];
}

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'src/generated/k8s');

/** The module a definition lives in, relative to src/generated/k8s, without extension. */
export function moduleOf(definition: string): string {
  const pkg = definition.slice(0, definition.lastIndexOf('.'));
  const fixed: Record<string, string> = {
    'io.k8s.apimachinery.pkg.apis.meta.v1': 'meta/v1',
    'io.k8s.apimachinery.pkg.api.resource': 'apimachinery/resource',
    'io.k8s.apimachinery.pkg.util.intstr': 'apimachinery/intstr',
    'io.k8s.apimachinery.pkg.runtime': 'apimachinery/runtime',
    'io.k8s.apimachinery.pkg.version': 'apimachinery/version',
  };
  if (fixed[pkg]) return fixed[pkg];
  let m = /^io\.k8s\.api\.([a-z0-9]+)\.([a-z0-9]+)$/.exec(pkg);
  if (m) return `${m[1]}/${m[2]}`;
  m = /^io\.k8s\.apiextensions-apiserver\.pkg\.apis\.apiextensions\.([a-z0-9]+)$/.exec(pkg);
  if (m) return `apiextensions/${m[1]}`;
  m = /^io\.k8s\.kube-aggregator\.pkg\.apis\.apiregistration\.([a-z0-9]+)$/.exec(pkg);
  if (m) return `apiregistration/${m[1]}`;
  throw new Error(`no module mapping for ${definition}`);
}

function nameOf(definition: string): string {
  return definition.slice(definition.lastIndexOf('.') + 1);
}

function summary(description: string | undefined): string | undefined {
  if (!description) return undefined;
  const first = description.split('\n')[0]!.trim();
  return first.replaceAll('*/', '* /');
}

export function generate(swagger: { definitions: Record<string, SwaggerSchema> }): Map<string, string> {
  const modules = new Map<string, { imports: Map<string, Set<string>>; body: string[] }>();
  const get = (mod: string) => {
    let m = modules.get(mod);
    if (!m) modules.set(mod, (m = { imports: new Map(), body: [] }));
    return m;
  };

  const typeOf = (schema: SwaggerSchema, mod: string): string => {
    if (schema.$ref) {
      const target = schema.$ref.replace('#/definitions/', '');
      const targetMod = moduleOf(target);
      const name = nameOf(target);
      if (targetMod === mod) return name;
      const alias = targetMod.replaceAll('/', '_').replaceAll('-', '_');
      const m = get(mod);
      if (!m.imports.has(targetMod)) m.imports.set(targetMod, new Set());
      m.imports.get(targetMod)!.add(name);
      return `${alias}.${name}`;
    }
    if (schema.format === 'int-or-string') return 'number | string';
    switch (schema.type) {
      case 'string':
        return schema.enum ? schema.enum.map((e) => JSON.stringify(e)).join(' | ') : 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'array':
        return `Array<${typeOf(schema.items ?? {}, mod)}>`;
      case 'object':
        if (schema.properties) return inlineObject(schema, mod);
        if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
          return `Record<string, ${typeOf(schema.additionalProperties, mod)}>`;
        }
        return 'Record<string, unknown>';
      default:
        return 'unknown';
    }
  };

  const inlineObject = (schema: SwaggerSchema, mod: string): string => {
    const required = new Set(schema.required ?? []);
    const lines = Object.entries(schema.properties ?? {}).map(([k, v]) => {
      const doc = summary(v.description);
      const key = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k);
      return `${doc ? `  /** ${doc} */\n` : ''}  ${key}${required.has(k) ? '' : '?'}: ${typeOf(v, mod)};`;
    });
    return `{\n${lines.join('\n')}\n}`;
  };

  for (const [definition, schema] of Object.entries(swagger.definitions).sort(([a], [b]) => a.localeCompare(b))) {
    const mod = moduleOf(definition);
    const name = nameOf(definition);
    const doc = summary(schema.description);
    const m = get(mod);
    const header = doc ? `/** ${doc} */\n` : '';
    if (schema.properties) {
      m.body.push(`${header}export interface ${name} ${inlineObject(schema, mod)}\n`);
    } else {
      m.body.push(`${header}export type ${name} = ${typeOf(schema, mod)};\n`);
    }
  }

  const files = new Map<string, string>();
  for (const [mod, { imports, body }] of [...modules].sort(([a], [b]) => a.localeCompare(b))) {
    const importLines = [...imports.keys()].sort().map((target) => {
      const alias = target.replaceAll('/', '_').replaceAll('-', '_');
      let rel = relative(dirname(mod), target);
      if (!rel.startsWith('.')) rel = `./${rel}`;
      return `import type * as ${alias} from '${rel}.ts';`;
    });
    const text = [
      '// Generated by scripts/generate-types.ts from spec/kubernetes/swagger.json. Do not edit.',
      ...importLines,
      '',
      ...body,
    ].join('\n');
    files.set(`${mod}.ts`, text);
  }
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const swagger = JSON.parse(readFileSync(join(root, 'spec/kubernetes/swagger.json'), 'utf8'));
  rmSync(outDir, { recursive: true, force: true });
  const files = generate(swagger);
  for (const [file, text] of files) {
    const full = join(outDir, file);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  console.log(`generated ${files.size} modules under ${relative(root, outDir)}`);
}
