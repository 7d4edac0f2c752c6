// What each base distribution puts in an image: /etc/os-release, users, the directories every
// image has, and which utilities exist where. Presence matters to learners: `ps` is missing from
// the Debian-based nginx image, busybox has `wget` but no `curl`, distroless has no shell at all.
// The shell (../../shell/) implements the utilities; this file only says which are installed.
//
// Contents are those of the real base images as of the catalogue's snapshot (README.md).
import type { ImageFile, OsId, ProgramRef } from './types.ts';

export interface OsLayer {
  /** Files and directories of the base image. */
  files: ImageFile[];
  /** Executables the shell runs, by absolute path. */
  programs: Record<string, ProgramRef>;
  passwd: string[];
  group: string[];
}

const SHELL: ProgramRef = { shell: true };

function at(dir: string, names: readonly string[]): Record<string, ProgramRef> {
  return Object.fromEntries(names.map((n) => [`${dir}/${n}`, SHELL]));
}

const commonDirs: ImageFile[] = [
  { path: '/tmp', type: 'dir', mode: 0o1777 },
  { path: '/var/tmp', type: 'dir', mode: 0o1777 },
  { path: '/root', type: 'dir', mode: 0o700 },
  { path: '/home', type: 'dir' },
  { path: '/etc', type: 'dir' },
  { path: '/usr/local/bin', type: 'dir' },
  { path: '/var/log', type: 'dir' },
  { path: '/run', type: 'dir' },
  { path: '/dev', type: 'dir' },
  { path: '/proc', type: 'dir', mode: 0o555 },
  { path: '/sys', type: 'dir', mode: 0o555 },
];

/** Busybox applets in the busybox image (all in /bin) and in Alpine (/bin, /sbin, /usr/bin). */
export const BUSYBOX_APPLETS = [
  '[', 'ash', 'awk', 'base64', 'basename', 'cat', 'chgrp', 'chmod', 'chown', 'cp', 'cut', 'date', 'dd', 'df',
  'dirname', 'dmesg', 'du', 'echo', 'egrep', 'env', 'expr', 'false', 'fgrep', 'find', 'free', 'grep', 'gunzip',
  'gzip', 'head', 'hexdump', 'hostname', 'id', 'ifconfig', 'ip', 'kill', 'killall', 'less', 'ln', 'ls', 'md5sum',
  'mkdir', 'more', 'mount', 'mv', 'nc', 'netstat', 'nohup', 'nslookup', 'od', 'ping', 'printenv', 'printf', 'ps',
  'pwd', 'readlink', 'realpath', 'rm', 'rmdir', 'route', 'sed', 'seq', 'sh', 'sha1sum', 'sha256sum', 'sleep',
  'sort', 'stat', 'su', 'sync', 'tail', 'tar', 'tee', 'telnet', 'test', 'timeout', 'top', 'touch', 'tr',
  'traceroute', 'true', 'umount', 'uname', 'uniq', 'uptime', 'usleep', 'vi', 'watch', 'wc', 'wget', 'which',
  'whoami', 'xargs', 'yes',
] as const;

const alpineUsrBin = new Set([
  'awk', 'base64', 'basename', 'cut', 'dirname', 'du', 'env', 'expr', 'find', 'free', 'head', 'hexdump', 'id',
  'killall', 'less', 'md5sum', 'nc', 'nohup', 'nslookup', 'od', 'printf', 'readlink', 'realpath', 'seq',
  'sha1sum', 'sha256sum', 'sort', 'tail', 'tee', 'telnet', 'test', 'timeout', 'top', 'tr', 'traceroute',
  'uniq', 'uptime', 'wc', 'wget', 'which', 'whoami', 'xargs', 'yes', '[',
]);
const alpineSbin = new Set(['ifconfig', 'ip', 'route']);

