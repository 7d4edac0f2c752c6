// docker.io/library/nginx (github.com/nginx/docker-nginx): Debian and Alpine variants.
//
// Start-up is the image's /docker-entrypoint.sh: when the first argument is `nginx` or
// `nginx-debug` it reports and runs /docker-entrypoint.d/ (10-listen-on-ipv6-by-default.sh edits
// /etc/nginx/conf.d/default.conf unless it is read-only, differs from the packaged file or already
// has the IPv6 line; 15-local-resolvers.envsh; 20-envsubst-on-templates.sh renders
// /etc/nginx/templates/*.template; 30-tune-worker-processes.sh), then execs nginx. nginx logs its
// notices to stderr and starts one worker per CPU (`worker_processes auto`). Without
// `daemon off;` (e.g. `command: ["nginx"]`) nginx daemonizes and PID 1 exits 0 at once, as on a
// real node. STOPSIGNAL is SIGQUIT: a graceful shutdown. Requests are served from
// /usr/share/nginx/html with the access log on stdout in the `main` format.
import type { Behaviour, ImageFile, ImageVariant } from './types.ts';
import type { ImageFamily } from './types.ts';

export const NGINX_INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_50X_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

/** /etc/nginx/conf.d/default.conf as packaged (before the entrypoint adds the IPv6 listen line). */
export const NGINX_DEFAULT_CONF = `server {
    listen       80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }

    # proxy the PHP scripts to Apache listening on 127.0.0.1:80
    #
    #location ~ \\.php$ {
    #    proxy_pass   http://127.0.0.1;
    #}

    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000
    #
    #location ~ \\.php$ {
    #    root           html;
    #    fastcgi_pass   127.0.0.1:9000;
    #    fastcgi_index  index.php;
    #    fastcgi_param  SCRIPT_FILENAME  /scripts$fastcgi_script_name;
    #    include        fastcgi_params;
    #}

    # deny access to .htaccess files, if Apache's document root
    # concurs with nginx's one
    #
    #location ~ /\\.ht {
    #    deny  all;
    #}
}

`;

const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

const E = '/docker-entrypoint.sh';
const IPV6 = '10-listen-on-ipv6-by-default.sh';
const CONF = '/etc/nginx/conf.d/default.conf';

const entrypoint: Behaviour = {
  steps: [
    {
      if: { arg: 0, in: ['nginx', 'nginx-debug'] },
      then: [
        {
          if: { env: 'NGINX_ENTRYPOINT_QUIET_LOGS', is: 'unset' },
          then: [
            {
              log: [
                `${E}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`,
                `${E}: Looking for shell scripts in /docker-entrypoint.d/`,
                `${E}: Launching /docker-entrypoint.d/${IPV6}`,
              ],
            },
          ],
        },
        {
          if: { value: '${node.ipv6}', in: ['false'] },
          then: [{ log: [`${IPV6}: info: ipv6 not available`] }],
          else: [
            {
              if: { exists: CONF },
              then: [
                {
                  if: { writable: CONF },
                  then: [
                    {
                      if: { contains: { file: CONF, text: 'listen  [::]:80;' } },
                      then: [{ log: [`${IPV6}: info: IPv6 listen already enabled`] }],
                      else: [
                        { log: [`${IPV6}: info: Getting the checksum of ${CONF}`] },
                        {
                          if: { contains: { file: CONF, text: '    listen       80;\n    server_name  localhost;\n\n    #access_log' } },
                          then: [
                            { replace: CONF, find: 'listen       80;', with: 'listen       80;\n    listen  [::]:80;' },
                            { log: [`${IPV6}: info: Enabled listen on IPv6 in ${CONF}`] },
                          ],
                          else: [{ log: [`${IPV6}: info: ${CONF} differs from the packaged version`] }],
                        },
                      ],
                    },
                  ],
                  else: [{ log: [`${IPV6}: info: can not modify ${CONF} (read-only file system?)`] }],
                },
              ],
              else: [{ log: [`${IPV6}: info: ${CONF} is not a file or does not exist`] }],
            },
          ],
        },
        {
          if: { env: 'NGINX_ENTRYPOINT_QUIET_LOGS', is: 'unset' },
          then: [
            {
              if: { value: '${image.localResolvers}', in: ['yes'] },
              then: [{ log: [`${E}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`] }],
            },
            { log: [`${E}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`] },
          ],
        },
        {
          if: { exists: '/etc/nginx/templates/default.conf.template' },
          then: [
            { log: ['20-envsubst-on-templates.sh: Running envsubst on /etc/nginx/templates/default.conf.template to /etc/nginx/conf.d/default.conf'] },
          ],
        },
        {
          if: { env: 'NGINX_ENTRYPOINT_QUIET_LOGS', is: 'unset' },
          then: [
            {
              log: [
                `${E}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`,
                `${E}: Configuration complete; ready for start up`,
              ],
            },
          ],
        },
      ],
    },
    { exec: true },
  ],
};

