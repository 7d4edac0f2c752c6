import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregateMessage } from '../../../apimachinery/field-errors.ts';
import type { StoredObject } from '../../../apimachinery/object.ts';
import type * as netv1 from '../../../generated/k8s/networking/v1.ts';
import type { PrintContext } from '../types.ts';
import { ingressPrinter, formatHosts } from './ingress/printer.ts';
import { validateIngressCreate, validateIngressStatusUpdate } from './ingress/validation.ts';
import { ingressClassResource, validateIngressClass } from './ingressclass/resource.ts';
import { defaultNetworkPolicy, networkPolicyResource } from './networkpolicy/resource.ts';
import { validateNetworkPolicySpec } from './networkpolicy/validation.ts';

const now = Date.parse('2024-01-01T00:10:00Z');
const ctx = { now } as PrintContext;
const meta = (name: string) => ({ name, namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '2024-01-01T00:00:00Z' });
const backend = (port: netv1.ServiceBackendPort = { number: 80 }) => ({ service: { name: 'web', port } });

function ingress(spec: netv1.IngressSpec, annotations?: Record<string, string>): netv1.Ingress {
  return { metadata: { name: 'web', annotations }, spec };
}

describe('Ingress', () => {
  it('accepts a path rule to a service port', () => {
    assert.deepEqual(
      validateIngressCreate(ingress({ ingressClassName: 'nginx', rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend() }] } }] })),
      [],
    );
  });

  it('words path, pathType and backend problems as upstream', () => {
    const errs = validateIngressCreate(
      ingress({
        rules: [
          {
            host: '10.0.0.1',
            http: {
              paths: [
                { path: 'api', pathType: 'Prefix', backend: backend() },
                { path: '/a//b', pathType: 'Exact', backend: backend({ name: 'http', number: 80 }) },
                { path: '/', backend: backend() } as netv1.HTTPIngressPath,
                { path: '/', pathType: 'Regex', backend: {} },
              ],
            },
          },
        ],
      }),
    );
    assert.equal(
      aggregateMessage(errs),
      '[spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address, ' +
        'spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path, ' +
        "spec.rules[0].http.paths[1].path: Invalid value: \"/a//b\": must not contain '//', " +
        'spec.rules[0].http.paths[1].backend: Invalid value: "": cannot set both port name & port number, ' +
        'spec.rules[0].http.paths[2].pathType: Required value: pathType must be specified, ' +
        'spec.rules[0].http.paths[3].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix", ' +
        'spec.rules[0].http.paths[3].backend: Invalid value: "": resource or service backend is required]',
    );
  });

  it('needs rules or a default backend, and a class annotation matching ingressClassName', () => {
    assert.equal(aggregateMessage(validateIngressCreate(ingress({}))), 'spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified');
    assert.equal(
      aggregateMessage(validateIngressCreate(ingress({ ingressClassName: 'a', defaultBackend: backend() }, { 'kubernetes.io/ingress.class': 'b' }))),
      'annotations.kubernetes.io/ingress.class: Invalid value: "b": must match `ingressClassName` when both are specified',
    );
  });

  it('validates load balancer status on /status', () => {
    const old: netv1.Ingress = { metadata: { name: 'web' } };
    const next: netv1.Ingress = { ...old, status: { loadBalancer: { ingress: [{ ip: 'nope' }, { hostname: '1.2.3.4' }] } } };
    assert.equal(
      aggregateMessage(validateIngressStatusUpdate(next, old)),
      '[status.loadBalancer.ingress[0].ip: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff), status.loadBalancer.ingress[1].hostname: Invalid value: "1.2.3.4": must be a DNS name, not an IP address]',
    );
  });

  it('prints NAME CLASS HOSTS ADDRESS PORTS AGE', () => {
    assert.deepEqual(
      ingressPrinter.columns.map((c) => c.name),
      ['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age'],
    );
    const ing = {
      metadata: meta('web'),
      spec: { rules: [{ host: 'a.example.com' }, { host: 'b.example.com' }], tls: [{ hosts: ['a.example.com'] }] },
      status: { loadBalancer: { ingress: [{ ip: '172.18.0.3' }, { hostname: 'lb.example.com' }, { ip: '172.18.0.2' }] } },
    } as StoredObject & netv1.Ingress;
    assert.deepEqual(ingressPrinter.cells(ing, ctx), ['web', '<none>', 'a.example.com,b.example.com', '172.18.0.2,172.18.0.3,lb.example.com', '80, 443', '10m']);
    assert.equal(formatHosts([{ host: 'a' }, { host: 'b' }, { host: 'c' }, { host: 'd' }, {}]), 'a,b,c + 2 more...');
    assert.equal(formatHosts([{}]), '*');
  });
});

