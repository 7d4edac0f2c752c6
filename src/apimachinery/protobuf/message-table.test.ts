// Cross-checks the protobuf field tables against the OpenAPI definitions of the same API
// (spec/kubernetes/swagger.json): every proto field must be a property of its definition (by
// its JSON name, or inlined), every property must have a proto field, every definition of a
// served package must have a message. What legitimately differs is listed below with reasons.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinSchema } from '../openapi/schema-model.ts';
import { builtinMessageTable, definitionOfMessage, loadGoFields, loadProtoFiles, MessageTable, messageOfDefinition, TableError } from './message-table.ts';

/** Properties of the 1.36 OpenAPI whose field numbers no stored upstream generated.proto showed. */
const PROPERTIES_WITHOUT_FIELD: Record<string, string> = {
  'k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta.shardInfo': '1.36 alpha (ShardedListAndWatch); field number not transcribed',
  'k8s.io.api.core.v1.PodSpec.schedulingGroup': '1.36 alpha (workload-aware scheduling); field number not transcribed',
  'k8s.io.api.core.v1.PodStatus.nodeAllocatableResourceClaimStatuses': '1.36 alpha (DRA node allocatable); field number not transcribed',
  'k8s.io.api.core.v1.ResourceHealth.message': '1.36 alpha (ResourceHealthStatusMessage); field number not transcribed',
  'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionCondition.observedGeneration': '1.36; field number not transcribed',
  'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionStatus.observedGeneration': '1.36; field number not transcribed',
};

/** OpenAPI definitions of served packages without a message, for the same reason. */
const DEFINITIONS_WITHOUT_MESSAGE: Record<string, string> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ShardInfo': 'only referenced by ListMeta.shardInfo',
  'io.k8s.api.core.v1.PodSchedulingGroup': 'only referenced by PodSpec.schedulingGroup',
  'io.k8s.api.core.v1.NodeAllocatableResourceClaimStatus': 'only referenced by PodStatus.nodeAllocatableResourceClaimStatuses',
};

/** Messages whose fields are not OpenAPI properties: Go types with a JSON form of their own. */
const OPAQUE_MESSAGES: Record<string, string> = {
  'k8s.io.apimachinery.pkg.apis.meta.v1.Time': 'RFC 3339 string',
  'k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime': 'RFC 3339 string with microseconds',
  'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1': 'raw JSON',
  'k8s.io.apimachinery.pkg.api.resource.Quantity': 'string',
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': 'number or string',
  'k8s.io.apimachinery.pkg.runtime.RawExtension': 'raw JSON',
  'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSON': 'raw JSON',
  'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray': 'schema or array of schemas',
  'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool': 'schema or boolean',
  'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray': 'schema or array of strings',
};

