// docker.io/library/postgres (github.com/docker-library/postgres docker-entrypoint.sh).
//
// First start on an empty $PGDATA: without POSTGRES_PASSWORD (and without
// POSTGRES_HOST_AUTH_METHOD=trust) the entrypoint prints its "Database is uninitialized" error and
// exits 1, so the pod crash-loops. A non-empty $PGDATA without PG_VERSION (a volume's
// lost+found) makes initdb refuse. Otherwise initdb runs, a temporary server starts, the database
// is created when POSTGRES_DB (default: POSTGRES_USER) is not "postgres", files in
// /docker-entrypoint-initdb.d/ are run, the temporary server stops, and the real server starts.
// The data files are written under $PGDATA: on a persistent volume a new pod finds PG_VERSION and
// skips initialization ("appears to contain a database"), and a pod killed without a clean
// shutdown leaves postmaster.pid behind, so the next start runs crash recovery.
// STOPSIGNAL is SIGINT (fast shutdown).
import type { Behaviour, ImageFamily, ImageVariant, Step } from './types.ts';

const PG = '${time.pg}';
const EP = '/usr/local/bin/docker-entrypoint.sh';
const DATA = '${env.PGDATA}';

const uninitialized: Step[] = [
  { sleep: 60 },
  {
    log: [
      'Error: Database is uninitialized and superuser password is not specified.',
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
      '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      '',
      '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
      '       connections without a password. This is *not* recommended.',
      '',
      '       See PostgreSQL documentation about "trust":',
      '       https://www.postgresql.org/docs/current/auth-trust.html',
    ],
    stream: 'stderr',
  },
  { exit: 1 },
];

const initdbHeader: Step = {
  log: [
    'The files belonging to this database system will be owned by user "postgres".',
    'This user must also own the server process.',
    '',
    'The database cluster will be initialized with locale "en_US.utf8".',
    'The default database encoding has accordingly been set to "UTF8".',
    'The default text search configuration will be set to "english".',
    '',
    'Data page checksums are disabled.',
    '',
  ],
};

const notEmpty: Step[] = [
  initdbHeader,
  {
    if: { exists: `${DATA}/lost+found` },
    then: [
      {
        log: [
          `initdb: error: directory "${DATA}" exists but is not empty`,
          'initdb: detail: It contains a lost+found directory, perhaps due to it being a mount point.',
          'initdb: hint: Using a mount point directly as the data directory is not recommended.',
          'Create a subdirectory under the mount point.',
        ],
        stream: 'stderr',
      },
    ],
    else: [
      {
        log: [
          `initdb: error: directory "${DATA}" exists but is not empty`,
          `initdb: hint: If you want to create a new database system, either remove or empty the directory "${DATA}" or run initdb with an argument other than "${DATA}".`,
        ],
        stream: 'stderr',
      },
    ],
  },
  { exit: 1 },
];

const checkpoint = (pid: string): string =>
  `${PG} [${pid}] LOG:  checkpoint complete: wrote 3 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.003 s, sync=0.001 s, total=0.012 s; sync files=2, longest=0.001 s, average=0.001 s; distance=0 kB, estimate=0 kB\${image.checkpointTail}`;