const nginx: Behaviour = {
  steps: [
    {
      if: { flag: '-v' },
      then: [{ log: ['nginx version: nginx/${image.version}'], stream: 'stderr' }, { exit: 0 }],
    },
    {
      if: { flag: '-t' },
      then: [
        {
          log: ['nginx: the configuration file /etc/nginx/nginx.conf syntax is ok', 'nginx: configuration file /etc/nginx/nginx.conf test is successful'],
          stream: 'stderr',
        },
        { exit: 0 },
      ],
    },
    { sleep: 40 },
    {
      if: { value: '${image.notices}', in: ['yes'] },
      then: [
        {
          log: [
            '${time.nginx} [notice] 1#1: using the "epoll" event method',
        '${time.nginx} [notice] 1#1: nginx/${image.version}',
        '${time.nginx} [notice] 1#1: built by ${image.compiler}',
        '${time.nginx} [notice] 1#1: OS: Linux ${node.kernel}',
            '${time.nginx} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576',
          ],
          stream: 'stderr',
        },
      ],
    },
    { if: { not: { flag: '-g', contains: 'daemon off;' } }, then: [{ exit: 0 }] },
    { listenFrom: { path: '/etc/nginx/conf.d', pattern: '^\\s*listen\\s+(\\d+)', otherwise: ['80'] } },
    { set: { workerPid: '${image.pidBase}' } },
    {
      if: { value: '${image.notices}', in: ['yes'] },
      then: [
        { log: ['${time.nginx} [notice] 1#1: start worker processes'], stream: 'stderr' },
        { repeat: '${node.cpus}', steps: [{ log: ['${time.nginx} [notice] 1#1: start worker process ${nextPid}'], stream: 'stderr' }] },
      ],
    },
    { serve: true },
  ],
  http: {
    port: '*',
    headers: { Server: 'nginx/${image.version}' },
    routes: [],
    fallback: { static: { root: '/usr/share/nginx/html', index: ['index.html', 'index.htm'], server: 'nginx' } },
    accessLog: { line: '${req.ip} - - [${time.clf}] "${req.method} ${req.uri} ${req.proto}" ${res.status} ${res.bytes} "${req.referer}" "${req.ua}" "${req.xff}"' },
  },
  signals: {
    SIGQUIT: {
      steps: [
        {
          log: [
            '${time.nginx} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down',
            '${time.nginx} [notice] ${var.workerPid}#${var.workerPid}: gracefully shutting down',
            '${time.nginx} [notice] ${var.workerPid}#${var.workerPid}: exiting',
            '${time.nginx} [notice] ${var.workerPid}#${var.workerPid}: exit',
          ],
          stream: 'stderr',
        },
        { sleep: 20 },
        { log: ['${time.nginx} [notice] 1#1: signal 17 (SIGCHLD) received from ${var.workerPid}', '${time.nginx} [notice] 1#1: exit'], stream: 'stderr' },
      ],
      exitCode: 0,
    },
    SIGTERM: {
      steps: [
        {
          log: ['${time.nginx} [notice] 1#1: signal 15 (SIGTERM) received, exiting', '${time.nginx} [notice] ${var.workerPid}#${var.workerPid}: exiting'],
          stream: 'stderr',
        },
        { log: ['${time.nginx} [notice] 1#1: exit'], stream: 'stderr' },
      ],
      exitCode: 0,
    },
    SIGINT: {
      steps: [{ log: ['${time.nginx} [notice] 1#1: signal 2 (SIGINT) received, exiting', '${time.nginx} [notice] 1#1: exit'], stream: 'stderr' }],
      exitCode: 0,
    },
  },
};