/** Debian/Ubuntu coreutils and friends in a -slim/minimal image (/usr/bin, reached through the /bin symlink). */
const DEBIAN_UTILITIES = [
  '[', 'apt', 'apt-get', 'awk', 'base64', 'basename', 'bash', 'cat', 'chgrp', 'chmod', 'chown', 'cp', 'cut', 'dash',
  'date', 'dd', 'df', 'dirname', 'dpkg', 'du', 'echo', 'egrep', 'env', 'expr', 'false', 'fgrep', 'find', 'getent',
  'grep', 'gunzip', 'gzip', 'head', 'hostname', 'id', 'kill', 'ln', 'ls', 'md5sum', 'mkdir', 'mount', 'mv',
  'nohup', 'od', 'printenv', 'printf', 'pwd', 'readlink', 'realpath', 'rm', 'rmdir', 'sed', 'seq', 'sha1sum',
  'sha256sum', 'sleep', 'sort', 'stat', 'su', 'sync', 'tail', 'tar', 'tee', 'test', 'timeout', 'touch', 'tr',
  'true', 'umount', 'uname', 'uniq', 'wc', 'which', 'whoami', 'xargs', 'yes',
] as const;

const debianLikeDirs: ImageFile[] = [
  { path: '/usr/bin', type: 'dir' },
  { path: '/usr/sbin', type: 'dir' },
  { path: '/bin', type: 'symlink', target: 'usr/bin' },
  { path: '/sbin', type: 'symlink', target: 'usr/sbin' },
  { path: '/usr/bin/sh', type: 'symlink', target: 'dash' },
];

