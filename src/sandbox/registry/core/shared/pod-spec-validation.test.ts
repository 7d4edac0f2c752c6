// Every message here is upstream's text for the same input (pkg/apis/core/validation).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { path } from '../../../../apimachinery/field-errors.ts';
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { defaultPodSpec, defaultPodSpecForPod } from './pod-spec-defaults.ts';
import { validatePodSpec, validatePodTemplateSpec } from './pod-spec-validation.ts';

type C = Partial<core.Container>;

/** Errors of a defaulted Pod spec with one container `app` (merged with `c`) and `extra` spec fields. */
function podErrors(c: C | C[], extra: Partial<core.PodSpec> = {}): string[] {
  const containers = (Array.isArray(c) ? c : [{ name: 'app', image: 'nginx', ...c }]) as core.Container[];
  const spec = { containers, ...extra } as core.PodSpec;
  defaultPodSpecForPod(spec);
  return validatePodSpec(spec, path('spec'), { resourceIsPod: true, podName: 'p' }).map(String);
}

const LABEL_REGEX =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe('validatePodSpec: containers', () => {
  it('requires containers', () => {
    assert.deepEqual(podErrors([]), ['spec.containers: Required value']);
  });

  it('requires a name and an image', () => {
    assert.deepEqual(podErrors([{} as C]), ['spec.containers[0].name: Required value', 'spec.containers[0].image: Required value']);
  });

  it('wants DNS-label container names', () => {
    assert.deepEqual(podErrors({ name: 'Web_1' }), [`spec.containers[0].name: Invalid value: "Web_1": ${LABEL_REGEX}`]);
  });

  it('rejects duplicate names, also between init and regular containers', () => {
    assert.deepEqual(podErrors([{ name: 'a', image: 'x' }, { name: 'a', image: 'y' }]), ['spec.containers[1].name: Duplicate value: "a"']);
    assert.deepEqual(podErrors({}, { initContainers: [{ name: 'app', image: 'busybox' }] }), ['spec.initContainers[0].name: Duplicate value: "app"']);
  });

  it('checks ports: range, protocol, names, duplicates, host port conflicts', () => {
    assert.deepEqual(
      podErrors({
        ports: [
          { containerPort: 70000, protocol: 'FOO' },
          { containerPort: 0, name: 'HTTP' },
          { containerPort: 81, name: 'web' },
          { containerPort: 82, name: 'web' },
        ],
      }),
      [
        'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
        'spec.containers[0].ports[0].protocol: Unsupported value: "FOO": supported values: "SCTP", "TCP", "UDP"',
        'spec.containers[0].ports[1].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.containers[0].ports[1].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
        'spec.containers[0].ports[1].containerPort: Required value',
        'spec.containers[0].ports[3].name: Duplicate value: "web"',
      ],
    );
    assert.deepEqual(
      podErrors([
        { name: 'a', image: 'x', ports: [{ containerPort: 80, hostPort: 8080 }] },
        { name: 'b', image: 'x', ports: [{ containerPort: 81, hostPort: 8080 }] },
      ]),
      ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
    );
  });

  it('requires host ports to equal container ports with hostNetwork, in pods but not in templates', () => {
    const c = { ports: [{ containerPort: 8080, hostPort: 80 }] };
    assert.deepEqual(podErrors(c, { hostNetwork: true }), ['spec.containers[0].ports[0].hostPort: Invalid value: 80: must match `containerPort` when `hostNetwork` is true']);
    const tpl = { containers: [{ name: 'app', image: 'x', ports: [{ containerPort: 8080 }] }], hostNetwork: true } as core.PodSpec;
    defaultPodSpec(tpl);
    assert.deepEqual(validatePodSpec(tpl, path('spec')), []);
  });

  it('checks env names and valueFrom', () => {
    assert.deepEqual(
      podErrors({
        env: [
          { name: '' },
          { name: 'A=B' },
          { name: 'MY VAR', value: 'ok' },
          { name: 'X', value: 'v', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'Y', valueFrom: {} },
          { name: 'Z', valueFrom: { configMapKeyRef: { name: 'cm', key: '' }, secretKeyRef: { name: 's', key: 'k' } } },
          { name: 'W', valueFrom: { fieldRef: { fieldPath: 'status.foo' } } },
          { name: 'V', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } },
        ],
      }),
      [
        'spec.containers[0].env[0].name: Required value',
        "spec.containers[0].env[1].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
        'spec.containers[0].env[3].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
        'spec.containers[0].env[4].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
        'spec.containers[0].env[5].valueFrom.configMapKeyRef.key: Required value',
        'spec.containers[0].env[5].valueFrom: Invalid value: "": may not have more than one field specified at a time',
        'spec.containers[0].env[6].valueFrom.fieldRef.fieldPath: Invalid value: "status.foo": error converting fieldPath: field label not supported: status.foo',
        'spec.containers[0].env[7].valueFrom.fieldRef.fieldPath: Unsupported value: "metadata.labels": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
      ],
    );
  });

  it('checks envFrom sources', () => {
    assert.deepEqual(podErrors({ envFrom: [{ prefix: 'P_' }, { configMapRef: { name: '' } }] }), [
      'spec.containers[0].envFrom: Invalid value: "": must specify one of: `configMapRef` or `secretRef`',
      'spec.containers[0].envFrom[1].configMapRef.name: Required value',
    ]);
  });

  it('wants mounts to name existing volumes at unique paths', () => {
    assert.deepEqual(
      podErrors(
        {
          volumeMounts: [
            { name: 'data', mountPath: '/data' },
            { name: 'nope', mountPath: '/data' },
            { name: 'data', mountPath: '' },
          ],
        },
        { volumes: [{ name: 'data', emptyDir: {} }] },
      ),
      [
        'spec.containers[0].volumeMounts[1].name: Not found: "nope"',
        'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique',
        'spec.containers[0].volumeMounts[2].mountPath: Required value',
      ],
    );
  });

  it('checks pull policy and termination message policy', () => {
    assert.deepEqual(podErrors({ imagePullPolicy: 'Sometimes', terminationMessagePolicy: 'Log' }), [
      'spec.containers[0].terminationMessagePolicy: Unsupported value: "Log": supported values: "File", "FallbackToLogsOnError"',
      'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    ]);
  });
});

describe('validatePodSpec: resources', () => {
  it('wants requests at most limits, with upstream wording', () => {
    assert.deepEqual(podErrors({ resources: { requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '500m', memory: '2Gi' } } }), [
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m',
    ]);
  });

  it('rejects negative quantities and unknown resource names', () => {
    assert.deepEqual(podErrors({ resources: { limits: { memory: '-1Gi', cpus: '1' } } }), [
      'spec.containers[0].resources.limits[memory]: Invalid value: "-1Gi": must be greater than or equal to 0',
      'spec.containers[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource for containers',
      'spec.containers[0].resources.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0',
      'spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource for containers',
    ]);
  });

  it('requires limits equal to requests for extended resources', () => {
    const spec = { containers: [{ name: 'app', image: 'x', resources: { requests: { 'example.com/gpu': '1' } } }] } as core.PodSpec;
    defaultPodSpec(spec);
    assert.deepEqual(validatePodSpec(spec, path('spec')).map(String), ['spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources']);
    assert.deepEqual(podErrors({ resources: { requests: { 'example.com/gpu': '1' }, limits: { 'example.com/gpu': '2' } } }), [
      'spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2',
    ]);
  });
});