const initialize: Step[] = [
  initdbHeader,
  { mkdir: `${DATA}/base/1` },
  { mkdir: `${DATA}/global` },
  { mkdir: `${DATA}/pg_wal` },
  {
    log: [
      `fixing permissions on existing directory ${DATA} ... ok`,
      'creating subdirectories ... ok',
      'selecting dynamic shared memory implementation ... posix',
      'selecting default "max_connections" ... 100',
      'selecting default "shared_buffers" ... 128MB',
      'selecting default time zone ... Etc/UTC',
      'creating configuration files ... ok',
    ],
  },
  { write: `${DATA}/postgresql.conf`, content: "listen_addresses = '*'\nmax_connections = 100\nshared_buffers = 128MB\n" },
  { write: `${DATA}/pg_hba.conf`, content: 'local   all             all                                     trust\nhost    all             all             all                     ${env.POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}\n' },
  { sleep: 1400 },
  { log: ['running bootstrap script ... ok'] },
  { sleep: 1700 },
  { log: ['performing post-bootstrap initialization ... ok'] },
  { write: `${DATA}/PG_VERSION`, content: '${image.major}\n' },
  { sleep: 400 },
  { log: ['syncing data to disk ... ok', '', '', 'Success. You can now start the database server using:', '', `    pg_ctl -D ${DATA} -l logfile start`, ''] },
  {
    log: [
      'initdb: warning: enabling "trust" authentication for local connections',
      'initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.',
    ],
    stream: 'stderr',
  },
  { log: [`waiting for server to start....${PG} [48] LOG:  starting PostgreSQL \${image.build}`] },
  { log: [`${PG} [48] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`, `${PG} [51] LOG:  database system was shut down at \${time.pgSeconds}`], stream: 'stderr' },
  { sleep: 400 },
  { log: [`${PG} [48] LOG:  database system is ready to accept connections`], stream: 'stderr' },
  { log: [' done', 'server started'] },
  {
    if: { not: { value: '${env.POSTGRES_DB:-${env.POSTGRES_USER:-postgres}}', in: ['postgres'] } },
    then: [{ sleep: 80 }, { log: ['CREATE DATABASE', ''] }],
  },
  { log: [''] },
  {
    if: { nonEmptyDir: '/docker-entrypoint-initdb.d' },
    then: [{ forEachFile: '/docker-entrypoint-initdb.d', steps: [{ log: [`${EP}: running \${file}`, ''] }, { sleep: 50 }] }],
    else: [{ log: [`${EP}: ignoring /docker-entrypoint-initdb.d/*`] }],
  },
  { log: [''] },
  { log: [`waiting for server to shut down....${PG} [48] LOG:  received fast shutdown request`] },
  {
    log: [
      `${PG} [48] LOG:  aborting any active transactions`,
      `${PG} [48] LOG:  background worker "logical replication launcher" (PID 54) exited with exit code 1`,
      `${PG} [49] LOG:  shutting down`,
      `${PG} [49] LOG:  checkpoint starting: shutdown immediate`,
      checkpoint('49'),
      `${PG} [48] LOG:  database system is shut down`,
    ],
    stream: 'stderr',
  },
  { write: `${DATA}/global/pg_control`, content: '${time.pgSeconds}' },
  { log: [' done', 'server stopped', '', 'PostgreSQL init process complete; ready for start up.', ''] },
];

const entrypoint: Behaviour = {
  steps: [
    { if: { arg: 0, prefix: '-' }, then: [{ setArgs: ['postgres', '$@'] }] },
    {
      if: { arg: 0, in: ['postgres'] },
      then: [
        {
          if: { exists: `${DATA}/PG_VERSION` },
          then: [{ log: ['', 'PostgreSQL Database directory appears to contain a database; Skipping initialization', ''] }],
          else: [
            {
              if: { all: [{ env: 'POSTGRES_PASSWORD', is: 'unset' }, { not: { value: '${env.POSTGRES_HOST_AUTH_METHOD}', in: ['trust'] } }] },
              then: uninitialized,
            },
            { if: { nonEmptyDir: DATA }, then: notEmpty },
            { mkdir: DATA },
            ...initialize,
          ],
        },
      ],
    },
    { exec: true },
  ],
};

const postgres: Behaviour = {
  steps: [
    { if: { any: [{ flag: '-V' }, { flag: '--version' }] }, then: [{ log: ['postgres (PostgreSQL) ${image.version}${image.versionSuffix}'] }, { exit: 0 }] },
    { sleep: 40 },
    {
      log: [
        `${PG} [1] LOG:  starting PostgreSQL \${image.build}`,
        `${PG} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`,
        `${PG} [1] LOG:  listening on IPv6 address "::", port 5432`,
        `${PG} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`,
      ],
      stream: 'stderr',
    },
    {
      if: { exists: `${DATA}/postmaster.pid` },
      then: [
        {
          log: [
            `${PG} [29] LOG:  database system was interrupted; last known up at \${read.${DATA}/global/pg_control}`,
            `${PG} [29] LOG:  database system was not properly shut down; automatic recovery in progress`,
            `${PG} [29] LOG:  redo starts at 0/1A3B6C8`,
            `${PG} [29] LOG:  invalid record length at 0/1A3B7B0: expected at least 24, got 0`,
            `${PG} [29] LOG:  redo done at 0/1A3B778 system usage: CPU: user: 0.00 s, system: 0.00 s, elapsed: 0.00 s`,
            `${PG} [27] LOG:  checkpoint starting: end-of-recovery immediate wait`,
            checkpoint('27'),
          ],
          stream: 'stderr',
        },
        { sleep: 300 },
      ],
      else: [{ log: [`${PG} [29] LOG:  database system was shut down at \${read.${DATA}/global/pg_control:-\${time.pgSeconds}}`], stream: 'stderr' }],
    },
    { write: `${DATA}/postmaster.pid`, content: '1\n${env.PGDATA}\n${time.unix}\n5432\n/var/run/postgresql\n*\n' },
    { write: `${DATA}/global/pg_control`, content: '${time.pgSeconds}' },
    { listen: ['5432'] },
    { log: [`${PG} [1] LOG:  database system is ready to accept connections`], stream: 'stderr' },
    { serve: true },
  ],
  signals: {
    SIGINT: { steps: shutdown('fast'), exitCode: 0 },
    SIGTERM: { steps: shutdown('smart'), exitCode: 0 },
  },
};