/** Messages with no OpenAPI definition: not served as JSON objects (options, envelopes, wrappers). */
const MESSAGES_WITHOUT_DEFINITION = new Set([
  'k8s.io.apimachinery.pkg.runtime.TypeMeta',
  'k8s.io.apimachinery.pkg.runtime.Unknown',
  'k8s.io.apimachinery.pkg.api.resource.QuantityValue',
  ...[
    'ApplyOptions',
    'CreateOptions',
    'Duration',
    'GetOptions',
    'GroupKind',
    'GroupVersion',
    'GroupVersionKind',
    'GroupVersionResource',
    'List',
    'ListOptions',
    'PartialObjectMetadata',
    'PartialObjectMetadataList',
    'PatchOptions',
    'RootPaths',
    'TableOptions',
    'Timestamp',
    'TypeMeta',
    'UpdateOptions',
    'Verbs',
  ].map((n) => `k8s.io.apimachinery.pkg.apis.meta.v1.${n}`),
  // The []string types ExtraValue, and the embedded structs that are inlined into their parents.
  'k8s.io.api.authentication.v1.ExtraValue',
  'k8s.io.api.authorization.v1.ExtraValue',
  'k8s.io.api.networking.v1.IngressRuleValue',
  'k8s.io.api.core.v1.EphemeralContainerCommon',
  'k8s.io.api.core.v1.PersistentVolumeSource',
  'k8s.io.api.core.v1.ProbeHandler',
  'k8s.io.api.core.v1.VolumeSource',
  ...[
    'AvoidPods',
    'List',
    'NodeProxyOptions',
    'PodAttachOptions',
    'PodExecOptions',
    'PodLogOptions',
    'PodPortForwardOptions',
    'PodProxyOptions',
    'PodSignature',
    'PodStatusResult',
    'Preconditions',
    'PreferAvoidPodsEntry',
    'RangeAllocation',
    'SerializedReference',
    'ServiceProxyOptions',
  ].map((n) => `k8s.io.api.core.v1.${n}`),
  // autoscaling/v1 carries the v2 metric types for its annotation round-trip; not in OpenAPI.
  ...[
    'ContainerResourceMetricSource',
    'ContainerResourceMetricStatus',
    'ExternalMetricSource',
    'ExternalMetricStatus',
    'HorizontalPodAutoscalerCondition',
    'MetricSpec',
    'MetricStatus',
    'ObjectMetricSource',
    'ObjectMetricStatus',
    'PodsMetricSource',
    'PodsMetricStatus',
    'ResourceMetricSource',
    'ResourceMetricStatus',
  ].map((n) => `k8s.io.api.autoscaling.v1.${n}`),
  'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.ConversionRequest',
  'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.ConversionResponse',
  'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.ConversionReview',
]);