describe('validatePodSpec: volumes', () => {
  it('checks names, sources and source fields', () => {
    assert.deepEqual(
      podErrors(
        {},
        {
          volumes: [
            { name: 'both', emptyDir: {}, secret: { secretName: 's' } },
            { name: 'Bad_Name', emptyDir: {} },
            { name: 'cm', configMap: { name: '', defaultMode: 1000, items: [{ key: '', path: '/abs' }] } },
            { name: 'cm', emptyDir: {} },
            { name: 'sec', secret: { secretName: '' } },
            { name: 'host', hostPath: { path: '/x', type: 'Folder' } },
            { name: 'claim', persistentVolumeClaim: { claimName: '' } },
            { name: 'dots', secret: { secretName: 's', items: [{ key: 'k', path: '../x' }] } },
          ],
        },
      ),
      [
        'spec.volumes[0].secret: Forbidden: may not specify more than 1 volume type',
        `spec.volumes[1].name: Invalid value: "Bad_Name": ${LABEL_REGEX}`,
        'spec.volumes[2].configMap.name: Required value',
        'spec.volumes[2].configMap.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive',
        'spec.volumes[2].configMap.items[0].key: Required value',
        'spec.volumes[2].configMap.items[0].path: Invalid value: "/abs": must be a relative path',
        // volumes[3] repeats the name of an invalid volume, which upstream does not record as taken
        'spec.volumes[4].secret.secretName: Required value',
        'spec.volumes[5].hostPath.type: Unsupported value: "Folder": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
        'spec.volumes[6].persistentVolumeClaim.claimName: Required value',
        "spec.volumes[7].secret.items[0].path: Invalid value: \"../x\": must not contain '..'",
      ],
    );
  });

  it('rejects duplicate volume names', () => {
    assert.deepEqual(podErrors({}, { volumes: [{ name: 'data', emptyDir: {} }, { name: 'data', configMap: { name: 'cm' } }] }), ['spec.volumes[1].name: Duplicate value: "data"']);
  });

  it('checks downward API files and projected sources', () => {
    assert.deepEqual(
      podErrors(
        {},
        {
          volumes: [
            { name: 'd', downwardAPI: { items: [{ path: 'x' }, { path: 'n', fieldRef: { fieldPath: 'spec.nodeName' } }] } },
            { name: 'p', projected: { sources: [{ configMap: { name: 'a' }, secret: { name: 'b' } }] } },
          ],
        },
      ),
      [
        'spec.volumes[0].downwardAPI: Required value: one of fieldRef and resourceFieldRef is required',
        'spec.volumes[0].downwardAPI.fieldRef.fieldPath: Unsupported value: "spec.nodeName": supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"',
        'spec.volumes[1].projected.sources[0]: Forbidden: may not specify more than 1 volume type per source',
      ],
    );
  });
});

