// docker.io/library/redis (github.com/docker-library/redis), 7.x. The entrypoint puts
// `redis-server` in front of arguments that are options or a .conf file, then execs it. Redis
// prints its start banner (the memory-overcommit warning nodes usually trigger, "Redis is
// starting", version, "no config file specified" only when started without any argument),
// loads /data/dump.rdb or the append-only files if a previous run left them (on a persistent
// volume they survive the pod), and accepts connections on 6379 (or `--port`). `--appendonly yes`
// creates /data/appendonlydir. On SIGTERM it saves /data/dump.rdb and exits 0.
import type { Behaviour, ImageFamily, ImageVariant } from './types.ts';

const C = '1:C ${time.redis}';
const M = '1:M ${time.redis}';

const entrypoint: Behaviour = {
  steps: [
    { if: { any: [{ arg: 0, prefix: '-' }, { value: '${arg.0}', in: ['/usr/local/etc/redis/redis.conf', '/etc/redis/redis.conf', 'redis.conf'] }] }, then: [{ setArgs: ['redis-server', '$@'] }] },
    { exec: true },
  ],
};

const server: Behaviour = {
  steps: [
    { if: { any: [{ flag: '-v' }, { flag: '--version' }] }, then: [{ log: ['Redis server v=${image.version} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=${image.build}'] }, { exit: 0 }] },
    {
      log: [
        `${C} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.`,
        `${C} \${image.noticeMark} oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
        `${C} \${image.noticeMark} Redis version=\${image.version}, bits=64, commit=00000000, modified=0, pid=1, just started`,
      ],
    },
    {
      if: { arg: 0 },
      then: [{ log: [`${C} * Configuration loaded`] }],
      else: [{ log: [`${C} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`] }],
    },
    { sleep: 2 },
    { log: [`${M} * monotonic clock: POSIX clock_gettime`, `${M} * Running mode=standalone, port=\${flag.--port:-6379}.`, `${M} * Server initialized`] },
    {
      if: { flag: '--appendonly', contains: 'yes' },
      then: [
        {
          if: { exists: '/data/appendonlydir/appendonly.aof.manifest' },
          then: [{ log: [`${M} * Reading RDB base file on AOF loading...`, `${M} * DB loaded from append only file: 0.000 seconds`] }],
          else: [
            { mkdir: '/data/appendonlydir' },
            { write: '/data/appendonlydir/appendonly.aof.1.base.rdb', content: 'REDIS0011' },
            { write: '/data/appendonlydir/appendonly.aof.1.incr.aof', content: '' },
            { write: '/data/appendonlydir/appendonly.aof.manifest', content: 'file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n' },
            { log: [`${M} * Creating AOF base file appendonly.aof.1.base.rdb on server start`, `${M} * Creating AOF incr file appendonly.aof.1.incr.aof on server start`] },
          ],
        },
      ],
      else: [
        {
          if: { exists: '/data/dump.rdb' },
          then: [
            {
              log: [
                `${M} * Loading RDB produced by version \${image.version}`,
                `${M} * RDB age 12 seconds`,
                `${M} * RDB memory usage when created 0.90 Mb`,
                `${M} * Done loading RDB, keys loaded: 0, keys expired: 0.`,
                `${M} * DB loaded from disk: 0.000 seconds`,
              ],
            },
          ],
        },
      ],
    },
    { listen: ['${flag.--port:-6379}'] },
    { log: [`${M} * Ready to accept connections\${image.readySuffix}`] },
    { serve: true },
  ],
  signals: {
    SIGTERM: {
      steps: [
        { log: ['1:signal-handler (${time.unix}) Received SIGTERM scheduling shutdown...'] },
        { sleep: 100 },
        { log: [`${M} * User requested shutdown...`, `${M} * Saving the final RDB snapshot before exiting.`] },
        { write: '/data/dump.rdb', content: 'REDIS0011' },
        { log: [`${M} * DB saved on disk`, `${M} # Redis is now ready to exit, bye bye...`] },
      ],
      exitCode: 0,
    },
    SIGINT: {
      steps: [
        { log: ['1:signal-handler (${time.unix}) Received SIGINT scheduling shutdown...'] },
        { log: [`${M} * User requested shutdown...`, `${M} * Saving the final RDB snapshot before exiting.`] },
        { write: '/data/dump.rdb', content: 'REDIS0011' },
        { log: [`${M} * DB saved on disk`, `${M} # Redis is now ready to exit, bye bye...`] },
      ],
      exitCode: 0,
    },
  },
};

function variant(version: string, tags: string[], alpine: boolean, sizeBytes: number): ImageVariant {
  return {
    tags,
    vars: {
      version,
      build: alpine ? '7f1fd4a3b1a4c7b3' : 'a8d0f3c6a2b5e9d1',
      // Redis 6 marks the banner as a warning (#); 7.2 added the listener type to "Ready".
      noticeMark: version.startsWith('6.') ? '#' : '*',
      readySuffix: version.startsWith('7.0') || version.startsWith('6.') ? '' : ' tcp',
    },
    os: alpine ? 'alpine321' : 'debian12',
    sizeBytes,
    config: {
      entrypoint: ['docker-entrypoint.sh'],
      cmd: ['redis-server'],
      env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'GOSU_VERSION=1.17', `REDIS_VERSION=${version}`],
      workingDir: '/data',
      exposedPorts: ['6379/tcp'],
    },
    programs: {
      '/usr/local/bin/docker-entrypoint.sh': { behaviour: 'entrypoint' },
      '/usr/local/bin/redis-server': { behaviour: 'redis-server' },
      '/usr/local/bin/redis-cli': { shell: true },
      '/usr/local/bin/redis-benchmark': { shell: true },
      '/usr/local/bin/gosu': { shell: true },
    },
    files: [{ path: '/data', type: 'dir', uid: 999, gid: 999 }],
    users: { passwd: ['redis:x:999:999::/home/redis:/usr/sbin/nologin'], group: ['redis:x:999:'] },
    resources: { idleCpuMillicores: 2, memoryBytes: 3_400_000, cpuMsPerRequest: 0.05 },
  };
}

export const redisFamily: ImageFamily = {
  registry: 'docker.io',
  repository: 'library/redis',
  description: 'Redis 7 on port 6379; data in /data (dump.rdb on shutdown, appendonlydir with --appendonly yes)',
  variants: [
    variant('7.4.2', ['7.4.2', '7.4', '7', 'latest', '7.4.2-bookworm', 'bookworm'], false, 45_016_294),
    variant('7.4.2', ['7.4.2-alpine', '7.4-alpine', '7-alpine', 'alpine'], true, 17_223_101),
    variant('7.2.7', ['7.2.7', '7.2'], false, 40_552_611),
    variant('7.2.7', ['7.2.7-alpine', '7.2-alpine'], true, 16_118_320),
    variant('7.0.15', ['7.0.15', '7.0'], false, 40_001_945),
    variant('6.2.17', ['6.2.17', '6.2', '6'], false, 38_730_822),
    variant('6.2.17', ['6.2.17-alpine', '6.2-alpine', '6-alpine'], true, 12_014_532),
  ],
  behaviours: { entrypoint, 'redis-server': server },
};