function shutdown(kind: 'fast' | 'smart'): Step[] {
  return [
    {
      log: [
        `${PG} [1] LOG:  received ${kind} shutdown request`,
        ...(kind === 'fast' ? [`${PG} [1] LOG:  aborting any active transactions`] : []),
        `${PG} [1] LOG:  background worker "logical replication launcher" (PID 32) exited with exit code 1`,
        `${PG} [27] LOG:  shutting down`,
        `${PG} [27] LOG:  checkpoint starting: shutdown immediate`,
      ],
      stream: 'stderr',
    },
    { sleep: 60 },
    { log: [checkpoint('27'), `${PG} [1] LOG:  database system is shut down`], stream: 'stderr' },
    { write: `${DATA}/global/pg_control`, content: '${time.pgSeconds}' },
    { remove: `${DATA}/postmaster.pid` },
  ];
}

function variant(version: string, tags: string[], alpine: boolean, sizeBytes: number): ImageVariant {
  const major = version.split('.')[0];
  const build = alpine
    ? `${version} on x86_64-pc-linux-musl, compiled by gcc (Alpine 14.2.0) 14.2.0, 64-bit`
    : `${version} (Debian ${version}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`;
  return {
    tags,
    vars: {
      version,
      major,
      build,
      versionSuffix: alpine ? '' : ` (Debian ${version}-1.pgdg120+1)`,
      // PostgreSQL 17 added the LSNs to the checkpoint message.
      checkpointTail: Number(major) >= 17 ? '; lsn=0/1A3B7B0, redo lsn=0/1A3B7B0' : '',
    },
    os: alpine ? 'alpine321' : 'debian12',
    sizeBytes,
    config: {
      entrypoint: ['docker-entrypoint.sh'],
      cmd: ['postgres'],
      env: [
        `PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${alpine ? '' : `:/usr/lib/postgresql/${major}/bin`}`,
        'GOSU_VERSION=1.17',
        'LANG=en_US.utf8',
        `PG_MAJOR=${major}`,
        `PG_VERSION=${version}${alpine ? '' : '-1.pgdg120+1'}`,
        'PGDATA=/var/lib/postgresql/data',
      ],
      exposedPorts: ['5432/tcp'],
      stopSignal: 'SIGINT',
    },
    programs: {
      '/usr/local/bin/docker-entrypoint.sh': { behaviour: 'entrypoint' },
      [alpine ? '/usr/local/bin/postgres' : `/usr/lib/postgresql/${major}/bin/postgres`]: { behaviour: 'postgres' },
      [alpine ? '/usr/local/bin/psql' : `/usr/lib/postgresql/${major}/bin/psql`]: { shell: true },
      [alpine ? '/usr/local/bin/pg_isready' : `/usr/lib/postgresql/${major}/bin/pg_isready`]: { shell: true },
      [alpine ? '/usr/local/bin/pg_dump' : `/usr/lib/postgresql/${major}/bin/pg_dump`]: { shell: true },
      '/usr/local/bin/gosu': { shell: true },
    },
    files: [
      { path: '/var/lib/postgresql/data', type: 'dir', mode: 0o700, uid: 999, gid: 999 },
      { path: '/var/run/postgresql', type: 'dir', mode: 0o3777, uid: 999, gid: 999 },
      { path: '/docker-entrypoint-initdb.d', type: 'dir' },
    ],
    users: { passwd: ['postgres:x:999:999::/var/lib/postgresql:/bin/bash'], group: ['postgres:x:999:'] },
    resources: { idleCpuMillicores: 3, memoryBytes: 38_000_000, cpuMsPerRequest: 1 },
  };
}

export const postgresFamily: ImageFamily = {
  registry: 'docker.io',
  repository: 'library/postgres',
  description: 'PostgreSQL on port 5432; needs POSTGRES_PASSWORD on first start; data under $PGDATA',
  variants: [
    variant('17.4', ['17.4', '17', 'latest', '17.4-bookworm', '17-bookworm', 'bookworm'], false, 160_612_345),
    variant('17.4', ['17.4-alpine', '17-alpine', 'alpine', '17.4-alpine3.21', '17-alpine3.21'], true, 110_312_978),
    variant('16.8', ['16.8', '16', '16.8-bookworm', '16-bookworm'], false, 159_224_066),
    variant('16.8', ['16.8-alpine', '16-alpine'], true, 104_993_715),
    variant('15.12', ['15.12', '15', '15-bookworm'], false, 153_012_112),
    variant('15.12', ['15.12-alpine', '15-alpine'], true, 99_812_374),
    variant('14.17', ['14.17', '14'], false, 151_440_223),
    variant('13.20', ['13.20', '13'], false, 149_027_941),
  ],
  behaviours: { entrypoint, postgres },
};
