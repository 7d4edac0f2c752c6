// The course's own demo application, docker.io/kubecamp/demo-app (and a private copy at
// ghcr.io/kubecamp/demo-app that needs an imagePullSecret). It exists only in the simulation; its
// behaviour is specified here and documented in README.md ("The demo app").
//
// A small HTTP service on $PORT (8080) that logs JSON lines:
//   GET /         1.x: "Hello from kubecamp! (demo-app 1.0.0, pod <hostname>)"; 2.0: the same as JSON
//   GET /healthz  200 "ok" (1.1: always 500: the bug rollouts and probes are taught with)
//   GET /ready    503 during warm-up ($WARMUP_MS, default 3000), then 200 "ready"
//   GET /version  {"version":"<version>"}
// MESSAGE replaces the greeting. SIGTERM shuts it down cleanly (exit 0).
import type { Behaviour, HttpRoute, ImageFamily, ImageVariant } from './types.ts';

const LOG = (fields: string) => `{"time":"\${time.iso}","level":"info",${fields}}`;
const GREETING = '${env.MESSAGE:-Hello from kubecamp!}';

const requestLog = { line: LOG('"msg":"request","method":"${req.method}","path":"${req.path}","status":${res.status},"remote":"${req.ip}","bytes":${res.bytes}') };

const routes: HttpRoute[] = [
  {
    path: '/',
    when: { value: '${image.major}', in: ['2'] },
    answer: {
      status: 200,
      contentType: 'application/json',
      body: `{"message":"${GREETING}","version":"\${image.version}","pod":"\${pod.hostname}"}\n`,
    },
  },
  { path: '/', answer: { status: 200, contentType: 'text/plain; charset=utf-8', body: `${GREETING} (demo-app \${image.version}, pod \${pod.hostname})\n` } },
  {
    path: '/healthz',
    when: { value: '${image.healthz}', in: ['broken'] },
    answer: {
      status: 500,
      contentType: 'text/plain; charset=utf-8',
      body: 'unhealthy: config watcher stopped\n',
      log: { line: '{"time":"${time.iso}","level":"error","msg":"health check failed","error":"config watcher stopped"}' },
    },
  },
  { path: '/healthz', answer: { status: 200, contentType: 'text/plain; charset=utf-8', body: 'ok\n' } },
  { path: '/ready', when: { value: '${var.ready}', in: ['yes'] }, answer: { status: 200, contentType: 'text/plain; charset=utf-8', body: 'ready\n' } },
  { path: '/ready', answer: { status: 503, contentType: 'text/plain; charset=utf-8', body: 'warming up\n' } },
  { path: '/version', answer: { status: 200, contentType: 'application/json', body: '{"version":"${image.version}"}\n' } },
];

const demoApp: Behaviour = {
  steps: [
    { log: [LOG('"msg":"starting","app":"demo-app","version":"${image.version}","pod":"${pod.hostname}"')] },
    { sleep: 400 },
    { listen: ['${env.PORT:-8080}'] },
    { log: [LOG('"msg":"listening","addr":":${env.PORT:-8080}"')] },
    { sleep: '${env.WARMUP_MS:-3000}' },
    { set: { ready: 'yes' } },
    { log: [LOG('"msg":"ready"')] },
    { serve: true },
  ],
  http: {
    port: '${env.PORT:-8080}',
    routes,
    fallback: { status: 404, contentType: 'text/plain; charset=utf-8', body: '404 page not found\n', headers: { 'X-Content-Type-Options': 'nosniff' } },
    accessLog: requestLog,
  },
  signals: {
    SIGTERM: { steps: [{ log: [LOG('"msg":"shutting down","signal":"terminated"')] }, { sleep: 50 }, { log: [LOG('"msg":"stopped"')] }], exitCode: 0 },
    SIGINT: { steps: [{ log: [LOG('"msg":"shutting down","signal":"interrupt"')] }], exitCode: 0 },
  },
};

function variant(version: string, tags: string[], sizeBytes: number, healthz: 'ok' | 'broken'): ImageVariant {
  return {
    tags,
    vars: { version, major: version.split('.')[0], healthz },
    os: 'alpine321',
    sizeBytes,
    config: {
      entrypoint: ['/app/demo-app'],
      env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'PORT=8080', `APP_VERSION=${version}`],
      workingDir: '/app',
      user: '10001:10001',
      exposedPorts: ['8080/tcp'],
    },
    programs: { '/app/demo-app': { behaviour: 'demo-app' } },
    files: [{ path: '/app', type: 'dir' }],
    resources: { idleCpuMillicores: 1, memoryBytes: 12_500_000, cpuMsPerRequest: 2 },
  };
}

const variants = (): ImageVariant[] => [
  variant('1.0.0', ['1.0', '1.0.0'], 8_412_331, 'ok'),
  variant('1.1.0', ['1.1', '1.1.0'], 8_415_027, 'broken'),
  variant('2.0.0', ['2.0', '2.0.0', '2', 'latest'], 8_530_874, 'ok'),
];

export const demoAppFamily: ImageFamily = {
  registry: 'docker.io',
  repository: 'kubecamp/demo-app',
  description: 'The course demo app: /, /healthz (broken in 1.1), /ready, /version on port 8080; JSON logs',
  variants: variants(),
  behaviours: { 'demo-app': demoApp },
};

/** The same app in a private registry: pulling needs an imagePullSecret with this login. */
export const privateDemoAppFamily: ImageFamily = {
  registry: 'ghcr.io',
  repository: 'kubecamp/demo-app',
  description: 'The demo app from a private registry (imagePullSecret: user kubecamp, password kubecamp-pull-token)',
  access: { credentials: [{ username: 'kubecamp', password: 'kubecamp-pull-token' }] },
  variants: variants(),
  behaviours: { 'demo-app': demoApp },
};