describe('validatePodSpec: probes and lifecycle', () => {
  it('wants exactly one handler and sane thresholds', () => {
    assert.deepEqual(
      podErrors({
        livenessProbe: { successThreshold: 2 },
        readinessProbe: { tcpSocket: { port: 80 }, exec: { command: ['true'] }, terminationGracePeriodSeconds: 5 },
        startupProbe: { httpGet: { port: 'HTTP' } },
      }),
      [
        'spec.containers[0].livenessProbe: Required value: must specify a handler type',
        'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
        'spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
        'spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes',
        'spec.containers[0].startupProbe.httpGet.port: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.containers[0].startupProbe.httpGet.port: Invalid value: "HTTP": must contain at least one letter (a-z)',
      ],
    );
  });

  it('requires exec commands and bounds sleep hooks by the grace period', () => {
    assert.deepEqual(podErrors({ lifecycle: { postStart: { exec: {} }, preStop: { sleep: { seconds: 60 } } } }), [
      'spec.containers[0].lifecycle.postStart.exec.command: Required value',
      'spec.containers[0].lifecycle.preStop.sleep: Invalid value: 60: must be non-negative and less than terminationGracePeriodSeconds (30)',
    ]);
  });
});

describe('validatePodSpec: init containers', () => {
  it('allows probes only on restartPolicy Always sidecars', () => {
    const probe = { exec: { command: ['true'] } };
    assert.deepEqual(podErrors({}, { initContainers: [{ name: 'init', image: 'busybox', readinessProbe: probe, lifecycle: { preStop: probe } }] }), [
      'spec.initContainers[0].lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always',
      'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ]);
    assert.deepEqual(podErrors({}, { initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always', readinessProbe: probe }] }), []);
  });

  it('checks container restart policies', () => {
    assert.deepEqual(podErrors({ restartPolicy: 'Always' }, { initContainers: [{ name: 'init', image: 'busybox', restartPolicy: 'OnFailure' }] }), [
      'spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers',
      'spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]);
  });
});

describe('validatePodSpec: pod-level fields', () => {
  it('checks restart and DNS policies', () => {
    assert.deepEqual(podErrors({}, { restartPolicy: 'Sometimes', dnsPolicy: 'Google' }), [
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ]);
    assert.deepEqual(podErrors({}, { dnsPolicy: 'None' }), ['spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None']);
  });

  it('checks node selectors, security context and deadlines', () => {
    assert.deepEqual(podErrors({}, { nodeSelector: { disk: 'fast ssd' }, securityContext: { runAsUser: -1 }, activeDeadlineSeconds: 0, hostname: 'My.Host' }), [
      "spec.nodeSelector[disk]: Invalid value: \"fast ssd\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      'spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive',
      'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
      `spec.hostname: Invalid value: "My.Host": ${LABEL_REGEX}`,
    ]);
  });

  it('checks container security contexts', () => {
    const errs = podErrors({ securityContext: { allowPrivilegeEscalation: false, privileged: true, runAsGroup: 3000000000 } });
    assert.equal(errs.length, 2);
    assert.equal(errs[0], 'spec.containers[0].securityContext.runAsGroup: Invalid value: 3000000000: must be between 0 and 2147483647, inclusive');
    assert.match(errs[1]!, /^spec\.containers\[0\]\.securityContext: Invalid value: .*: cannot set `allowPrivilegeEscalation` to false and `privileged` to true$/);
  });

  it('checks tolerations', () => {
    assert.deepEqual(
      podErrors(
        {},
        {
          tolerations: [
            { operator: 'Equal', value: 'x' },
            { key: 'k', operator: 'Exists', value: 'v' },
            { key: 'k', effect: 'NoSchedule', tolerationSeconds: 30 },
            { key: 'k', operator: 'Less', effect: 'Never' },
          ],
        },
      ),
      [
        'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
        "spec.tolerations[1].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
        "spec.tolerations[2].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
        'spec.tolerations[3].operator: Unsupported value: "Less": supported values: "Equal", "Exists"',
        'spec.tolerations[3].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      ],
    );
  });

  it('checks affinity selector operators and topology keys', () => {
    assert.deepEqual(
      podErrors(
        {},
        {
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Equals', values: ['a'] }, { key: 'disk', operator: 'In' }] }] },
            },
            podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] }, topologyKey: '' }] },
          },
        },
      ),
      [
        'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
        "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
        'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must be non-empty',
        "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    );
  });

  it('checks topology spread constraints', () => {
    assert.deepEqual(podErrors({}, { topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'Maybe', labelSelector: {} }] }), [
      'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
      'spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Maybe": supported values: "DoNotSchedule", "ScheduleAnyway"',
    ]);
  });
});

describe('validatePodTemplateSpec', () => {
  it('reports errors under the template path', () => {
    const tpl: core.PodTemplateSpec = { metadata: { labels: { app: 'web app' } }, spec: { containers: [{ name: 'app' }] } };
    defaultPodSpec(tpl.spec!);
    const errs = validatePodTemplateSpec(tpl, path('spec', 'template')).map(String);
    assert.equal(errs.length, 2);
    assert.match(errs[0]!, /^spec\.template\.labels\[app\]: Invalid value: "web app": a valid label must be/);
    assert.equal(errs[1], 'spec.template.spec.containers[0].image: Required value');
  });

  it('forbids ephemeral containers in templates', () => {
    const tpl: core.PodTemplateSpec = { spec: { containers: [{ name: 'app', image: 'x' }], ephemeralContainers: [{ name: 'debug', image: 'busybox' }] } };
    defaultPodSpec(tpl.spec!);
    assert.deepEqual(validatePodTemplateSpec(tpl, path('template')).map(String), ['template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template']);
  });
});
