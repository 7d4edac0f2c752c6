// docker.io/library/httpd (Apache HTTP Server, github.com/docker-library/httpd): `httpd-foreground`
// runs `httpd -DFOREGROUND`; without a ServerName it warns twice (AH00558, once per config pass)
// using the pod's IP, then logs AH00489/AH00094. Serves /usr/local/apache2/htdocs (index.html is
// "It works!") with the common log format on stdout. STOPSIGNAL is SIGWINCH (graceful stop).
import type { Behaviour, ImageFamily, ImageVariant } from './types.ts';

const IT_WORKS = '<html><body><h1>It works!</h1></body></html>\n';

const AH00558 =
  "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${pod.ip}. Set the 'ServerName' directive globally to suppress this message";

const httpd: Behaviour = {
  steps: [
    { if: { flag: '-v' }, then: [{ log: ['Server version: Apache/${image.version} (Unix)', 'Server built:   ${image.built}'] }, { exit: 0 }] },
    { sleep: 30 },
    { log: [AH00558, AH00558], stream: 'stderr' },
    { listenFrom: { path: '/usr/local/apache2/conf/httpd.conf', pattern: '^Listen\\s+(\\d+)', otherwise: ['80'] } },
    {
      log: [
        '[${time.apache}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${image.version} (Unix) configured -- resuming normal operations',
        "[${time.apache}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
      ],
      stream: 'stderr',
    },
    { serve: true },
  ],
  http: {
    port: '*',
    headers: { Server: 'Apache/${image.version} (Unix)' },
    routes: [],
    fallback: { static: { root: '/usr/local/apache2/htdocs', index: ['index.html'], server: 'apache' } },
    accessLog: { line: '${req.ip} - - [${time.clf}] "${req.method} ${req.uri} ${req.proto}" ${res.status} ${res.bytes}' },
  },
  signals: {
    SIGWINCH: {
      steps: [{ log: ['[${time.apache}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully'], stream: 'stderr' }],
      exitCode: 0,
    },
    SIGTERM: {
      steps: [{ log: ['[${time.apache}] [mpm_event:notice] [pid 1:tid 1] AH00491: caught SIGTERM, shutting down'], stream: 'stderr' }],
      exitCode: 0,
    },
  },
};

const HTTPD_CONF_HEAD = `#
# This is the main Apache HTTP server configuration file.  It contains the
# configuration directives that give the server its instructions.
#
ServerRoot "/usr/local/apache2"

#
# Listen: Allows you to bind Apache to specific IP addresses and/or
# ports, instead of the default. See also the <VirtualHost>
# directive.
#
#Listen 12.34.56.78:80
Listen 80

User www-data
Group www-data

ServerAdmin you@example.com

#ServerName www.example.com:80

DocumentRoot "/usr/local/apache2/htdocs"
<Directory "/usr/local/apache2/htdocs">
    Options Indexes FollowSymLinks
    AllowOverride None
    Require all granted
</Directory>

<IfModule dir_module>
    DirectoryIndex index.html
</IfModule>

ErrorLog /proc/self/fd/2
LogLevel warn
LogFormat "%h %l %u %t \\"%r\\" %>s %b" common
CustomLog /proc/self/fd/1 common
`;

function variant(version: string, tags: string[], alpine: boolean, sizeBytes: number): ImageVariant {
  return {
    tags,
    vars: { version, built: '2025-01-23T04:39:33' },
    os: alpine ? 'alpine321' : 'debian12',
    sizeBytes,
    config: {
      cmd: ['httpd-foreground'],
      env: [
        'PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'HTTPD_PREFIX=/usr/local/apache2',
        `HTTPD_VERSION=${version}`,
      ],
      workingDir: '/usr/local/apache2',
      exposedPorts: ['80/tcp'],
      stopSignal: 'SIGWINCH',
    },
    programs: {
      '/usr/local/bin/httpd-foreground': { behaviour: 'httpd' },
      '/usr/local/apache2/bin/httpd': { behaviour: 'httpd' },
      '/usr/local/apache2/bin/apachectl': { shell: true },
    },
    files: [
      { path: '/usr/local/apache2/htdocs/index.html', content: IT_WORKS },
      { path: '/usr/local/apache2/conf/httpd.conf', content: HTTPD_CONF_HEAD },
      { path: '/usr/local/apache2/logs', type: 'dir' },
    ],
    resources: { idleCpuMillicores: 1, memoryBytes: 9_800_000, cpuMsPerRequest: 0.3 },
  };
}

export const httpdFamily: ImageFamily = {
  registry: 'docker.io',
  repository: 'library/httpd',
  description: 'Apache HTTP Server: "It works!" from /usr/local/apache2/htdocs on port 80',
  variants: [
    variant('2.4.63', ['2.4.63', '2.4', '2', 'latest', '2.4.63-bookworm', 'bookworm'], false, 58_190_122),
    variant('2.4.63', ['2.4.63-alpine', '2.4-alpine', '2-alpine', 'alpine'], true, 22_436_912),
    variant('2.4.62', ['2.4.62'], false, 58_157_701),
  ],
  behaviours: { httpd },
};