describe('protobuf field tables', () => {
  const table = builtinMessageTable();
  const swagger = builtinSchema().swagger;

  it('name every message field as a property of its OpenAPI definition, and every property as a field', () => {
    const problems: string[] = [];
    const covered = new Set<string>();
    for (const m of table.all()) {
      const def = swagger.definitions[definitionOfMessage(m.fullName)];
      if (!def) {
        if (!MESSAGES_WITHOUT_DEFINITION.has(m.fullName)) problems.push(`${m.fullName}: no OpenAPI definition`);
        continue;
      }
      if (m.fullName in OPAQUE_MESSAGES) continue;
      const props = new Set(Object.keys(def.properties ?? {}));
      const seen = new Set<string>();
      for (const f of m.fields) {
        if (f.inline) {
          assert.equal(f.value.kind, 'message', `${m.fullName}.${f.name} is inlined but is not a message`);
          if (f.value.kind !== 'message') continue;
          for (const sub of table.message(f.value.message).fields) {
            if (!props.has(sub.jsonName)) problems.push(`${m.fullName}.${f.name}.${sub.name}: inlined field is not an OpenAPI property`);
            seen.add(sub.jsonName);
          }
          continue;
        }
        if (!props.has(f.jsonName)) problems.push(`${m.fullName}.${f.name}: not an OpenAPI property`);
        seen.add(f.jsonName);
      }
      for (const p of props) {
        if (p === 'apiVersion' || p === 'kind') continue;
        const key = `${m.fullName}.${p}`;
        if (seen.has(p)) continue;
        if (key in PROPERTIES_WITHOUT_FIELD) covered.add(key);
        else problems.push(`${key}: OpenAPI property without a proto field`);
      }
    }
    assert.deepEqual(problems, []);
    assert.deepEqual([...covered].sort(), Object.keys(PROPERTIES_WITHOUT_FIELD).sort(), 'a listed exception no longer applies');
  });

  it('has a message for every OpenAPI definition of the served packages', () => {
    const packages = new Set([...table.all()].map((m) => definitionOfMessage(m.fullName).replace(/\.[^.]+$/, '')));
    const missing = Object.keys(swagger.definitions)
      .filter((d) => packages.has(d.replace(/\.[^.]+$/, '')))
      .filter((d) => !table.has(messageOfDefinition(d)));
    assert.deepEqual(missing.sort(), Object.keys(DEFINITIONS_WITHOUT_MESSAGE).sort());
  });

  it('keeps the upstream field numbers of well-known fields', () => {
    // Spot checks against upstream generated.proto as read (see spec/kubernetes/protobuf/README.md).
    const num = (msg: string, field: string) => table.message(msg).fields.find((f) => f.name === field)?.number;
    const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
    assert.deepEqual(
      ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'].map(
        (f) => num(`${META}.ObjectMeta`, f),
      ),
      [1, 2, 3, 5, 6, 8, 11, 12, 13, 14, 17],
    );
    assert.deepEqual(['metadata', 'immutable', 'data', 'stringData', 'type'].map((f) => num('k8s.io.api.core.v1.Secret', f)), [1, 5, 2, 4, 3]);
    assert.deepEqual(['restartPolicy', 'terminationGracePeriodSeconds', 'ephemeralContainers', 'hostnameOverride'].map((f) => num('k8s.io.api.core.v1.PodSpec', f)), [3, 4, 34, 41]);
    assert.deepEqual(['observedGeneration', 'extendedResourceClaimStatus', 'allocatedResources', 'resources'].map((f) => num('k8s.io.api.core.v1.PodStatus', f)), [17, 18, 19, 20]);
    assert.deepEqual(['terminatingReplicas', 'conditions', 'collisionCount'].map((f) => num('k8s.io.api.apps.v1.DeploymentStatus', f)), [9, 6, 8]);
    assert.equal(num('k8s.io.api.storage.v1.CSIDriverSpec', 'preventPodSchedulingIfMissing'), 11);
    assert.deepEqual(['type', 'intVal', 'strVal'].map((f) => num('k8s.io.apimachinery.pkg.util.intstr.IntOrString', f)), [1, 2, 3]);
    assert.deepEqual(['typeMeta', 'raw', 'contentEncoding', 'contentType'].map((f) => num('k8s.io.apimachinery.pkg.runtime.Unknown', f)), [1, 2, 3, 4]);
    assert.deepEqual(['xKubernetesPreserveUnknownFields', 'xKubernetesValidations'].map((f) => num('k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps', f)), [38, 44]);
  });

  it('lists as pointers only scalars and int-or-strings, and inlines only messages', () => {
    for (const m of table.all()) {
      for (const f of m.fields) {
        const where = `${m.fullName}.${f.name}`;
        if (f.pointer) {
          assert.equal(f.label, 'optional', where);
          assert.ok(f.value.kind === 'scalar' || f.value.message === 'k8s.io.apimachinery.pkg.util.intstr.IntOrString', where);
        }
        if (f.inline) assert.equal(f.value.kind, 'message', where);
      }
    }
  });

  it('refuses go-fields.json entries that name no field, and unknown types', () => {
    const files = loadProtoFiles();
    const goFields = loadGoFields();
    assert.throws(() => new MessageTable(files, { ...goFields, pointers: [...goFields.pointers, 'k8s.io.api.core.v1.Pod.nope'] }, builtinSchema()), TableError);
    const broken = files.map((f) => ({ ...f, messages: f.messages.map((m) => ({ ...m, fields: m.fields.map((x) => (x.type === 'ObjectReference' ? { ...x, type: 'NoSuchType' } : x)) })) }));
    assert.throws(() => new MessageTable(broken, goFields, builtinSchema()), TableError);
  });

  it('finds the message for a served kind through the OpenAPI group-version-kind index', () => {
    assert.equal(table.messageForKind('v1', 'ConfigMap')?.fullName, 'k8s.io.api.core.v1.ConfigMap');
    assert.equal(table.messageForKind('apps/v1', 'Deployment')?.fullName, 'k8s.io.api.apps.v1.Deployment');
    assert.equal(table.messageForKind('apiextensions.k8s.io/v1', 'CustomResourceDefinition')?.fullName, 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition');
    assert.equal(table.messageForKind('policy/v1', 'Eviction')?.fullName, 'k8s.io.api.policy.v1.Eviction');
    assert.equal(table.messageForKind('v1', 'Nope'), undefined);
    // A served OpenAPI kind of a package without tables.
    assert.equal(table.messageForKind('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration'), undefined);
  });
});
