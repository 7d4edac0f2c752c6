// docker.io/library/rabbitmq (github.com/docker-library/rabbitmq, Ubuntu 24.04 based). The node is
// named rabbit@<hostname> and keeps its state in /var/lib/rabbitmq/mnesia/rabbit@<hostname>: a
// StatefulSet pod keeps its hostname and so its data on a volume, a Deployment pod does not. Boot
// takes several seconds and prints the banner; AMQP listens on 5672 once "Server startup
// complete". The -management tags add the management UI on 15672. RABBITMQ_DEFAULT_USER/PASS
// create the first user (default guest/guest, which may only connect from localhost).
import type { Behaviour, ImageFamily, ImageVariant } from './types.ts';

const R = '${time.rabbit}';
const NODE = 'rabbit@${pod.hostname}';
const MNESIA = `/var/lib/rabbitmq/mnesia/${NODE}`;

const entrypoint: Behaviour = {
  steps: [{ if: { arg: 0, prefix: '-' }, then: [{ setArgs: ['rabbitmq-server', '$@'] }] }, { exec: true }],
};

const server: Behaviour = {
  steps: [
    { sleep: 1500 },
    {
      log: [
        `${R} [notice] <0.45.0> Application syslog exited with reason: stopped`,
        `${R} [notice] <0.248.0> Logging: switching to configured handler(s); following messages may not be visible in this log output`,
        `${R} [info] <0.254.0> `,
        `${R} [info] <0.254.0>  Starting RabbitMQ \${image.version} on Erlang \${image.erlang} [jit]`,
        `${R} [info] <0.254.0>  Copyright (c) 2007-\${image.copyrightYear} Broadcom Inc and/or its subsidiaries`,
        `${R} [info] <0.254.0>  Licensed under the MPL 2.0. Website: https://rabbitmq.com`,
        '',
        '  ##  ##      RabbitMQ ${image.version}',
        '  ##  ##',
        '  ##########  Copyright (c) 2007-${image.copyrightYear} Broadcom Inc and/or its subsidiaries',
        '  ######  ##',
        '  ##########  Licensed under the MPL 2.0. Website: https://rabbitmq.com',
        '',
        '  Erlang:      ${image.erlang} [jit]',
        '  TLS Library: OpenSSL - ${image.openssl}',
        '  Release series support status: see https://www.rabbitmq.com/release-information',
        '',
        '  Doc guides:  https://www.rabbitmq.com/docs',
        '  Support:     https://www.rabbitmq.com/docs/contact',
        '  Tutorials:   https://www.rabbitmq.com/tutorials',
        '  Monitoring:  https://www.rabbitmq.com/docs/monitoring',
        '  Upgrading:   https://www.rabbitmq.com/docs/upgrade',
        '',
        '  Logs: <stdout>',
        '',
        '  Config file(s): /etc/rabbitmq/conf.d/10-defaults.conf',
        '',
        `  Starting broker...${R} [info] <0.254.0> `,
        `${R} [info] <0.254.0>  node           : ${NODE}`,
        `${R} [info] <0.254.0>  home dir       : /var/lib/rabbitmq`,
        `${R} [info] <0.254.0>  config file(s) : /etc/rabbitmq/conf.d/10-defaults.conf`,
        `${R} [info] <0.254.0>  cookie hash    : \${random.hex16}`,
        `${R} [info] <0.254.0>  log(s)         : <stdout>`,
        `${R} [info] <0.254.0>  data dir       : ${MNESIA}`,
      ],
    },
    {
      if: { exists: MNESIA },
      then: [{ log: [`${R} [info] <0.248.0> Node database directory at ${MNESIA} is not empty, will not start as a new node`] }],
      else: [
        { mkdir: MNESIA },
        { write: `${MNESIA}/cluster_nodes.config`, content: `{['${NODE}'],['${NODE}']}.\n` },
        { log: [`${R} [info] <0.248.0> Node database directory at ${MNESIA} is empty. Assuming we need to join an existing cluster or initialise from scratch...`] },
        { log: [`${R} [info] <0.248.0> Creating user '\${env.RABBITMQ_DEFAULT_USER:-guest}'`, `${R} [info] <0.248.0> Setting user tags for user '\${env.RABBITMQ_DEFAULT_USER:-guest}' to [administrator]`, `${R} [info] <0.248.0> Adding vhost '/' (description: 'Default virtual host', tags: [])`] },
      ],
    },
    { sleep: 3500 },
    { listen: ['4369', '25672', '5672', '15692'] },
    {
      log: [
        `${R} [info] <0.601.0> Ready to start client connection listeners`,
        `${R} [info] <0.641.0> started TCP listener on [::]:5672`,
      ],
    },
    {
      if: { value: '${image.management}', in: ['yes'] },
      then: [
        { listen: ['15672'] },
        { log: [`${R} [info] <0.678.0> Management plugin: HTTP (non-TLS) listener started on port 15672`, `${R} [info] <0.705.0> Statistics database started.`] },
      ],
    },
    { log: [`${R} [info] <0.601.0> Server startup complete; \${image.plugins} plugins started.`, `${R} [info] <0.601.0>  * rabbitmq_prometheus`] },
    {
      if: { value: '${image.management}', in: ['yes'] },
      then: [
        {
          log: [
            `${R} [info] <0.601.0>  * rabbitmq_management`,
            `${R} [info] <0.601.0>  * rabbitmq_management_agent`,
            `${R} [info] <0.601.0>  * rabbitmq_web_dispatch`,
          ],
        },
      ],
    },
    { log: [' completed with ${image.plugins} plugins.'] },
    { serve: true },
  ],
  http: {
    port: '15672',
    routes: [
      {
        path: '/api/*',
        answer: {
          status: 401,
          contentType: 'application/json',
          headers: { 'www-authenticate': 'Basic realm="RabbitMQ Management"', vary: 'origin' },
          body: '{"error":"not_authorized","reason":"Not_Authorized"}',
        },
      },
    ],
    fallback: {
      status: 200,
      contentType: 'text/html',
      headers: { vary: 'origin' },
      body: '<!DOCTYPE html>\n<html>\n  <head>\n    <title>RabbitMQ Management</title>\n  </head>\n  <body>\n    <div id="outer"></div>\n  </body>\n</html>\n',
    },
  },
  signals: {
    SIGTERM: {
      steps: [
        { log: [`${R} [info] <0.92.0> RabbitMQ is asked to stop...`, `${R} [info] <0.92.0> Stopping RabbitMQ applications and their dependencies in the following order:`] },
        { sleep: 1200 },
        { log: [`${R} [info] <0.92.0> Successfully stopped RabbitMQ and its dependencies`, `${R} [info] <0.92.0> Halting Erlang VM with the following applications:`] },
      ],
      exitCode: 0,
    },
  },
};

