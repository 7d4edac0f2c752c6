// A container's environment as upstream Kubelet.makeEnvironmentVariables computes it: envFrom
// (configMaps and secrets, with prefix; later sources win), then env in order (a value with
// `$(VAR)` expanded against the variables so far and the service variables; valueFrom from
// configMapKeyRef, secretKeyRef, fieldRef, resourceFieldRef), then the Service link variables not
// already set. A missing non-optional source fails the container's start with
// CreateContainerConfigError and upstream's message.
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { expand, mappingFuncFor } from './expansion.ts';
import { fieldRefValue, resourceFieldRefValue } from './field-ref.ts';
import { configMapData, nodeIPs, secretData, type Sources } from './sources.ts';
import { serviceEnvVarMap } from './service-env.ts';

export type ContainerEnvResult =
  | { ok: true; env: Record<string, string> }
  | { ok: false; reason: 'CreateContainerConfigError'; message: string };

export interface EnvInputs {
  pod: core.Pod;
  container: core.Container;
  podIPs: readonly string[];
  node: core.Node | undefined;
  sources: Sources;
}

class ConfigError extends Error {}

export function makeEnvironmentVariables({ pod, container, podIPs, node, sources }: EnvInputs): ContainerEnvResult {
  const ns = pod.metadata?.namespace ?? 'default';
  const serviceEnv = serviceEnvVarMap(ns, pod.spec?.enableServiceLinks ?? true, sources.services('default'), sources.services(ns));
  const configMaps = new Map<string, Record<string, string> | null>();
  const secrets = new Map<string, Record<string, string> | null>();
  const configMap = (name: string): Record<string, string> | null => {
    if (!configMaps.has(name)) {
      const cm = sources.configMap(ns, name);
      configMaps.set(name, cm ? configMapData({ data: cm.data }) : null);
    }
    return configMaps.get(name)!;
  };
  const secret = (name: string): Record<string, string> | null => {
    if (!secrets.has(name)) {
      const s = sources.secret(ns, name);
      secrets.set(name, s ? secretData(s) : null);
    }
    return secrets.get(name)!;
  };
  const tmpEnv = new Map<string, string>();
  try {
    for (const from of container.envFrom ?? []) {
      const prefix = from.prefix ?? '';
      if (from.configMapRef) {
        const data = configMap(from.configMapRef.name ?? '');
        if (!data) {
          if (from.configMapRef.optional) continue;
          throw new ConfigError(`configmap "${from.configMapRef.name}" not found`);
        }
        for (const [k, v] of Object.entries(data)) tmpEnv.set(prefix + k, v);
      } else if (from.secretRef) {
        const data = secret(from.secretRef.name ?? '');
        if (!data) {
          if (from.secretRef.optional) continue;
          throw new ConfigError(`secret "${from.secretRef.name}" not found`);
        }
        for (const [k, v] of Object.entries(data)) tmpEnv.set(prefix + k, v);
      }
    }
    const mapping = mappingFuncFor(tmpEnv, serviceEnv);
    for (const e of container.env ?? []) {
      let value = e.value ?? '';
      if (value !== '') {
        value = expand(value, mapping);
      } else if (e.valueFrom) {
        const from = e.valueFrom;
        if (from.fieldRef) {
          const r = fieldRefValue(from.fieldRef.fieldPath, { pod, podIPs, hostIPs: nodeIPs(node) });
          if (!r.ok) throw new ConfigError(r.message);
          value = r.value;
        } else if (from.resourceFieldRef) {
          const r = resourceFieldRefValue(from.resourceFieldRef, pod, container, node?.status?.allocatable ?? {});
          if (!r.ok) throw new ConfigError(r.message);
          value = r.value;
        } else if (from.configMapKeyRef) {
          const { name = '', key, optional } = from.configMapKeyRef;
          const data = configMap(name);
          if (!data) {
            if (optional) continue;
            throw new ConfigError(`configmap "${name}" not found`);
          }
          if (!(key in data)) {
            if (optional) continue;
            throw new ConfigError(`couldn't find key ${key} in ConfigMap ${ns}/${name}`);
          }
          value = data[key];
        } else if (from.secretKeyRef) {
          const { name = '', key, optional } = from.secretKeyRef;
          const data = secret(name);
          if (!data) {
            if (optional) continue;
            throw new ConfigError(`secret "${name}" not found`);
          }
          if (!(key in data)) {
            if (optional) continue;
            throw new ConfigError(`couldn't find key ${key} in Secret ${ns}/${name}`);
          }
          value = data[key];
        }
      }
      tmpEnv.set(e.name, value);
    }
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, reason: 'CreateContainerConfigError', message: err.message };
    throw err;
  }
  const env: Record<string, string> = Object.fromEntries(tmpEnv);
  for (const [k, v] of serviceEnv) if (!tmpEnv.has(k)) env[k] = v;
  return { ok: true, env };
}