/** The welcome page before nginx 1.23 (no dark-mode style), 612 bytes. */
const NGINX_INDEX_HTML_LEGACY = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
    body {
        width: 35em;
        margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif;
    }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

interface Generation {
  /** 1.19 introduced /docker-entrypoint.sh and notice-level logging to stderr. */
  entrypoint: boolean;
  /** 15-local-resolvers.envsh exists from 1.25. */
  localResolvers: boolean;
  /** The welcome page with `color-scheme` from 1.23. */
  modernPage: boolean;
}

function nginxFiles(g: Generation): ImageFile[] {
  const scripts: ImageFile[] = g.entrypoint
    ? [
        { path: '/docker-entrypoint.sh', content: '#!/bin/sh\n# vim:sw=4:ts=4:et\n# (simulated: see the image catalogue)\n', mode: 0o775 },
        { path: '/docker-entrypoint.d', type: 'dir' },
        { path: '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh', content: '#!/bin/sh\n', mode: 0o775 },
        ...(g.localResolvers ? [{ path: '/docker-entrypoint.d/15-local-resolvers.envsh', content: '#!/bin/sh\n', mode: 0o775 }] : []),
        { path: '/docker-entrypoint.d/20-envsubst-on-templates.sh', content: '#!/bin/sh\n', mode: 0o775 },
        { path: '/docker-entrypoint.d/30-tune-worker-processes.sh', content: '#!/bin/sh\n', mode: 0o775 },
      ]
    : [];
  return [
    ...scripts,
    { path: '/etc/nginx/nginx.conf', content: g.entrypoint ? NGINX_CONF : NGINX_CONF.replace('error.log notice;', 'error.log warn;') },
    { path: CONF, content: NGINX_DEFAULT_CONF },
    {
      path: '/etc/nginx/mime.types',
      content: 'types {\n    text/html                                        html htm shtml;\n    text/css                                         css;\n    application/javascript                           js;\n    application/json                                 json;\n}\n',
    },
    { path: '/usr/share/nginx/html/index.html', content: g.modernPage ? NGINX_INDEX_HTML : NGINX_INDEX_HTML_LEGACY },
    { path: '/usr/share/nginx/html/50x.html', content: NGINX_50X_HTML },
    { path: '/var/cache/nginx', type: 'dir' },
    { path: '/var/log/nginx', type: 'dir' },
    { path: '/var/log/nginx/access.log', type: 'symlink', target: '/dev/stdout' },
    { path: '/var/log/nginx/error.log', type: 'symlink', target: '/dev/stderr' },
  ];
}

const users = { passwd: ['nginx:x:101:101:nginx user:/nonexistent:/bin/false'], group: ['nginx:x:101:'] };

function generation(version: string): Generation {
  const [major, minor] = version.split('.').map(Number);
  const at = (m: number) => major > 1 || minor >= m;
  return { entrypoint: at(19), localResolvers: at(25), modernPage: at(23) };
}