function variant(version: string, tags: string[], management: boolean, sizeBytes: number): ImageVariant {
  return {
    tags,
    vars: {
      version,
      // Erlang/OpenSSL as the official images of the time ship them (banners in recorded logs).
      erlang: version.startsWith('3.') ? '26.2.5.16' : '27.3.3',
      openssl: version.startsWith('3.') ? 'OpenSSL 3.1.8 11 Feb 2025' : 'OpenSSL 3.3.3 11 Feb 2025',
      copyrightYear: version.startsWith('4.1') ? '2025' : '2024',
      management: management ? 'yes' : 'no',
      plugins: management ? '4' : '1',
    },
    os: 'ubuntu2404',
    sizeBytes,
    config: {
      entrypoint: ['docker-entrypoint.sh'],
      cmd: ['rabbitmq-server'],
      env: [
        'PATH=/opt/rabbitmq/sbin:/opt/erlang/bin:/opt/openssl/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'ERLANG_INSTALL_PATH_PREFIX=/opt/erlang',
        'OPENSSL_INSTALL_PATH_PREFIX=/opt/openssl',
        `RABBITMQ_VERSION=${version}`,
        'RABBITMQ_HOME=/opt/rabbitmq',
        'HOME=/var/lib/rabbitmq',
        'LANG=C.UTF-8',
        'LANGUAGE=C.UTF-8',
        'LC_ALL=C.UTF-8',
      ],
      exposedPorts: ['4369/tcp', '5671/tcp', '5672/tcp', '15691/tcp', '15692/tcp', '25672/tcp', ...(management ? ['15671/tcp', '15672/tcp'] : [])],
    },
    programs: {
      '/usr/local/bin/docker-entrypoint.sh': { behaviour: 'entrypoint' },
      '/opt/rabbitmq/sbin/rabbitmq-server': { behaviour: 'rabbitmq-server' },
      '/opt/rabbitmq/sbin/rabbitmqctl': { shell: true },
      '/opt/rabbitmq/sbin/rabbitmq-diagnostics': { shell: true },
      '/opt/rabbitmq/sbin/rabbitmq-plugins': { shell: true },
    },
    files: [
      { path: '/var/lib/rabbitmq', type: 'dir', uid: 999, gid: 999 },
      { path: '/var/lib/rabbitmq/mnesia', type: 'dir', uid: 999, gid: 999 },
      { path: '/etc/rabbitmq/conf.d/10-defaults.conf', content: '## DEFAULT SETTINGS ARE NOT MEANT TO BE TAKEN STRAIGHT INTO PRODUCTION\n## see https://www.rabbitmq.com/configure.html for further information\n## on configuring RabbitMQ\n\n## allow access to the guest user from anywhere on the network\n## https://www.rabbitmq.com/access-control.html#loopback-users\n## https://www.rabbitmq.com/production-checklist.html#users\nloopback_users.guest = false\n\n## Send all logs to stdout/TTY. Necessary to see logs when running via\n## a container\nlog.console = true\n' },
      { path: '/etc/rabbitmq/enabled_plugins', content: management ? '[rabbitmq_management,rabbitmq_prometheus].\n' : '[rabbitmq_prometheus].\n' },
    ],
    users: { passwd: ['rabbitmq:x:999:999::/var/lib/rabbitmq:/usr/sbin/nologin'], group: ['rabbitmq:x:999:'] },
    resources: { idleCpuMillicores: 12, memoryBytes: management ? 135_000_000 : 110_000_000, cpuMsPerRequest: 2 },
  };
}

export const rabbitmqFamily: ImageFamily = {
  registry: 'docker.io',
  repository: 'library/rabbitmq',
  description: 'RabbitMQ: AMQP on 5672 after a few seconds of boot; -management tags add the UI on 15672',
  variants: [
    variant('4.1.0', ['4.1.0', '4.1', '4', 'latest'], false, 106_314_702),
    variant('4.1.0', ['4.1.0-management', '4.1-management', '4-management', 'management'], true, 132_802_119),
    variant('4.0.9', ['4.0.9', '4.0'], false, 105_991_044),
    variant('4.0.9', ['4.0.9-management', '4.0-management'], true, 132_411_930),
    variant('3.13.7', ['3.13.7', '3.13', '3'], false, 96_220_561),
    variant('3.13.7', ['3.13.7-management', '3.13-management', '3-management'], true, 120_914_277),
  ],
  behaviours: { entrypoint, 'rabbitmq-server': server },
};
