// docker.io/library/mysql (github.com/docker-library/mysql, Oracle Linux 9 based). The
// entrypoint logs "[Note] [Entrypoint]" lines, switches to the mysql user (logging its start line
// again), and on an uninitialized /var/lib/mysql requires one of MYSQL_ROOT_PASSWORD,
// MYSQL_ALLOW_EMPTY_PASSWORD, MYSQL_RANDOM_ROOT_PASSWORD (else the "[ERROR] [Entrypoint]:
// Database is uninitialized and password option is not specified" block and exit 1). It then
// initializes the data directory with a temporary server, creates MYSQL_DATABASE and MYSQL_USER,
// and starts mysqld on 3306 (X Protocol on 33060). Data lives in /var/lib/mysql.
import type { Behaviour, ImageFamily, ImageVariant, Step } from './types.ts';

const EP = '${time.mysqlEntrypoint} [Note] [Entrypoint]:';
const T = '${time.mysql}';
const DATADIR = '/var/lib/mysql';

const mysqldStart = (pid: string): Step[] => [
  {
    log: [
      `${T} 0 [System] [MY-015015] [Server] MySQL Server - start.`,
      `${T} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld \${image.version}) starting as process ${pid}`,
      `${T} 1 [System] [MY-013576] [InnoDB] InnoDB initialization has started.`,
    ],
  },
  { sleep: 700 },
  {
    log: [
      `${T} 1 [System] [MY-013577] [InnoDB] InnoDB initialization has ended.`,
      `${T} 0 [Warning] [MY-010068] [Server] CA certificate ca.pem is self signed.`,
      `${T} 0 [System] [MY-013602] [Server] Channel mysql_main configured to support TLS. Encrypted connections are now supported for this channel.`,
      `${T} 0 [Warning] [MY-011810] [Server] Insecure configuration for --pid-file: Location '/var/run/mysqld' in the path is accessible to all OS users. Consider choosing a different directory.`,
    ],
  },
];

const entrypoint: Behaviour = {
  steps: [
    { if: { arg: 0, prefix: '-' }, then: [{ setArgs: ['mysqld', '$@'] }] },
    {
      if: { arg: 0, in: ['mysqld'] },
      then: [
        { log: [`${EP} Entrypoint script for MySQL Server \${image.package} started.`] },
        { sleep: 400 },
        { log: [`${EP} Switching to dedicated user 'mysql'`, `${EP} Entrypoint script for MySQL Server \${image.package} started.`] },
        {
          if: { not: { exists: `${DATADIR}/mysql` } },
          then: [
            {
              if: { all: [{ env: 'MYSQL_ROOT_PASSWORD', is: 'unset' }, { env: 'MYSQL_ALLOW_EMPTY_PASSWORD', is: 'unset' }, { env: 'MYSQL_RANDOM_ROOT_PASSWORD', is: 'unset' }] },
              then: [
                { sleep: 500 },
                {
                  log: [
                    '${time.mysqlEntrypoint} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified',
                    '    You need to specify one of the following as an environment variable:',
                    '    - MYSQL_ROOT_PASSWORD',
                    '    - MYSQL_ALLOW_EMPTY_PASSWORD',
                    '    - MYSQL_RANDOM_ROOT_PASSWORD',
                  ],
                  stream: 'stderr',
                },
                { exit: 1 },
              ],
            },
            { log: [`${EP} Initializing database files`] },
            { mkdir: `${DATADIR}/mysql` },
            { mkdir: `${DATADIR}/sys` },
            { mkdir: `${DATADIR}/performance_schema` },
            { write: `${DATADIR}/auto.cnf`, content: '[auto]\nserver-uuid=${random.hex16}\n' },
            { write: `${DATADIR}/ibdata1`, content: '' },
            { sleep: 6000 },
            { log: [`${EP} Database files initialized`, `${EP} Starting temporary server`] },
            ...mysqldStart('81'),
            { log: [`${T} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '\${image.version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 0  MySQL Community Server - GPL.`] },
            { log: [`${EP} Temporary server started.`, `'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'`] },
            { sleep: 1500 },
            {
              if: { env: 'MYSQL_RANDOM_ROOT_PASSWORD', is: 'set' },
              then: [{ log: ['${time.mysqlEntrypoint} [Note] [Entrypoint]: GENERATED ROOT PASSWORD: ${random.password}'] }],
            },
            { if: { env: 'MYSQL_DATABASE', is: 'set' }, then: [{ log: [`${EP} Creating database \${env.MYSQL_DATABASE}`] }, { mkdir: `${DATADIR}/\${env.MYSQL_DATABASE}` }] },
            {
              if: { all: [{ env: 'MYSQL_USER', is: 'set' }, { env: 'MYSQL_PASSWORD', is: 'set' }] },
              then: [
                { log: [`${EP} Creating user \${env.MYSQL_USER}`] },
                { if: { env: 'MYSQL_DATABASE', is: 'set' }, then: [{ log: [`${EP} Giving user \${env.MYSQL_USER} access to schema \${env.MYSQL_DATABASE}`] }] },
              ],
            },
            { log: [''] },
            {
              if: { nonEmptyDir: '/docker-entrypoint-initdb.d' },
              then: [{ forEachFile: '/docker-entrypoint-initdb.d', steps: [{ log: [`${EP} /usr/local/bin/docker-entrypoint.sh: running \${file}`] }] }],
            },
            { log: [''] },
            { log: [`${EP} Stopping temporary server`] },
            {
              log: [
                `${T} 13 [System] [MY-013172] [Server] Received SHUTDOWN from user root. Shutting down mysqld (Version: \${image.version}).`,
                `${T} 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld \${image.version})  MySQL Community Server - GPL.`,
              ],
            },
            { sleep: 1200 },
            { log: [`${EP} Temporary server stopped`, '', `${EP} MySQL init process done. Ready for start up.`, ''] },
          ],
        },
      ],
    },
    { exec: true },
  ],
};

