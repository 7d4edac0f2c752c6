import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostMatches, nginxErrorPage, pathMatch, routeIngress, servedByNginx } from './ingress-routing.ts';
import { ingress } from './testing.ts';
import type { IngressClass } from './view.ts';

const backend = (name: string, port = 80) => ({ service: { name, port: { number: port } } });
const shop = ingress('shop', {
  ingressClassName: 'nginx',
  rules: [
    { host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('web') }, { path: '/api', pathType: 'Prefix', backend: backend('api') }, { path: '/api/health', pathType: 'Exact', backend: backend('health') }] } },
    { host: '*.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('wild') }] } },
    { http: { paths: [{ path: '/static', pathType: 'ImplementationSpecific', backend: backend('static') }] } },
  ],
});
const route = (host: string, path: string) => routeIngress([shop], host, path)?.service;

describe('ingress routing', () => {
  it('routes by exact host and the longest matching path, Exact before Prefix', () => {
    assert.equal(route('shop.example.com', '/'), 'web');
    assert.equal(route('shop.example.com:80', '/cart'), 'web');
    assert.equal(route('SHOP.example.com', '/api/orders?x=1'), 'api');
    assert.equal(route('shop.example.com', '/api/health'), 'health');
    assert.equal(route('shop.example.com', '/apifoo'), 'web', 'Prefix matches whole segments');
  });

  it('routes a one-label wildcard, then rules without host, else 404', () => {
    assert.equal(route('blog.example.com', '/'), 'wild');
    assert.equal(route('a.b.example.com', '/static/x.css'), 'static');
    assert.equal(route('example.com', '/static'), 'static');
    assert.equal(route('other.org', '/'), undefined);
    assert.equal(hostMatches('*.example.com', 'example.com'), false);
  });

  it('uses an Ingress defaultBackend when nothing matches', () => {
    const d = ingress('d', { ingressClassName: 'nginx', defaultBackend: backend('fallback', 8080) });
    assert.deepEqual(routeIngress([shop, d], 'other.org', '/')?.port, { number: 8080 });
  });

  it('matches Prefix segments and Exact paths', () => {
    const p = (path: string, pathType: string) => ({ path, pathType, backend: {} });
    assert.equal(pathMatch(p('/foo/', 'Prefix'), '/foo'), 4);
    assert.equal(pathMatch(p('/foo', 'Prefix'), '/foo/bar'), 4);
    assert.equal(pathMatch(p('/foo', 'Prefix'), '/foobar'), -1);
    assert.equal(pathMatch(p('/foo', 'Exact'), '/foo/'), -1);
  });

  it('serves class nginx, IngressClasses of ingress-nginx and the default class', () => {
    const other: IngressClass = { metadata: { name: 'traefik', uid: 'u', resourceVersion: '1' }, spec: { controller: 'traefik.io/ingress-controller' } };
    const dflt: IngressClass = { metadata: { name: 'public', uid: 'v', resourceVersion: '1', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } };
    assert.equal(servedByNginx(shop, []), true);
    assert.equal(servedByNginx(ingress('t', { ingressClassName: 'traefik' }), [other]), false);
    assert.equal(servedByNginx(ingress('p', { ingressClassName: 'public' }), [dflt]), true);
    assert.equal(servedByNginx(ingress('none', {}), []), false);
    assert.equal(servedByNginx(ingress('none', {}), [dflt]), true);
  });

  it('answers with nginx error pages', () => {
    const page = nginxErrorPage(404);
    assert.equal(page.status, 404);
    assert.match(page.body, /<head><title>404 Not Found<\/title><\/head>/);
    assert.match(page.body, /<hr><center>nginx<\/center>/);
    assert.match(nginxErrorPage(503).body, /503 Service Temporarily Unavailable/);
  });
});
