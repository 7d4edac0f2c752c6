// How the simulated ingress-nginx controller picks a backend for a request (its nginx.conf as
// the controller generates it): Ingresses of its class (ingressClassName `nginx`, an IngressClass
// whose controller is k8s.io/ingress-nginx, the legacy kubernetes.io/ingress.class annotation, or
// no class when the default IngressClass is ingress-nginx's) are merged into one server per host.
// The Host header (without port) picks the server: exact host, then a `*.example.com` wildcard
// (one label), then the catch-all server of rules without host. Within a server the longest
// matching path wins (Exact before Prefix at equal length; Prefix matches whole path segments;
// ImplementationSpecific is treated as Prefix). No match: an Ingress's spec.defaultBackend, else
// the controller's default backend (404).
import type * as networkingv1 from '../../../generated/k8s/networking/v1.ts';
import { INGRESS_CLASSES, INGRESSES, type Ingress, type IngressClass, type ObjectSource } from './view.ts';

export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';
export const INGRESS_NGINX_CLASS = 'nginx';
const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export interface IngressRoute {
  ingress: Ingress;
  namespace: string;
  service: string;
  port: networkingv1.ServiceBackendPort;
  /** The path rule that matched (undefined for a default backend). */
  path?: string;
}

/** Whether the simulated controller serves this Ingress. */
export function servedByNginx(ing: Ingress, classes: readonly IngressClass[]): boolean {
  const name = ing.spec?.ingressClassName;
  if (name) {
    if (name === INGRESS_NGINX_CLASS) return true;
    return classes.some((c) => c.metadata.name === name && c.spec?.controller === INGRESS_NGINX_CONTROLLER);
  }
  const legacy = ing.metadata.annotations?.[LEGACY_CLASS_ANNOTATION];
  if (legacy) return legacy === INGRESS_NGINX_CLASS;
  return classes.some((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true' && c.spec?.controller === INGRESS_NGINX_CONTROLLER);
}

/** The Ingresses the controller serves. */
export function servedIngresses(src: ObjectSource): Ingress[] {
  const classes = src.list(INGRESS_CLASSES) as IngressClass[];
  return (src.list(INGRESSES) as Ingress[]).filter((i) => !i.metadata.deletionTimestamp && servedByNginx(i, classes));
}

/** Whether a rule's host matches the request host (exact, or a one-label wildcard). */
export function hostMatches(ruleHost: string, host: string): 'exact' | 'wildcard' | false {
  const r = ruleHost.toLowerCase();
  if (r === host) return 'exact';
  if (r.startsWith('*.')) {
    const dot = host.indexOf('.');
    if (dot > 0 && host.slice(dot + 1) === r.slice(2)) return 'wildcard';
  }
  return false;
}

/** How many characters of the rule path matched, or -1 (Prefix matches whole segments). */
export function pathMatch(rule: networkingv1.HTTPIngressPath, path: string): number {
  const p = rule.path || '/';
  if (rule.pathType === 'Exact') return path === p ? p.length : -1;
  const prefix = p.replace(/\/+$/, '');
  if (prefix === '') return 0;
  if (path === prefix || path.startsWith(prefix + '/')) return prefix.length;
  return -1;
}

function backendRoute(ing: Ingress, b: networkingv1.IngressBackend | undefined, path?: string): IngressRoute | undefined {
  if (!b?.service) return undefined;
  return { ingress: ing, namespace: ing.metadata.namespace!, service: b.service.name, port: b.service.port ?? {}, path };
}

/** The backend for a request, or undefined (the controller's 404). */
export function routeIngress(ingresses: readonly Ingress[], hostHeader: string, rawPath: string): IngressRoute | undefined {
  const host = hostHeader.toLowerCase().replace(/:\d+$/, '');
  const path = rawPath.replace(/[?#].*$/, '') || '/';
  // Pick the server: exact host, then wildcard, then rules without host.
  for (const level of ['exact', 'wildcard', 'none'] as const) {
    const rules: Array<{ ing: Ingress; rule: networkingv1.IngressRule }> = [];
    for (const ing of ingresses) {
      for (const rule of ing.spec?.rules ?? []) {
        const m = rule.host ? hostMatches(rule.host, host) : 'none';
        if (m === level) rules.push({ ing, rule });
      }
    }
    if (!rules.length) continue;
    let best: { len: number; exact: boolean; route: IngressRoute } | undefined;
    for (const { ing, rule } of rules) {
      for (const p of rule.http?.paths ?? []) {
        const len = pathMatch(p, path);
        if (len < 0) continue;
        const exact = p.pathType === 'Exact';
        if (!best || len > best.len || (len === best.len && exact && !best.exact)) {
          const route = backendRoute(ing, p.backend, p.path || '/');
          if (route) best = { len, exact, route };
        }
      }
    }
    if (best) return best.route;
    // The host's server exists but no path matched: its Ingresses' default backend, else 404.
    for (const { ing } of rules) {
      const r = backendRoute(ing, ing.spec?.defaultBackend);
      if (r) return r;
    }
    if (level !== 'none') return undefined;
  }
  for (const ing of ingresses) {
    const r = backendRoute(ing, ing.spec?.defaultBackend);
    if (r) return r;
  }
  return undefined;
}

/** ingress-nginx's error pages (nginx's built-in HTML). */
export function nginxErrorPage(status: 308 | 404 | 502 | 503 | 504): { status: number; statusText: string; headers: Record<string, string>; body: string } {
  const text = { 308: 'Permanent Redirect', 404: 'Not Found', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' }[status];
  const body = `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return { status, statusText: text, headers: { 'Content-Type': 'text/html', 'Content-Length': String(body.length), Connection: 'keep-alive' }, body };
}

/** Whether ingress-nginx redirects plain HTTP to HTTPS for this host (ssl-redirect: the Ingress has TLS for it). */
export function sslRedirect(route: IngressRoute, hostHeader: string): boolean {
  const host = hostHeader.toLowerCase().replace(/:\d+$/, '');
  return (route.ingress.spec?.tls ?? []).some((t) => (t.hosts ?? []).some((h) => hostMatches(h, host)));
}