const mysqld: Behaviour = {
  steps: [
    { if: { any: [{ flag: '--version' }, { flag: '-V' }] }, then: [{ log: ['/usr/sbin/mysqld  Ver ${image.version} for Linux on x86_64 (MySQL Community Server - GPL)'] }, { exit: 0 }] },
    { sleep: 200 },
    ...mysqldStart('1'),
    { listen: ['3306', '33060'] },
    {
      log: [
        `${T} 0 [System] [MY-011323] [Server] X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock`,
        `${T} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '\${image.version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`,
      ],
    },
    { serve: true },
  ],
  signals: {
    SIGTERM: {
      steps: [
        { log: [`${T} 0 [System] [MY-013172] [Server] Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: \${image.version}).`] },
        { sleep: 1500 },
        { log: [`${T} 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld \${image.version})  MySQL Community Server - GPL.`] },
      ],
      exitCode: 0,
    },
  },
};

function variant(version: string, tags: string[], sizeBytes: number): ImageVariant {
  return {
    tags,
    vars: { version, package: `${version}-1.el9` },
    os: 'oraclelinux9',
    sizeBytes,
    config: {
      entrypoint: ['docker-entrypoint.sh'],
      cmd: ['mysqld'],
      env: [
        'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'GOSU_VERSION=1.17',
        `MYSQL_MAJOR=${version.split('.').slice(0, 2).join('.')}`,
        `MYSQL_VERSION=${version}-1.el9`,
        'MYSQL_SHELL_VERSION=9.3.0-1.el9',
      ],
      exposedPorts: ['3306/tcp', '33060/tcp'],
    },
    programs: {
      '/usr/local/bin/docker-entrypoint.sh': { behaviour: 'entrypoint' },
      '/usr/sbin/mysqld': { behaviour: 'mysqld' },
      '/usr/bin/mysql': { shell: true },
      '/usr/bin/mysqladmin': { shell: true },
      '/usr/bin/mysqldump': { shell: true },
      '/usr/local/bin/gosu': { shell: true },
    },
    files: [
      { path: DATADIR, type: 'dir', mode: 0o700, uid: 999, gid: 999 },
      { path: '/var/run/mysqld', type: 'dir', mode: 0o1777, uid: 999, gid: 999 },
      { path: '/docker-entrypoint-initdb.d', type: 'dir' },
      { path: '/etc/my.cnf', content: '[mysqld]\nhost-cache-size=0\nskip-name-resolve\ndatadir=/var/lib/mysql\nsocket=/var/run/mysqld/mysqld.sock\nsecure-file-priv=/var/lib/mysql-files\nuser=mysql\n\npid-file=/var/run/mysqld/mysqld.pid\n[client]\nsocket=/var/run/mysqld/mysqld.sock\n\n!includedir /etc/mysql/conf.d/\n' },
    ],
    users: { passwd: ['mysql:x:999:999::/var/lib/mysql:/bin/bash'], group: ['mysql:x:999:'] },
    resources: { idleCpuMillicores: 5, memoryBytes: 395_000_000, cpuMsPerRequest: 1 },
  };
}

export const mysqlFamily: ImageFamily = {
  registry: 'docker.io',
  repository: 'library/mysql',
  description: 'MySQL on port 3306; needs MYSQL_ROOT_PASSWORD (or ALLOW_EMPTY/RANDOM) on first start; data in /var/lib/mysql',
  variants: [
    variant('9.3.0', ['9.3.0', '9.3', '9', 'innovation', 'latest', 'oraclelinux9'], 257_410_889),
    variant('8.4.5', ['8.4.5', '8.4', '8', 'lts', '8.4-oraclelinux9'], 236_031_405),
    variant('8.0.42', ['8.0.42', '8.0', '8.0-oraclelinux9'], 233_119_302),
  ],
  behaviours: { entrypoint, mysqld },
};
