// The ResourceDef that serves one version of a custom resource through the generic store:
// discovery names from the CRD's accepted names, storage shared by all versions under
// `<plural>.<group>` (conversion strategy None: only apiVersion changes), the CRD-schema decode,
// strategies, /status and /scale, printer columns and selectable fields.
import type { KubeObject, StoredObject } from '../../../apimachinery/object.ts';
import type { SchemaNode } from '../../../apimachinery/openapi/schema-model.ts';
import { ALL_VERBS, type ResourceDef } from '../types.ts';
import { decodeCustomResource } from './decode.ts';
import { goPrint } from './go-value.ts';
import { parseJSONPath } from './jsonpath.ts';
import { customResourcePrinter } from './printer.ts';
import { customResourceNode } from './schema-node.ts';
import { customResourceStatusStrategy, customResourceStrategy } from './strategy.ts';
import type { CustomResourceVersion } from './version.ts';

const versions = new WeakMap<ResourceDef, CustomResourceVersion>();

/** The custom resource version a ResourceDef serves, when it is one. */
export function customVersionOf(def: ResourceDef): CustomResourceVersion | undefined {
  return versions.get(def);
}

function withApiVersion<T extends KubeObject>(obj: T, apiVersion: string): T {
  return obj.apiVersion === apiVersion ? obj : { ...obj, apiVersion };
}

export function customResourceDef(v: CustomResourceVersion): ResourceDef {
  const gv = `${v.group}/${v.version}`;
  const storageGV = `${v.group}/${v.storageVersion}`;
  let node: SchemaNode | undefined;
  const selectors = v.selectableFields.map((p) => ({ label: p.replace(/^\./, ''), path: parseJSONPath(`{${p}}`) }));
  const def: ResourceDef = {
    group: v.group,
    version: v.version,
    kind: v.kind,
    listKind: v.listKind,
    resource: v.plural,
    singular: v.singular,
    namespaced: v.namespaced,
    shortNames: v.shortNames,
    categories: v.categories,
    verbs: ALL_VERBS,
    schema: () => (node ??= customResourceNode(v.schema, v.kind)),
    decode: (obj, ctx) => decodeCustomResource(v, obj, ctx),
    strategy: customResourceStrategy(v),
    statusStrategy: v.status ? customResourceStatusStrategy(v) : undefined,
    scale: v.scale
      ? { specReplicasPath: v.scale.specReplicasPath, statusReplicasPath: v.scale.statusReplicasPath, labelSelectorPath: v.scale.labelSelectorPath }
      : undefined,
    printer: customResourcePrinter(v.columns),
    fieldLabels: selectors.length
      ? (obj: StoredObject) => {
          const out: Record<string, string> = {};
          for (const s of selectors) {
            const found = s.path.find(obj);
            out[s.label] = found.length && found[0] !== null && found[0] !== undefined ? goPrint(found[0]) : '';
          }
          return out;
        }
      : undefined,
    // Every version lives under `<plural>.<group>`; only the others convert (apiVersion only).
    storage:
      v.version === v.storageVersion
        ? undefined
        : { resource: `${v.plural}.${v.group}`, toStorage: (obj) => withApiVersion(obj, storageGV), fromStorage: (obj) => withApiVersion(obj, gv) },
  };
  if (!def.storage) delete def.storage;
  // A deprecated version warns on every request, as upstream's CRD handler does.
  if (v.deprecated) def.deprecationWarning = v.deprecationWarning ?? `${v.group}/${v.version} ${v.kind} is deprecated`;
  if (!def.statusStrategy) delete def.statusStrategy;
  if (!def.scale) delete def.scale;
  if (!def.fieldLabels) delete def.fieldLabels;
  versions.set(def, v);
  return def;
}
