// Network clients through NetworkAccess: nslookup and getent (DNS), wget (busybox), curl (curl
// 8.x, as in curlimages/curl and Debian images), nc -z. Time spent waiting for an unanswered
// connection passes on the simulated clock.
import type { Applet, CommandIo } from '../command.ts';
import { errText } from '../command.ts';
import type { HttpResponse, NetworkFailure } from '../types.ts';
import { usage } from './util.ts';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** How long a resolver waits for a nameserver that never answers (glibc: 5 s × 2 attempts). */
const DNS_TIMEOUT_MS = 10_000;

/**
 * A name's addresses as the pod's resolver finds them; 'timeout' (after the resolver's wait) when
 * its nameserver cannot be reached (a NetworkPolicy drops the pod's DNS traffic).
 */
async function lookup(io: CommandIo, name: string): Promise<{ name: string; addresses: string[] } | 'timeout' | undefined> {
  if (IPV4.test(name)) return { name, addresses: [name] };
  if (name === 'localhost') return { name, addresses: ['127.0.0.1'] };
  const net = io.ctx.network;
  if (net.dnsReachable?.() === false) {
    await io.sleep(DNS_TIMEOUT_MS);
    return 'timeout';
  }
  if (net.lookup) return net.lookup(name);
  const addresses = net.resolve(name);
  return addresses ? { name, addresses } : undefined;
}

/** lookup() for clients that treat an unreachable nameserver as an unknown name (`bad address`). */
async function addressesOf(io: CommandIo, name: string): Promise<{ name: string; addresses: string[] } | undefined> {
  const r = await lookup(io, name);
  return r === 'timeout' ? undefined : r;
}