function variant(version: string, tags: string[], flavour: 'debian' | 'alpine', sizeBytes: number): ImageVariant {
  const alpine = flavour === 'alpine';
  const g = generation(version);
  return {
    tags,
    vars: {
      version,
      compiler: alpine ? 'gcc 14.2.0 (Alpine 14.2.0) ' : 'gcc 12.2.0 (Debian 12.2.0-14) ',
      pidBase: alpine ? '21' : '29',
      notices: g.entrypoint ? 'yes' : 'no',
      localResolvers: g.localResolvers ? 'yes' : 'no',
    },
    os: alpine ? 'alpine321' : 'debian12',
    sizeBytes,
    config: {
      ...(g.entrypoint ? { entrypoint: ['/docker-entrypoint.sh'] } : {}),
      cmd: ['nginx', '-g', 'daemon off;'],
      env: [
        'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        `NGINX_VERSION=${version}`,
        'NJS_VERSION=0.8.10',
        `PKG_RELEASE=${alpine ? '1' : '1~bookworm'}`,
      ],
      exposedPorts: ['80/tcp'],
      stopSignal: g.entrypoint ? 'SIGQUIT' : 'SIGTERM',
    },
    programs: {
      ...(g.entrypoint ? { '/docker-entrypoint.sh': { behaviour: 'entrypoint' } } : {}),
      '/usr/sbin/nginx': { behaviour: 'nginx' },
      '/usr/sbin/nginx-debug': { behaviour: 'nginx' },
      // The Debian variant installs curl and gettext-base; Alpine relies on busybox wget.
      ...(alpine ? { '/usr/bin/curl': { shell: true } } : { '/usr/bin/curl': { shell: true }, '/usr/bin/envsubst': { shell: true } }),
    },
    files: nginxFiles(g),
    users,
    resources: { idleCpuMillicores: 0, memoryBytes: 7_600_000, cpuMsPerRequest: 0.15 },
  };
}

export const nginxFamily: ImageFamily = {
  registry: 'docker.io',
  repository: 'library/nginx',
  description: 'nginx web server: the welcome page and files under /usr/share/nginx/html on port 80',
  variants: [
    variant('1.27.5', ['1.27.5', '1.27', 'mainline', '1', 'latest', '1.27.5-bookworm', '1.27-bookworm', 'bookworm'], 'debian', 72_099_501),
    variant('1.27.5', ['1.27.5-alpine', '1.27-alpine', 'mainline-alpine', '1-alpine', 'alpine'], 'alpine', 20_984_244),
    variant('1.27.4', ['1.27.4', '1.27.4-bookworm'], 'debian', 72_195_283),
    variant('1.27.4', ['1.27.4-alpine'], 'alpine', 20_910_402),
    variant('1.27.3', ['1.27.3'], 'debian', 72_080_170),
    variant('1.28.0', ['1.28.0', '1.28', 'stable', '1.28.0-bookworm', 'stable-bookworm'], 'debian', 72_233_408),
    variant('1.28.0', ['1.28.0-alpine', '1.28-alpine', 'stable-alpine'], 'alpine', 21_025_932),
    variant('1.26.3', ['1.26.3', '1.26'], 'debian', 70_553_112),
    variant('1.26.3', ['1.26.3-alpine', '1.26-alpine'], 'alpine', 20_401_750),
    variant('1.25.5', ['1.25.5', '1.25'], 'debian', 71_004_228),
    variant('1.25.5', ['1.25.5-alpine', '1.25-alpine'], 'alpine', 18_311_016),
    variant('1.24.0', ['1.24.0', '1.24'], 'debian', 57_003_741),
    variant('1.23.4', ['1.23.4', '1.23'], 'debian', 57_009_521),
    variant('1.21.6', ['1.21.6', '1.21'], 'debian', 56_746_739),
    variant('1.19.10', ['1.19.10', '1.19'], 'debian', 53_642_398),
    // The Kubernetes documentation's Deployment examples use 1.14.2 and 1.16.1.
    variant('1.16.1', ['1.16.1', '1.16'], 'debian', 51_075_213),
    variant('1.14.2', ['1.14.2', '1.14'], 'debian', 44_708_492),
  ],
  behaviours: { entrypoint, nginx },
};