export const OS_LAYERS: Record<OsId, OsLayer> = {
  debian12: {
    files: [
      ...commonDirs,
      ...debianLikeDirs,
      {
        path: '/etc/os-release',
        content: [
          'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
          'NAME="Debian GNU/Linux"',
          'VERSION_ID="12"',
          'VERSION="12 (bookworm)"',
          'VERSION_CODENAME=bookworm',
          'ID=debian',
          'HOME_URL="https://www.debian.org/"',
          'SUPPORT_URL="https://www.debian.org/support"',
          'BUG_REPORT_URL="https://bugs.debian.org/"',
          '',
        ].join('\n'),
      },
      { path: '/etc/debian_version', content: '12.10\n' },
    ],
    programs: at('/usr/bin', DEBIAN_UTILITIES),
    passwd: [
      'root:x:0:0:root:/root:/bin/bash',
      'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
      'bin:x:2:2:bin:/bin:/usr/sbin/nologin',
      'sys:x:3:3:sys:/dev:/usr/sbin/nologin',
      'sync:x:4:65534:sync:/bin:/bin/sync',
      'games:x:5:60:games:/usr/games:/usr/sbin/nologin',
      'man:x:6:12:man:/var/cache/man:/usr/sbin/nologin',
      'lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin',
      'mail:x:8:8:mail:/var/mail:/usr/sbin/nologin',
      'news:x:9:9:news:/var/spool/news:/usr/sbin/nologin',
      'uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin',
      'proxy:x:13:13:proxy:/bin:/usr/sbin/nologin',
      'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin',
      'backup:x:34:34:backup:/var/backups:/usr/sbin/nologin',
      'list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin',
      'irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin',
      '_apt:x:42:65534::/nonexistent:/usr/sbin/nologin',
      'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
    ],
    group: ['root:x:0:', 'daemon:x:1:', 'bin:x:2:', 'sys:x:3:', 'adm:x:4:', 'tty:x:5:', 'disk:x:6:', 'www-data:x:33:', 'staff:x:50:', 'users:x:100:', 'nogroup:x:65534:'],
  },
  ubuntu2404: {
    files: [
      ...commonDirs,
      ...debianLikeDirs,
      { path: '/home/ubuntu', type: 'dir', mode: 0o750, uid: 1000, gid: 1000 },
      {
        path: '/etc/os-release',
        content: [
          'PRETTY_NAME="Ubuntu 24.04.2 LTS"',
          'NAME="Ubuntu"',
          'VERSION_ID="24.04"',
          'VERSION="24.04.2 LTS (Noble Numbat)"',
          'VERSION_CODENAME=noble',
          'ID=ubuntu',
          'ID_LIKE=debian',
          'HOME_URL="https://www.ubuntu.com/"',
          'SUPPORT_URL="https://help.ubuntu.com/"',
          'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"',
          'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"',
          'UBUNTU_CODENAME=noble',
          'LOGO=ubuntu-logo',
          '',
        ].join('\n'),
      },
      { path: '/etc/debian_version', content: 'trixie/sid\n' },
    ],
    programs: at('/usr/bin', DEBIAN_UTILITIES),
    passwd: [
      'root:x:0:0:root:/root:/bin/bash',
      'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
      'bin:x:2:2:bin:/bin:/usr/sbin/nologin',
      'sys:x:3:3:sys:/dev:/usr/sbin/nologin',
      'sync:x:4:65534:sync:/bin:/bin/sync',
      'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin',
      '_apt:x:42:65534::/nonexistent:/usr/sbin/nologin',
      'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
      'ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash',
    ],
    group: ['root:x:0:', 'daemon:x:1:', 'bin:x:2:', 'sys:x:3:', 'adm:x:4:', 'www-data:x:33:', 'users:x:100:', 'nogroup:x:65534:', 'ubuntu:x:1000:'],
  },
  alpine321: {
    files: [
      ...commonDirs,
      { path: '/bin', type: 'dir' },
      { path: '/sbin', type: 'dir' },
      { path: '/usr/bin', type: 'dir' },
      { path: '/usr/sbin', type: 'dir' },
      {
        path: '/etc/os-release',
        content: [
          'NAME="Alpine Linux"',
          'ID=alpine',
          'VERSION_ID=3.21.3',
          'PRETTY_NAME="Alpine Linux v3.21"',
          'HOME_URL="https://alpinelinux.org/"',
          'BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"',
          '',
        ].join('\n'),
      },
      { path: '/etc/alpine-release', content: '3.21.3\n' },
    ],
    programs: {
      '/bin/busybox': SHELL,
      '/sbin/apk': SHELL,
      ...Object.fromEntries(
        BUSYBOX_APPLETS.map((a) => [alpineSbin.has(a) ? `/sbin/${a}` : alpineUsrBin.has(a) ? `/usr/bin/${a}` : `/bin/${a}`, SHELL]),
      ),
    },
    passwd: [
      'root:x:0:0:root:/root:/bin/sh',
      'bin:x:1:1:bin:/bin:/sbin/nologin',
      'daemon:x:2:2:daemon:/sbin:/sbin/nologin',
      'lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin',
      'sync:x:5:0:sync:/sbin:/bin/sync',
      'shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown',
      'halt:x:7:0:halt:/sbin:/sbin/halt',
      'mail:x:8:12:mail:/var/mail:/sbin/nologin',
      'news:x:9:13:news:/usr/lib/news:/sbin/nologin',
      'uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin',
      'cron:x:16:16:cron:/var/spool/cron:/sbin/nologin',
      'ftp:x:21:21::/var/lib/ftp:/sbin/nologin',
      'sshd:x:22:22:sshd:/dev/null:/sbin/nologin',
      'games:x:35:35:games:/usr/games:/sbin/nologin',
      'ntp:x:123:123:NTP:/var/empty:/sbin/nologin',
      'guest:x:405:100:guest:/dev/null:/sbin/nologin',
      'nobody:x:65534:65534:nobody:/:/sbin/nologin',
    ],
    group: ['root:x:0:root', 'bin:x:1:root,bin,daemon', 'daemon:x:2:root,bin,daemon', 'sys:x:3:root,bin', 'adm:x:4:root,daemon', 'tty:x:5:', 'wheel:x:10:root', 'www-data:x:82:', 'users:x:100:games', 'nogroup:x:65533:', 'nobody:x:65534:'],
  },
  busybox: {
    files: [...commonDirs, { path: '/bin', type: 'dir' }, { path: '/home', type: 'dir' }, { path: '/var/spool/mail', type: 'dir' }],
    programs: { '/bin/busybox': SHELL, ...at('/bin', BUSYBOX_APPLETS) },
    passwd: [
      'root:x:0:0:root:/root:/bin/sh',
      'daemon:x:1:1:daemon:/usr/sbin:/bin/false',
      'bin:x:2:2:bin:/bin:/bin/false',
      'sys:x:3:3:sys:/dev:/bin/false',
      'sync:x:4:100:sync:/bin:/bin/sync',
      'mail:x:8:8:mail:/var/spool/mail:/bin/false',
      'www-data:x:33:33:www-data:/var/www:/bin/false',
      'operator:x:37:37:Operator:/var:/bin/false',
      'nobody:x:65534:65534:nobody:/home:/bin/false',
    ],
    group: ['root:x:0:', 'daemon:x:1:', 'bin:x:2:', 'sys:x:3:', 'adm:x:4:', 'tty:x:5:', 'disk:x:6:', 'wheel:x:10:root', 'mail:x:8:', 'www-data:x:33:', 'operator:x:37:', 'users:x:100:', 'nogroup:x:65534:'],
  },
  'distroless-static': {
    files: [
      { path: '/tmp', type: 'dir', mode: 0o1777 },
      { path: '/root', type: 'dir', mode: 0o700 },
      { path: '/home/nonroot', type: 'dir', mode: 0o700, uid: 65532, gid: 65532 },
      { path: '/etc', type: 'dir' },
      { path: '/proc', type: 'dir', mode: 0o555 },
      { path: '/etc/ssl/certs/ca-certificates.crt', content: '' },
      {
        path: '/etc/os-release',
        content: [
          'PRETTY_NAME="Distroless"',
          'NAME="Debian GNU/Linux"',
          'ID="debian"',
          'VERSION_ID="12"',
          'VERSION="Debian GNU/Linux 12 (bookworm)"',
          'HOME_URL="https://github.com/GoogleContainerTools/distroless"',
          'SUPPORT_URL="https://github.com/GoogleContainerTools/distroless/blob/master/README.md"',
          'BUG_REPORT_URL="https://github.com/GoogleContainerTools/distroless/issues/new"',
          '',
        ].join('\n'),
      },
    ],
    programs: {},
    passwd: ['root:x:0:0:root:/root:/sbin/nologin', 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin', 'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin'],
    group: ['root:x:0:', 'nobody:x:65534:', 'tty:x:5:', 'staff:x:50:', 'nonroot:x:65532:'],
  },
  oraclelinux9: {
    files: [
      ...commonDirs,
      { path: '/usr/bin', type: 'dir' },
      { path: '/usr/sbin', type: 'dir' },
      { path: '/bin', type: 'symlink', target: 'usr/bin' },
      { path: '/sbin', type: 'symlink', target: 'usr/sbin' },
      { path: '/usr/bin/sh', type: 'symlink', target: 'bash' },
      {
        path: '/etc/os-release',
        content: [
          'NAME="Oracle Linux Server"',
          'VERSION="9.5"',
          'ID="ol"',
          'ID_LIKE="fedora"',
          'VARIANT="Server"',
          'VARIANT_ID="server"',
          'VERSION_ID="9.5"',
          'PLATFORM_ID="platform:el9"',
          'PRETTY_NAME="Oracle Linux Server 9.5"',
          'ANSI_COLOR="0;31"',
          'CPE_NAME="cpe:/o:oracle:linux:9:5:server"',
          'HOME_URL="https://linux.oracle.com/"',
          'BUG_REPORT_URL="https://github.com/oracle/oracle-linux"',
          '',
        ].join('\n'),
      },
    ],
    programs: at('/usr/bin', [...DEBIAN_UTILITIES.filter((u) => !['apt', 'apt-get', 'dpkg', 'dash'].includes(u)), 'microdnf']),
    passwd: ['root:x:0:0:root:/root:/bin/bash', 'bin:x:1:1:bin:/bin:/sbin/nologin', 'daemon:x:2:2:daemon:/sbin:/sbin/nologin', 'nobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin'],
    group: ['root:x:0:', 'bin:x:1:', 'daemon:x:2:', 'nobody:x:65534:'],
  },
  scratch: { files: [], programs: {}, passwd: [], group: [] },
};
