// The image catalogue's schema: what the simulation knows about an image family (nginx, postgres,
// busybox, the course's demo app, ...). Everything here is data; the engine in ../process/
// interprets it, so adding an image never adds a code branch. README.md in the images folder
// explains the fields with examples.
//
// Strings marked "template" may contain `${...}` expressions (../process/template.ts):
// `${env.NAME}`, `${env.NAME:-default}`, `${image.version}`, `${node.cpus}`, `${pod.ip}`,
// `${pod.hostname}`, `${arg.0}`, `${flag.--port:-6379}`, `${var.name}`, `${time.nginx}`,
// `${i}` (inside repeat), `${file}` (inside forEachFile), `${nextPid}`, `${random.hex16}`,
// `${read./path/${env.X}/file}` (a file's content, trimmed), and `${req.*}`/`${res.*}` while
// answering a request.

export type Signal = 'SIGTERM' | 'SIGKILL' | 'SIGQUIT' | 'SIGINT' | 'SIGHUP' | 'SIGWINCH' | 'SIGUSR1';

export type Stream = 'stdout' | 'stderr';

/** The base distribution, for /etc/os-release and the utilities present (./os-files.ts). */
export type OsId = 'debian12' | 'ubuntu2404' | 'alpine321' | 'busybox' | 'distroless-static' | 'oraclelinux9' | 'scratch';

export interface ImageFamily {
  /** Registry host as normalized (`docker.io`, `registry.k8s.io`, `ghcr.io`). */
  registry: string;
  /** Repository path (`library/nginx`, `kubecamp/demo-app`, `pause`). */
  repository: string;
  /** One line for humans (README, `kubecamp images`). */
  description: string;
  /** A private repository: pulls need an imagePullSecret with one of these logins. */
  access?: { credentials: { username: string; password: string }[] };
  variants: ImageVariant[];
  /** Programs' behaviours, referred to by name from variants' `programs`. */
  behaviours: Record<string, Behaviour>;
}

/** One image (one digest), under every tag that names it. */
export interface ImageVariant {
  /** Tags naming this image: `['1.27.5', '1.27', 'mainline', '1', 'latest']`. A tag belongs to one variant of its family. */
  tags: string[];
  /** Values for `${image.<key>}` templates; `version` is expected. */
  vars: Record<string, string>;
  os: OsId;
  /** Compressed size as containerd reports it (the kubelet's "Image size: N bytes."). */
  sizeBytes: number;
  config: ImageConfig;
  /**
   * Executables by absolute path. Each gets a file (mode 0755). A path the shell handles (a
   * shell, a busybox applet, a coreutil) is `{ shell: true }`; a program the catalogue simulates
   * names a behaviour of the family.
   */
  programs: Record<string, ProgramRef>;
  /** Files beyond the OS's own (./os-files.ts): configuration, web roots, entrypoint scripts. */
  files?: ImageFile[];
  /** Lines appended to /etc/passwd and /etc/group (the image's service user). */
  users?: { passwd: string[]; group: string[] };
  /** Default resource model of this image's programs (a behaviour may override it). */
  resources: ResourceModel;
}

/** The OCI image config fields a container start uses (`docker inspect` → Config). */
export interface ImageConfig {
  entrypoint?: string[];
  cmd?: string[];
  /** `KEY=value`, in order, as in the config. */
  env: string[];
  workingDir?: string;
  /** `''` (root), a name (`nginx`), `uid`, or `uid:gid`. */
  user?: string;
  /** `80/tcp`. */
  exposedPorts?: string[];
  stopSignal?: Signal;
}

export type ProgramRef = { shell: true } | { behaviour: string };

export interface ImageFile {
  path: string;
  /** File content; for binaries a short placeholder and `size`. */
  content?: string;
  type?: 'file' | 'dir' | 'symlink';
  /** Symlink target. */
  target?: string;
  mode?: number;
  uid?: number;
  gid?: number;
}

/** CPU and memory, for metrics-server, `kubectl top`, the HPA and OOM kills. */
export interface ResourceModel {
  /** CPU used when no requests arrive, millicores. */
  idleCpuMillicores: number;
  /** Working set, bytes; a template may read flags (`${flag.--vm-bytes}`), parsed as a quantity. */
  memoryBytes: number | string;
  /** CPU time one HTTP request costs, milliseconds. */
  cpuMsPerRequest: number;
}