/** busybox nslookup: the server block, then Name/Address per record, or NXDOMAIN (status 1). */
export const nslookup: Applet = async (io) => {
  const args = io.argv.slice(1).filter((a) => !a.startsWith('-'));
  const name = args[0];
  if (!name) return usage(io, 'nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]');
  const server = args[1] ?? io.ctx.network.nameserver();
  let out = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  const r = await lookup(io, name);
  if (r === 'timeout') {
    await io.out(';; connection timed out; no servers could be reached\n\n');
    return 1;
  }
  if (!r || !r.addresses.length) {
    await io.out(out + `** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  for (const a of r.addresses) out += `Name:\t${r.name}\nAddress: ${a}\n`;
  await io.out(out + '\n');
  return 0;
};

/** getent hosts NAME (and passwd/group from the image's files); status 2 when not found. */
export const getent: Applet = async (io) => {
  const [db, ...keys] = io.argv.slice(1);
  if (!db) return usage(io, 'getent database [key ...]');
  if (db === 'hosts' || db === 'ahosts' || db === 'ahostsv4') {
    let status = 0;
    for (const k of keys) {
      const r = await addressesOf(io, k);
      if (!r) {
        status = 2;
        continue;
      }
      for (const a of r.addresses) await io.out(`${a.padEnd(15)} ${r.name}\n`);
    }
    return status;
  }
  if (db === 'passwd' || db === 'group') {
    let text = '';
    try {
      text = io.fs.readFile(`/etc/${db}`);
    } catch {
      return 2;
    }
    const rows = text.split('\n').filter(Boolean);
    if (!keys.length) {
      await io.out(rows.map((r) => r + '\n').join(''));
      return 0;
    }
    let status = 0;
    for (const k of keys) {
      const row = rows.find((r) => r.split(':')[0] === k || r.split(':')[2] === k);
      if (row) await io.out(row + '\n');
      else status = 2;
    }
    return status;
  }
  await io.err(`Unknown database: ${db}`);
  return 1;
};

interface Url {
  scheme: string;
  host: string;
  port: number;
  path: string;
  /** host[:port] as written. */
  authority: string;
}

function parseUrl(raw: string): Url | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#\s]+)(?::(\d+))?([^\s]*)$/.exec(raw);
  if (!m) return undefined;
  const scheme = m[1] ?? 'http';
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  return { scheme, host: m[2], port, path: m[4] || '/', authority: m[2] + (m[3] ? `:${m[3]}` : '') };
}

function urlString(u: Url): string {
  return `${u.scheme}://${u.authority}${u.path}`;
}

type Outcome = { ok: true; res: HttpResponse } | { ok: false; failure: NetworkFailure } | { ok: false; failure: { kind: 'deadline' } };

/** Sends a request; gives up at `deadlineMs` (simulated), and waits it out for an unanswered connection. */
async function request(io: CommandIo, req: { method: string; url: string; headers: Record<string, string>; body?: string }, deadlineMs: number): Promise<Outcome> {
  let timer = false;
  const deadline = io.sleep(deadlineMs).then(() => {
    timer = true;
  });
  const r = await Promise.race([io.ctx.network.http(req), deadline.then(() => undefined)]);
  if (timer || r === undefined) return { ok: false, failure: { kind: 'deadline' } };
  if ('kind' in r) {
    if (r.kind === 'timeout') {
      await deadline;
      return { ok: false, failure: { kind: 'deadline' } };
    }
    return { ok: false, failure: r };
  }
  return { ok: true, res: r };
}

function progressLine(name: string, size: number): string {
  const sz = size < 100_000 ? String(size).padStart(6) + ' ' : `${String(Math.round(size / 1024)).padStart(5)}k `;
  return `${name.slice(0, 20).padEnd(20)} 100% |********************************| ${sz} 0:00:00 ETA\n`;
}

/**
 * getopt-style clusters of short options: `-qO-` → `-q -O -`, `-qO/tmp/x` → `-q -O /tmp/x`.
 * `flags` take no value; `valued` take the rest of the cluster or the next argument.
 */
function splitShortOptions(args: string[], flags: string, valued: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (!a.startsWith('-') || a.startsWith('--') || a.length <= 2 || !flags.includes(a[1]!)) {
      out.push(a);
      continue;
    }
    let j = 1;
    for (; j < a.length && flags.includes(a[j]!); j++) out.push(`-${a[j]}`);
    if (j < a.length) {
      if (valued.includes(a[j]!)) {
        out.push(`-${a[j]}`);
        const rest = a.slice(j + 1);
        if (rest) out.push(rest);
      } else out.push(`-${a.slice(j)}`);
    }
  }
  return out;
}

/** busybox wget: -q -O FILE -T SEC --spider -S -U AGENT --header 'K: V' --post-data DATA. */
export const wget: Applet = async (io) => {
  const args = splitShortOptions(io.argv.slice(1), 'qSc4', 'OTUPoY');
  let quiet = false;
  let output: string | undefined;
  let timeoutS = 900;
  let spider = false;
  let showHeaders = false;
  let postData: string | undefined;
  const headers: Record<string, string> = {};
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => (a.includes('=') && a.startsWith('--') ? a.slice(a.indexOf('=') + 1) : args[++i]);
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-O' || a.startsWith('--output-document')) output = value();
    else if (a.startsWith('-O') && a.length > 2) output = a.slice(2);
    else if (a === '-T' || a.startsWith('--timeout')) timeoutS = Number(value());
    else if (a.startsWith('-T') && a.length > 2) timeoutS = Number(a.slice(2));
    else if (a === '--spider') spider = true;
    else if (a === '-S' || a === '--server-response') showHeaders = true;
    else if (a === '-U' || a.startsWith('--user-agent')) headers['User-Agent'] = value() ?? '';
    else if (a.startsWith('--header')) {
      const h = value() ?? '';
      const c = h.indexOf(':');
      if (c > 0) headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
    } else if (a.startsWith('--post-data')) postData = value();
    else if (a === '-c' || a === '--continue' || a === '-nv' || a === '--no-check-certificate' || a === '-4') continue;
    else if (a.startsWith('-') && a.length > 1) {
      await io.err(`unrecognized option '${a}'`);
      return 1;
    } else urls.push(a);
  }
  if (!urls.length) return usage(io, 'wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...');
  const note = async (s: string) => {
    if (!quiet) await io.stderr.write(s + '\n');
  };
  let status = 0;
  for (const raw of urls) {
    const parsed = parseUrl(raw);
    if (!parsed) {
      await io.err(`not an http or ftp url: ${raw}`);
      status = 1;
      continue;
    }
    let url: Url = parsed;
    let res: HttpResponse | undefined;
    for (let redirects = 0; redirects < 20; redirects++) {
      const r = await addressesOf(io, url.host);
      if (!r?.addresses.length) {
        await io.err(`bad address '${url.host}'`);
        return 1;
      }
      await note(`Connecting to ${url.authority} (${r.addresses[0]}:${url.port})`);
      const o = await request(io, { method: postData !== undefined ? 'POST' : 'GET', url: urlString(url), headers: { Host: url.authority, 'User-Agent': 'Wget', Connection: 'close', ...headers }, body: postData }, timeoutS * 1000);
      if (!o.ok) {
        if (o.failure.kind === 'refused') await io.err(`can't connect to remote host (${r.addresses[0]}): Connection refused`);
        else if (o.failure.kind === 'unresolved') await io.err(`bad address '${url.host}'`);
        else await io.err('download timed out');
        return 1;
      }
      res = o.res;
      if (showHeaders) await io.stderr.write(`  HTTP/1.1 ${res.status} ${res.statusText}\n${Object.entries(res.headers).map(([k, v]) => `  ${k}: ${v}\n`).join('')}`);
      const loc = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'location')?.[1];
      if (res.status >= 300 && res.status < 400 && loc) {
        const next: Url | undefined = loc.startsWith('/') ? { ...url, path: loc } : parseUrl(loc);
        if (!next) break;
        url = next;
        continue;
      }
      break;
    }
    if (!res) continue;
    if (res.status >= 400) {
      await io.err(`server returned error: HTTP/1.1 ${res.status} ${res.statusText}`);
      return 1;
    }
    if (spider) {
      await note('remote file exists');
      continue;
    }
    const name = output ?? (url.path.replace(/[?#].*$/, '').split('/').pop() || 'index.html');
    if (name === '-') {
      await note('writing to stdout');
      await io.out(res.body);
      if (!quiet) await io.stderr.write(progressLine('-', Buffer.byteLength(res.body)));
      await note('written to stdout');
      continue;
    }
    try {
      io.fs.writeFile(io.path(name), res.body);
    } catch (e) {
      await io.err(`can't open '${name}': ${errText(e)}`);
      return 1;
    }
    await note(`saving to '${name}'`);
    if (!quiet) await io.stderr.write(progressLine(name, Buffer.byteLength(res.body)));
    await note(`'${name}' saved`);
  }
  return status;
};

const CURL_SHORT: Record<string, string> = { s: 'silent', S: 'show-error', i: 'include', I: 'head', o: 'output', O: 'remote-name', w: 'write-out', m: 'max-time', H: 'header', X: 'request', d: 'data', f: 'fail', L: 'location', v: 'verbose', k: 'insecure', u: 'user', A: 'user-agent', 4: 'ipv4' };
const CURL_VALUE = new Set(['output', 'write-out', 'max-time', 'header', 'request', 'data', 'data-raw', 'data-binary', 'user', 'user-agent', 'connect-timeout', 'retry', 'resolve']);

/** curl: -s -S -i -I -o -O -w FMT -m SEC --connect-timeout SEC -H -X -d -f -L; curl's exit codes. */
export const curl: Applet = async (io) => {
  const args = io.argv.slice(1);
  const opt = new Map<string, string[]>();
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let names: string[] = [];
    let inline: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      names = [eq < 0 ? a.slice(2) : a.slice(2, eq)];
      if (eq >= 0) inline = a.slice(eq + 1);
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const n = CURL_SHORT[a[j]];
        if (!n) {
          await io.stderr.write(`curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
          return 2;
        }
        names.push(n);
        if (CURL_VALUE.has(n) && j + 1 < a.length) {
          inline = a.slice(j + 1);
          break;
        }
      }
    } else {
      urls.push(a);
      continue;
    }
    for (const n of names) {
      const v = CURL_VALUE.has(n) ? (inline ?? args[++i]) : '';
      if (v === undefined) {
        await io.stderr.write(`curl: option ${a}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
        return 2;
      }
      opt.set(n, [...(opt.get(n) ?? []), v]);
    }
  }
  const has = (n: string) => opt.has(n);
  const val = (n: string) => opt.get(n)?.at(-1);
  const silent = has('silent');
  const fail = async (code: number, msg: string) => {
    if (!silent || has('show-error')) await io.stderr.write(`curl: (${code}) ${msg}\n`);
    return code;
  };
  if (!urls.length) {
    await io.stderr.write("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const maxTime = val('max-time') !== undefined ? Number(val('max-time')) * 1000 : undefined;
  const connectTimeout = val('connect-timeout') !== undefined ? Number(val('connect-timeout')) * 1000 : undefined;
  const headers: Record<string, string> = {};
  for (const h of opt.get('header') ?? []) {
    const c = h.indexOf(':');
    if (c > 0) headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
  }
  const data = opt.get('data') ?? opt.get('data-raw') ?? opt.get('data-binary');
  const body = data?.join('&');
  if (body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const method = val('request') ?? (has('head') ? 'HEAD' : body !== undefined ? 'POST' : 'GET');
  let status = 0;
  for (const raw of urls) {
    const parsed = parseUrl(raw);
    if (!parsed) return fail(3, 'URL using bad/illegal format or missing URL');
    let url: Url = parsed;
    let res: HttpResponse | undefined;
    let ip = '';
    for (let redirects = 0; redirects < 50; redirects++) {
      const r = await addressesOf(io, url.host);
      if (!r?.addresses.length) return fail(6, `Could not resolve host: ${url.host}`);
      ip = r.addresses[0];
      const deadline = Math.min(maxTime ?? Infinity, connectTimeout ?? Infinity);
      const o = await request(io, { method, url: urlString(url), headers: { Host: url.authority, 'User-Agent': val('user-agent') ?? 'curl/8.5.0', Accept: '*/*', ...headers }, body }, Number.isFinite(deadline) ? deadline + 1 : 130_000);
      if (!o.ok) {
        if (o.failure.kind === 'refused') return fail(7, `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`);
        if (o.failure.kind === 'unresolved') return fail(6, `Could not resolve host: ${url.host}`);
        if (!Number.isFinite(deadline)) return fail(28, `Failed to connect to ${url.host} port ${url.port} after 130000 ms: Couldn't connect to server`);
        return fail(28, `Connection timed out after ${deadline + 1} milliseconds`);
      }
      res = o.res;
      const loc = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'location')?.[1];
      if (has('location') && res.status >= 300 && res.status < 400 && loc) {
        const next: Url | undefined = loc.startsWith('/') ? { ...url, path: loc } : parseUrl(loc);
        if (!next) break;
        url = next;
        continue;
      }
      break;
    }
    if (!res) continue;
    if (has('fail') && res.status >= 400) {
      status = await fail(22, `The requested URL returned error: ${res.status}`);
      continue;
    }
    const head = `HTTP/1.1 ${res.status} ${res.statusText}\r\n${Object.entries(res.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
    let text = has('head') ? head : (has('include') ? head : '') + res.body;
    const outFile = val('output') ?? (has('remote-name') ? url.path.split('/').pop() || 'index.html' : undefined);
    const size = Buffer.byteLength(res.body);
    if (!silent && !io.sys.interactive && outFile !== undefined) {
      const speed = size < 1000 ? String(size * 10) : `${Math.round(size / 100)}k`;
      await io.stderr.write(
        '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
          '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
          `100 ${String(size).padStart(5)}  100 ${String(size).padStart(5)}    0     0 ${speed.padStart(6)}      0 --:--:-- --:--:-- --:--:-- ${speed.padStart(5)}\n`,
      );
    }
    if (outFile !== undefined && outFile !== '-') {
      try {
        io.fs.writeFile(io.path(outFile), text);
      } catch (e) {
        return fail(23, `Failure writing output to destination: ${errText(e)}`);
      }
      text = '';
    }
    const w = val('write-out');
    if (w !== undefined) {
      text += w
        .replace(/%\{(\w+)\}/g, (_, k: string) => {
          switch (k) {
            case 'http_code':
            case 'response_code':
              return String(res!.status).padStart(3, '0');
            case 'size_download':
              return String(size);
            case 'time_total':
            case 'time_connect':
            case 'time_starttransfer':
              return '0.001000';
            case 'content_type':
              return Object.entries(res!.headers).find(([h]) => h.toLowerCase() === 'content-type')?.[1] ?? '';
            case 'url_effective':
              return urlString(url);
            case 'remote_ip':
              return ip;
            case 'remote_port':
              return String(url!.port);
          }
          return '';
        })
        .replace(/\\n/g, '\n')
        .replace(/\\t/g, '\t');
    }
    await io.out(text);
  }
  return status;
};

/** busybox nc: -z (scan) with -v and -w SEC; a plain connection reads standard input and closes. */
export const nc: Applet = async (io) => {
  const args = io.argv.slice(1);
  let zero = false;
  let verbose = false;
  let wait = 0;
  const ops: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === 'z') zero = true;
        else if (c === 'v') verbose = true;
        else if (c === 'w') {
          wait = Number(a.slice(j + 1) || args[++i]);
          break;
        } else if (c === 'l' || c === 'k') {
          // listening: a server the cluster network does not route to; wait until killed
          await io.sleep(Number.MAX_SAFE_INTEGER);
          return 0;
        } else if (!'nu46'.includes(c)) {
          await io.err(`invalid option -- '${c}'`);
          return 1;
        }
      }
    } else ops.push(a);
  }
  const [host, portSpec] = ops;
  if (!host || !portSpec) return usage(io, 'nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen');
  const r = await addressesOf(io, host);
  if (!r?.addresses.length) {
    await io.err(`bad address '${host}'`);
    return 1;
  }
  const [lo, hi] = portSpec.split('-').map(Number);
  let status = 0;
  for (let port = lo; port <= (hi || lo); port++) {
    const deadline = wait > 0 ? wait * 1000 : 130_000;
    let timedOut = false;
    const timer = io.sleep(deadline).then(() => {
      timedOut = true;
    });
    const res = await Promise.race([io.ctx.network.connect(host, port), timer.then(() => undefined)]);
    let outcome: 'open' | 'refused' | 'timeout' = res === true ? 'open' : res && res.kind === 'refused' ? 'refused' : 'timeout';
    if (res && res !== true && res.kind === 'timeout' && !timedOut) await timer;
    if (res && res !== true && res.kind === 'unresolved') outcome = 'refused';
    const where = `${host} (${r.addresses[0]}:${port})`;
    if (outcome === 'open') {
      if (verbose) await io.stderr.write(`${where} open\n`);
      if (!zero) await io.stdin.readAll(io.sys.limits.maxString);
    } else {
      await io.err(`${where}: ${outcome === 'refused' ? 'Connection refused' : 'Connection timed out'}`);
      status = 1;
    }
  }
  return status;
};
