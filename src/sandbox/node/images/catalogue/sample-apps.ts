// Small sample applications the Kubernetes documentation and tutorials use:
// - gcr.io/google-samples/hello-app (GKE tutorials): "Hello, world!", version and hostname on $PORT.
// - registry.k8s.io/hpa-example (HorizontalPodAutoscaler walkthrough): php-apache whose every
//   request burns CPU and answers "OK!".
// - docker.io/polinux/stress (Assign Memory Resources): allocates --vm-bytes and holds it, so a
//   lower memory limit ends in OOMKilled.
import type { ImageFamily } from './types.ts';

const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export const helloAppFamily: ImageFamily = {
  registry: 'gcr.io',
  repository: 'google-samples/hello-app',
  description: 'Google\'s hello-app: "Hello, world!", its version and the pod\'s hostname on port 8080',
  variants: [
    ['1.0', '1.0.0', 11_283_715],
    ['2.0', '2.0.0', 11_283_722],
  ].map(([tag, version, sizeBytes]) => ({
    tags: [tag as string],
    vars: { version: version as string },
    os: 'distroless-static' as const,
    sizeBytes: sizeBytes as number,
    config: { entrypoint: ['/hello-app'], env: [PATH], exposedPorts: ['8080/tcp'] },
    programs: { '/hello-app': { behaviour: 'hello-app' } },
    resources: { idleCpuMillicores: 0, memoryBytes: 2_600_000, cpuMsPerRequest: 0.2 },
  })),
  behaviours: {
    'hello-app': {
      steps: [{ sleep: 15 }, { listen: ['${env.PORT:-8080}'] }, { log: ['${time.nginx} Server listening on port ${env.PORT:-8080}'], stream: 'stderr' }, { serve: true }],
      http: {
        port: '${env.PORT:-8080}',
        routes: [],
        fallback: {
          status: 200,
          contentType: 'text/plain; charset=utf-8',
          body: 'Hello, world!\nVersion: ${image.version}\nHostname: ${pod.hostname}\n',
          log: { line: '${time.nginx} Serving request: ${req.path}', stream: 'stderr' },
        },
      },
    },
  },
};

export const hpaExampleFamily: ImageFamily = {
  registry: 'registry.k8s.io',
  repository: 'hpa-example',
  description: 'php-apache from the HPA walkthrough: every request burns CPU and answers "OK!"',
  variants: [
    {
      tags: ['latest'],
      vars: { version: '2.4.10' },
      os: 'debian12',
      sizeBytes: 178_432_106,
      config: {
        entrypoint: ['docker-php-entrypoint'],
        cmd: ['apache2-foreground'],
        env: [PATH, 'PHP_INI_DIR=/usr/local/etc/php', 'PHP_VERSION=5.6.31'],
        workingDir: '/var/www/html',
        exposedPorts: ['80/tcp'],
        stopSignal: 'SIGWINCH',
      },
      programs: {
        '/usr/local/bin/docker-php-entrypoint': { behaviour: 'entrypoint' },
        '/usr/local/bin/apache2-foreground': { behaviour: 'apache' },
      },
      files: [{ path: '/var/www/html/index.php', content: '<?php\n  $x = 0.0001;\n  for ($i = 0; $i <= 1000000; $i++) {\n    $x += sqrt($x);\n  }\n  echo "OK!";\n?>\n' }],
      resources: { idleCpuMillicores: 1, memoryBytes: 11_500_000, cpuMsPerRequest: 20 },
    },
  ],
  behaviours: {
    entrypoint: { steps: [{ if: { arg: 0, prefix: '-' }, then: [{ setArgs: ['apache2-foreground', '$@'] }] }, { exec: true }] },
    apache: {
      steps: [
        { sleep: 40 },
        {
          log: [
            "AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${pod.ip}. Set the 'ServerName' directive globally to suppress this message",
            "AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${pod.ip}. Set the 'ServerName' directive globally to suppress this message",
          ],
          stream: 'stderr',
        },
        { listen: ['80'] },
        {
          log: [
            '[${time.apache}] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.10 (Debian) PHP/5.6.31 configured -- resuming normal operations',
            "[${time.apache}] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'",
          ],
          stream: 'stderr',
        },
        { serve: true },
      ],
      http: {
        port: '80',
        routes: [],
        fallback: { status: 200, contentType: 'text/html', body: 'OK!', headers: { 'X-Powered-By': 'PHP/5.6.31' } },
        accessLog: { line: '${req.ip} - - [${time.clf}] "${req.method} ${req.uri} ${req.proto}" ${res.status} 213 "${req.referer}" "${req.ua}"' },
      },
      signals: {
        SIGWINCH: { steps: [{ log: ['[${time.apache}] [mpm_prefork:notice] [pid 1] AH00170: caught SIGWINCH, shutting down gracefully'], stream: 'stderr' }], exitCode: 0 },
        SIGTERM: { steps: [{ log: ['[${time.apache}] [mpm_prefork:notice] [pid 1] AH00169: caught SIGTERM, shutting down'], stream: 'stderr' }], exitCode: 0 },
      },
    },
  },
};

export const stressFamily: ImageFamily = {
  registry: 'docker.io',
  repository: 'polinux/stress',
  description: 'stress: `--vm 1 --vm-bytes 150M --vm-hang 1` holds that much memory (OOMKilled above the limit)',
  variants: [
    {
      tags: ['latest', '1.0.4'],
      vars: { version: '1.0.4' },
      os: 'alpine321',
      sizeBytes: 4_041_495,
      config: { cmd: ['/usr/local/bin/stress'], env: [PATH] },
      programs: { '/usr/local/bin/stress': { behaviour: 'stress' } },
      resources: { idleCpuMillicores: 0, memoryBytes: 300_000, cpuMsPerRequest: 0 },
    },
  ],
  behaviours: {
    stress: {
      steps: [
        {
          if: { flag: '--vm' },
          then: [{ log: ['stress: info: [1] dispatching hogs: 0 cpu, 0 io, ${flag.--vm} vm, 0 hdd'] }, { serve: true }],
          else: [
            {
              log: [
                '`stress\' imposes certain types of compute stress on your system',
                '',
                'Usage: stress [OPTION [ARG]] ...',
                ' -?, --help         show this help statement',
                '     --version      show version statement',
                ' -v, --verbose      be verbose',
                ' -q, --quiet        be quiet',
                ' -n, --dry-run      show what would have been done',
                ' -t, --timeout N    timeout after N seconds',
                ' -m, --vm N         spawn N workers spinning on malloc()/free()',
                '     --vm-bytes B   malloc B bytes per vm worker (default is 256MB)',
                '     --vm-hang N    sleep N secs before free (default none, 0 is inf)',
              ],
            },
            { exit: 1 },
          ],
        },
      ],
      resources: { idleCpuMillicores: 0, memoryBytes: '${flag.--vm-bytes:-256M}', cpuMsPerRequest: 0 },
    },
  },
};
