// Images whose process is a shell or a shell utility: busybox, alpine, debian, ubuntu and
// curlimages/curl. Their command/args run through the shell (../../shell/). The default command
// is a shell without a script: with no terminal or stdin attached it reads end-of-input and exits 0
// at once, so a Deployment of plain `busybox` goes Completed → CrashLoopBackOff, as on a real
// cluster; `kubectl run -it --image=busybox` attaches stdin and gets a prompt.
import type { ImageFamily, ImageFile, ImageVariant } from './types.ts';

const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const SHELL_RESOURCES = { idleCpuMillicores: 0, memoryBytes: 450_000, cpuMsPerRequest: 0 };

function shellVariant(v: { version: string; tags: string[]; os: ImageVariant['os']; sizeBytes: number; cmd: string[]; files?: ImageFile[] }): ImageVariant {
  return {
    tags: v.tags,
    vars: { version: v.version },
    os: v.os,
    sizeBytes: v.sizeBytes,
    config: { cmd: v.cmd, env: [PATH] },
    programs: {},
    files: v.files,
    resources: SHELL_RESOURCES,
  };
}

export const busyboxFamily: ImageFamily = {
  registry: 'docker.io',
  repository: 'library/busybox',
  description: 'BusyBox: sh and the usual utilities (wget, nslookup, nc, ...) in 2 MB; runs its command through the shell',
  variants: [
    shellVariant({ version: '1.37.0', tags: ['1.37.0', '1.37', '1', 'stable', 'latest', '1.37.0-glibc', '1.37-glibc', 'glibc'], os: 'busybox', sizeBytes: 2_158_262, cmd: ['sh'] }),
    shellVariant({ version: '1.37.0', tags: ['1.37.0-musl', '1.37-musl', 'musl'], os: 'busybox', sizeBytes: 861_934, cmd: ['sh'] }),
    shellVariant({ version: '1.36.1', tags: ['1.36.1', '1.36', '1.36.1-glibc', '1.36-glibc'], os: 'busybox', sizeBytes: 2_147_340, cmd: ['sh'] }),
    shellVariant({ version: '1.36.1', tags: ['1.36.1-musl', '1.36-musl'], os: 'busybox', sizeBytes: 856_411, cmd: ['sh'] }),
    shellVariant({ version: '1.35.0', tags: ['1.35.0', '1.35'], os: 'busybox', sizeBytes: 2_155_321, cmd: ['sh'] }),
    shellVariant({ version: '1.34.1', tags: ['1.34.1', '1.34'], os: 'busybox', sizeBytes: 772_788, cmd: ['sh'] }),
    // The Kubernetes documentation uses busybox:1.28 (its nslookup answers cluster DNS cleanly).
    shellVariant({ version: '1.28.4', tags: ['1.28.4', '1.28'], os: 'busybox', sizeBytes: 727_869, cmd: ['sh'] }),
  ],
  behaviours: {},
};

/**
 * registry.k8s.io/busybox: the old BusyBox the Kubernetes documentation's probe examples use
 * (`image: registry.k8s.io/busybox`, liveness exec with `cat /tmp/healthy`).
 */
export const k8sBusyboxFamily: ImageFamily = {
  registry: 'registry.k8s.io',
  repository: 'busybox',
  description: "BusyBox 1.24 as published on registry.k8s.io for Kubernetes' own examples",
  variants: [shellVariant({ version: '1.24.0', tags: ['latest', '1.24'], os: 'busybox', sizeBytes: 675_992, cmd: ['sh'] })],
  behaviours: {},
};

const ALPINE_RELEASES: [string, string[], number][] = [
  ['3.21.3', ['3.21.3', '3.21', '3', 'latest'], 3_642_856],
  ['3.20.6', ['3.20.6', '3.20'], 3_626_118],
  ['3.19.7', ['3.19.7', '3.19'], 3_420_310],
  ['3.18.12', ['3.18.12', '3.18'], 3_406_432],
];

export const alpineFamily: ImageFamily = {
  registry: 'docker.io',
  repository: 'library/alpine',
  description: 'Alpine Linux: busybox sh and apk; runs its command through the shell',
  variants: ALPINE_RELEASES.map(([version, tags, sizeBytes]) =>
    shellVariant({
      version,
      tags,
      os: 'alpine321',
      sizeBytes,
      cmd: ['/bin/sh'],
      files: [
        { path: '/etc/alpine-release', content: `${version}\n` },
        {
          path: '/etc/os-release',
          content: `NAME="Alpine Linux"\nID=alpine\nVERSION_ID=${version}\nPRETTY_NAME="Alpine Linux v${version.split('.').slice(0, 2).join('.')}"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n`,
        },
      ],
    }),
  ),
  behaviours: {},
};

