// Images without a shell: the pod sandbox's pause image, distroless bases and hello-world.
// `kubectl exec -- sh` into them fails with the runtime's error (executable file not found in
// $PATH), which is what `kubectl debug` with an ephemeral container is for. distroless's `:debug`
// tags add a busybox shell under /busybox.
import { BUSYBOX_APPLETS } from './os-files.ts';
import type { ImageFamily, ProgramRef } from './types.ts';

/** registry.k8s.io/pause: sleeps until SIGINT/SIGTERM (build/pause/linux/pause.c). */
export const pauseFamily: ImageFamily = {
  registry: 'registry.k8s.io',
  repository: 'pause',
  description: 'The pod sandbox image: does nothing until stopped; no shell',
  variants: (
    [
      ['3.10', 320_368, '65535:65535'],
      ['3.9', 321_520, '65535:65535'],
      ['3.8', 311_286, '65535:65535'],
      ['3.6', 301_773, '65535:65535'],
      ['3.2', 299_513, ''],
      ['3.1', 317_164, ''],
    ] as const
  ).map(([version, sizeBytes, user]) => ({
    tags: version === '3.10' ? [version, 'latest'] : [version],
    vars: { version },
    os: 'scratch' as const,
    sizeBytes,
    config: { entrypoint: ['/pause'], env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], user },
    programs: { '/pause': { behaviour: 'pause' } },
    resources: { idleCpuMillicores: 0, memoryBytes: 240_000, cpuMsPerRequest: 0 },
  })),
  behaviours: {
    pause: {
      steps: [{ serve: true }],
      signals: {
        SIGTERM: { steps: [{ log: ['Shutting down, got signal: Terminated'], stream: 'stderr' }], exitCode: 0 },
        SIGINT: { steps: [{ log: ['Shutting down, got signal: Interrupt'], stream: 'stderr' }], exitCode: 0 },
      },
    },
  },
};

const busyboxUnderBusybox: Record<string, ProgramRef> = Object.fromEntries(BUSYBOX_APPLETS.map((a) => [`/busybox/${a}`, { shell: true }]));

/**
 * gcr.io/distroless/static-debian12: CA certificates, tzdata, /etc/passwd and nothing to run.
 * Without a command the runtime cannot create the container ("no command specified").
 */
export const distrolessStaticFamily: ImageFamily = {
  registry: 'gcr.io',
  repository: 'distroless/static-debian12',
  description: 'Distroless static base: no shell, no command; `:debug` adds busybox under /busybox',
  variants: [
    { tags: ['latest'], user: '0', debug: false, sizeBytes: 991_472 },
    { tags: ['nonroot'], user: '65532', debug: false, sizeBytes: 991_509 },
    { tags: ['debug'], user: '0', debug: true, sizeBytes: 1_876_935 },
    { tags: ['debug-nonroot'], user: '65532', debug: true, sizeBytes: 1_876_951 },
  ].map((v) => ({
    tags: v.tags,
    vars: { version: 'debian12' },
    os: 'distroless-static' as const,
    sizeBytes: v.sizeBytes,
    config: v.debug
      ? {
          entrypoint: ['/busybox/sh'],
          env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/busybox', 'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt'],
          user: v.user,
          workingDir: v.user === '65532' ? '/home/nonroot' : undefined,
        }
      : {
          env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt'],
          user: v.user,
          workingDir: v.user === '65532' ? '/home/nonroot' : undefined,
        },
    programs: v.debug ? { '/busybox/busybox': { shell: true }, ...busyboxUnderBusybox } : {},
    resources: { idleCpuMillicores: 0, memoryBytes: 400_000, cpuMsPerRequest: 0 },
  })),
  behaviours: {},
};

/** docker.io/library/hello-world: prints Docker's greeting and exits 0. */
export const helloWorldFamily: ImageFamily = {
  registry: 'docker.io',
  repository: 'library/hello-world',
  description: "Docker's hello-world: prints a greeting and exits 0 (a Pod of it goes Completed)",
  variants: [
    {
      tags: ['latest', 'linux'],
      vars: { version: 'latest' },
      os: 'scratch',
      sizeBytes: 3_208,
      config: { cmd: ['/hello'], env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
      programs: { '/hello': { behaviour: 'hello' } },
      resources: { idleCpuMillicores: 0, memoryBytes: 100_000, cpuMsPerRequest: 0 },
    },
  ],
  behaviours: {
    hello: {
      steps: [
        {
          log: [
            '',
            'Hello from Docker!',
            'This message shows that your installation appears to be working correctly.',
            '',
            'To generate this message, Docker took the following steps:',
            ' 1. The Docker client contacted the Docker daemon.',
            ' 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.',
            '    (amd64)',
            ' 3. The Docker daemon created a new container from that image which runs the',
            '    executable that produces the output you are currently reading.',
            ' 4. The Docker daemon streamed that output to the Docker client, which sent it',
            '    to your terminal.',
            '',
            'To try something more ambitious, you can run an Ubuntu container with:',
            ' $ docker run -it ubuntu bash',
            '',
            'Share images, automate workflows, and more with a free Docker ID:',
            ' https://hub.docker.com/',
            '',
            'For more examples and ideas, visit:',
            ' https://docs.docker.com/get-started/',
            '',
          ],
        },
        { exit: 0 },
      ],
    },
  },
};