describe('IngressClass', () => {
  it('requires a domain-prefixed controller and a scoped parameters reference', () => {
    const ic = (controller: string, parameters?: netv1.IngressClassParametersReference) => ({ metadata: { name: 'nginx' }, spec: { controller, parameters } }) as Parameters<typeof validateIngressClass>[0];
    assert.deepEqual(validateIngressClass(ic('k8s.io/ingress-nginx')), []);
    assert.equal(aggregateMessage(validateIngressClass(ic(''))), 'spec.controller: Required value');
    assert.equal(aggregateMessage(validateIngressClass(ic('nginx'))), 'spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")');
    assert.equal(
      aggregateMessage(validateIngressClass(ic('k8s.io/x', { kind: 'Params', name: 'p', scope: 'Namespace' }))),
      "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'",
    );
    const printed = ingressClassResource.printer!.cells(
      { metadata: meta('nginx'), spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } } } as StoredObject & netv1.IngressClass,
      ctx,
    );
    assert.deepEqual(printed, ['nginx', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/external-lb', '10m']);
  });
});

describe('NetworkPolicy', () => {
  it('defaults policyTypes from the rules and ports to TCP', () => {
    const np: netv1.NetworkPolicy = { spec: { podSelector: {}, egress: [{ ports: [{ port: 53 }] }] } };
    defaultNetworkPolicy(np);
    assert.deepEqual(np.spec!.policyTypes, ['Ingress', 'Egress']);
    assert.equal(np.spec!.egress![0]!.ports![0]!.protocol, 'TCP');
    const ingressOnly: netv1.NetworkPolicy = { spec: { podSelector: {} } };
    defaultNetworkPolicy(ingressOnly);
    assert.deepEqual(ingressOnly.spec!.policyTypes, ['Ingress']);
  });

  it('words peer, port and ipBlock problems as upstream', () => {
    const errs = validateNetworkPolicySpec({
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [
        {
          from: [{}, { ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] }, podSelector: {} }],
          ports: [{ protocol: 'ICMP', port: 70000 }, { port: 'http', endPort: 90 }],
        },
      ],
      policyTypes: ['Ingress', 'Sideways'],
    });
    assert.equal(
      aggregateMessage(errs),
      '[spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP", ' +
        'spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, ' +
        'spec.ingress[0].ports[1].endPort: Invalid value: 90: may not be specified when `port` is non-numeric, ' +
        'spec.ingress[0].from[0]: Required value: must specify a peer, ' +
        'spec.ingress[0].from[1].ipBlock.except[0]: Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`, ' +
        'spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer, ' +
        'spec.policyTypes[1]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"]',
    );
    assert.deepEqual(validateNetworkPolicySpec({ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }] }), []);
    assert.equal(
      aggregateMessage(validateNetworkPolicySpec({ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }] })),
      'spec.egress[0].to[0].ipBlock.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    );
  });

  it('prints NAME POD-SELECTOR AGE', () => {
    const p = networkPolicyResource.printer!;
    assert.deepEqual(p.columns.map((c) => c.name), ['Name', 'Pod-Selector', 'Age']);
    assert.deepEqual(p.cells({ metadata: meta('deny-all'), spec: { podSelector: {} } } as StoredObject & netv1.NetworkPolicy, ctx), ['deny-all', '<none>', '10m']);
    assert.deepEqual(p.cells({ metadata: meta('db'), spec: { podSelector: { matchLabels: { app: 'db' } } } } as StoredObject & netv1.NetworkPolicy, ctx), ['db', 'app=db', '10m']);
  });
});