export const debianFamily: ImageFamily = {
  registry: 'docker.io',
  repository: 'library/debian',
  description: 'Debian 12 (bookworm): bash and coreutils; runs its command through the shell',
  variants: [
    shellVariant({ version: '12.10', tags: ['12.10', '12', 'bookworm', 'latest', 'bookworm-20250407'], os: 'debian12', sizeBytes: 48_494_272, cmd: ['bash'] }),
    shellVariant({ version: '12.10', tags: ['12.10-slim', '12-slim', 'bookworm-slim', 'stable-slim'], os: 'debian12', sizeBytes: 28_227_259, cmd: ['bash'] }),
  ],
  behaviours: {},
};

const ubuntu2204Release = [
  'PRETTY_NAME="Ubuntu 22.04.5 LTS"',
  'NAME="Ubuntu"',
  'VERSION_ID="22.04"',
  'VERSION="22.04.5 LTS (Jammy Jellyfish)"',
  'VERSION_CODENAME=jammy',
  'ID=ubuntu',
  'ID_LIKE=debian',
  'HOME_URL="https://www.ubuntu.com/"',
  'SUPPORT_URL="https://help.ubuntu.com/"',
  'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"',
  'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"',
  'UBUNTU_CODENAME=jammy',
  '',
].join('\n');

export const ubuntuFamily: ImageFamily = {
  registry: 'docker.io',
  repository: 'library/ubuntu',
  description: 'Ubuntu: bash and coreutils; runs its command through the shell',
  variants: [
    shellVariant({ version: '24.04', tags: ['24.04', 'noble', 'latest', 'noble-20250404', 'rolling'], os: 'ubuntu2404', sizeBytes: 29_754_290, cmd: ['/bin/bash'] }),
    shellVariant({
      version: '22.04',
      tags: ['22.04', 'jammy', 'jammy-20250404'],
      os: 'ubuntu2404',
      sizeBytes: 29_536_951,
      cmd: ['/bin/bash'],
      files: [{ path: '/etc/os-release', content: ubuntu2204Release }, { path: '/etc/debian_version', content: 'bookworm/sid\n' }],
    }),
  ],
  behaviours: {},
};

/** curlimages/curl: `kubectl run curl --image=curlimages/curl -- http://web` puts `curl` in front of a URL or option. */
export const curlFamily: ImageFamily = {
  registry: 'docker.io',
  repository: 'curlimages/curl',
  description: 'curl on Alpine, running as curl_user; arguments that are not a command are given to curl',
  variants: ['8.13.0', '8.12.1'].map((version, n) => ({
    tags: n === 0 ? [version, 'latest'] : [version],
    vars: { version },
    os: 'alpine321',
    sizeBytes: n === 0 ? 10_063_519 : 10_007_412,
    config: {
      entrypoint: ['/entrypoint.sh'],
      cmd: ['curl'],
      env: [PATH, `CURL_VERSION=${version}`, 'CURL_CA_BUNDLE=/cacert.pem'],
      user: 'curl_user',
      workingDir: '/home/curl_user',
    },
    programs: { '/entrypoint.sh': { behaviour: 'entrypoint' }, '/usr/bin/curl': { shell: true } },
    files: [
      { path: '/entrypoint.sh', content: '#!/bin/sh\n# (simulated: see the image catalogue)\n', mode: 0o755 },
      { path: '/cacert.pem', content: '' },
      { path: '/home/curl_user', type: 'dir', uid: 100, gid: 101 },
    ],
    users: { passwd: ['curl_user:x:100:101:Linux User,,,:/home/curl_user:/sbin/nologin'], group: ['curl_group:x:101:curl_user'] },
    resources: SHELL_RESOURCES,
  })),
  behaviours: {
    entrypoint: {
      steps: [
        { if: { any: [{ arg: 0, prefix: '-' }, { arg: 0, prefix: 'http' }] }, then: [{ setArgs: ['curl', '$@'] }] },
        { exec: true },
      ],
    },
  },
};