/** What a simulated program does: steps run in order, then it serves until signalled or exits. */
export interface Behaviour {
  steps: Step[];
  /** HTTP answered while the program listens on `http.port`. */
  http?: HttpService;
  /** Signals the program handles; any other (except SIGKILL) is ignored, as by PID 1 without a handler. */
  signals?: Partial<Record<Signal, SignalHandler>>;
  resources?: ResourceModel;
}

export interface SignalHandler {
  steps: Step[];
  exitCode: number;
}

export type Step =
  /** Output lines (templates), stdout unless told. */
  | { log: string[]; stream?: Stream }
  /** Simulated time passes: milliseconds, or a template giving them (`${env.WARMUP_MS:-3000}`). */
  | { sleep: number | string }
  | { if: Condition; then: Step[]; else?: Step[] }
  /** Writes a file (template path and content) in the container's filesystem. */
  | { write: string; content: string; mode?: number; append?: boolean }
  | { mkdir: string }
  /** Removes a file (template path); absent is fine. */
  | { remove: string }
  /** Replaces the first occurrence of `find` in a file (`sed -i` of an entrypoint script). */
  | { replace: string; find: string; with: string }
  /** Sets `${var.<name>}` values (templates). */
  | { set: Record<string, string> }
  /** Replaces the program's arguments; `$@` stands for the current ones (`set -- postgres "$@"`). */
  | { setArgs: string[] }
  /** Runs `steps` N times (template), with `${i}` from 0. */
  | { repeat: string; steps: Step[] }
  /** Runs `steps` for each file of a directory (template), sorted by name, with `${file}` its path. */
  | { forEachFile: string; steps: Step[] }
  /** Starts accepting TCP connections on these ports (templates). */
  | { listen: string[] }
  /**
   * Listens on the ports a configuration names: every match of `pattern` (a regular expression
   * with one capture group, per line) in `path` (a file, or every `*.conf` in a directory); the
   * `otherwise` ports when nothing matches or the files are missing. nginx reading `listen 8080;`
   * from a ConfigMap-mounted default.conf is the case this serves.
   */
  | { listenFrom: { path: string; pattern: string; otherwise: string[] } }
  /** Runs until a signal stops it. */
  | { serve: true }
  /** `exec "$@"`: the first argument becomes the program, resolved in $PATH, the rest its arguments. */
  | { exec: true }
  | { exit: number };

export type Condition =
  /** An environment variable is non-empty (`set`) or empty/absent (`unset`). */
  | { env: string; is: 'set' | 'unset' }
  /** A template equals one of the values. */
  | { value: string; in: string[] }
  | { exists: string }
  | { nonEmptyDir: string }
  | { contains: { file: string; text: string } }
  /** The file can be rewritten (`touch` succeeds: not on a read-only mount). */
  | { writable: string }
  /** Argument `index` (0 is the first after the program) is one of `in`, or starts with `prefix`. */
  | { arg: number; in?: string[]; prefix?: string }
  /** A flag is present (`--appendonly yes`, `--appendonly=yes`, `-g 'daemon off;'`), optionally with a value containing `contains`. */
  | { flag: string; contains?: string }
  /** Standard input is attached (`stdin: true` or `kubectl run -i`). */
  | { stdin: true }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface HttpService {
  /** Template: `80`, `${env.PORT:-8080}`; `*` answers on every port the program listens on. */
  port: string;
  /** Headers on every answer (templates), before the answer's own: `Server: nginx/${image.version}`. */
  headers?: Record<string, string>;
  routes: HttpRoute[];
  /** The answer when no route matches. */
  fallback: HttpAnswer;
  /** One line per request (template with `${req.*}`/`${res.*}`). */
  accessLog?: { line: string; stream?: Stream };
}

export interface HttpRoute {
  /** Exact path, or a prefix ending in `*` (`/static/*`). */
  path: string;
  methods?: string[];
  when?: Condition;
  answer: HttpAnswer;
}

export type HttpAnswer =
  | {
      status: number;
      /** Template. */
      body: string;
      contentType?: string;
      headers?: Record<string, string>;
      /** Lines the program logs for this answer (templates), besides the access log. */
      log?: { line: string; stream?: Stream };
    }
  | { static: StaticSite };

/** Files served from the container's filesystem, the way a web server does. */
export interface StaticSite {
  /** Document root (template). */
  root: string;
  index: string[];
  /** Header conventions (Last-Modified, ETag format, Connection), error pages and error log (./server-pages.ts). */
  server: 'nginx' | 'apache';
}
