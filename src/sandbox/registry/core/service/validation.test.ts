import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messages } from '../shared/testing.ts';
import { setServiceDefaults } from './defaults.ts';
import type { Service } from './types.ts';
import { validateService, validateServiceUpdate } from './validation.ts';

function svc(spec: Service['spec'], extra: Partial<Service> = {}): Service {
  const s: Service = { metadata: { name: 's', namespace: 'default' }, spec, ...extra };
  setServiceDefaults(s);
  return s;
}

describe('validateService', () => {
  it('accepts a defaulted ClusterIP Service', () => {
    assert.deepEqual(messages(validateService(svc({ ports: [{ port: 80 }] }))), []);
  });

  it('requires ports, except for headless and ExternalName Services', () => {
    assert.deepEqual(messages(validateService(svc({}))), ['spec.ports: Required value']);
    assert.deepEqual(messages(validateService(svc({ clusterIP: 'None', clusterIPs: ['None'] }))), []);
    assert.deepEqual(messages(validateService(svc({ type: 'ExternalName', externalName: 'db.example.com.' }))), []);
  });

  it('requires names on every port of a multi-port Service and checks them as DNS labels', () => {
    const errs = messages(validateService(svc({ ports: [{ port: 80 }, { port: 443, name: 'HTTPS' }] })));
    assert.deepEqual(errs, [
      'spec.ports[0].name: Required value',
      "spec.ports[1].name: Invalid value: \"HTTPS\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it('reports port numbers, protocols, named target ports and duplicates as upstream', () => {
    const errs = messages(
      validateService(
        svc({
          ports: [
            { name: 'a', port: 70000 },
            { name: 'b', port: 80, protocol: 'HTTP' },
            { name: 'c', port: 81, targetPort: 'web_port' },
            { name: 'd', port: 82 },
            { name: 'e', port: 82 },
          ],
        }),
      ),
    );
    assert.deepEqual(errs, [
      'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'spec.ports[2].targetPort: Invalid value: "web_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.ports[4]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:82, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ]);
  });

  it('forbids nodePort on ClusterIP Services and headless NodePorts', () => {
    assert.deepEqual(messages(validateService(svc({ ports: [{ port: 80, nodePort: 30001 }] }))), [
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
    const errs = messages(validateService(svc({ type: 'NodePort', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 80 }] })));
    assert.ok(errs.includes('spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services'), errs.join('\n'));
  });

  it('checks ExternalName targets and forbids cluster IPs on them', () => {
    assert.deepEqual(messages(validateService(svc({ type: 'ExternalName' }))), ['spec.externalName: Required value']);
    assert.deepEqual(messages(validateService(svc({ type: 'ExternalName', externalName: 'x', clusterIPs: ['10.96.0.5'], clusterIP: '10.96.0.5' }))), [
      'spec.clusterIPs: Forbidden: may not be set for ExternalName services',
    ]);
  });

  it('rejects an unknown type and clusterIP/clusterIPs disagreement', () => {
    assert.deepEqual(messages(validateService(svc({ type: 'Bogus', ports: [{ port: 80 }] }))), [
      'spec.type: Unsupported value: "Bogus": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
    assert.deepEqual(messages(validateService(svc({ clusterIP: '10.96.0.9', clusterIPs: ['10.96.0.8'], ports: [{ port: 80 }] }))), [
      'spec.clusterIPs: Invalid value: []string{"10.96.0.8"}: first value must match `clusterIP`',
    ]);
    assert.deepEqual(messages(validateService(svc({ clusterIP: '10.96.0.300', clusterIPs: ['10.96.0.300'], ports: [{ port: 80 }] }))), [
      'spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
  });

  it('rejects externalTrafficPolicy on internal Services', () => {
    const s = svc({ ports: [{ port: 80 }] });
    s.spec!.externalTrafficPolicy = 'Local';
    assert.deepEqual(messages(validateService(s)), ['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services']);
  });
});

describe('validateServiceUpdate', () => {
  it('keeps clusterIP immutable', () => {
    const old = svc({ clusterIP: '10.96.10.10', clusterIPs: ['10.96.10.10'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', ports: [{ port: 80 }] });
    const next = svc({ clusterIP: '10.96.10.11', clusterIPs: ['10.96.10.11'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', ports: [{ port: 80 }] });
    assert.deepEqual(messages(validateServiceUpdate(next, old)), ['spec.clusterIPs[0]: Invalid value: []string{"10.96.10.11"}: may not change once set']);
  });
});
