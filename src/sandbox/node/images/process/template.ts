// `${...}` expressions in catalogue strings (log lines, file contents, HTTP bodies). The grammar
// is deliberately small: `${root.key}` or `${root.key:-default}`, where the default is itself a
// template (`${env.POSTGRES_DB:-${env.POSTGRES_USER:-postgres}}`), and `$$` for a literal `$`.
// An unknown root is an error at catalogue validation (catalogue.test.ts), never a silent blank.
import { TIME_LAYOUTS, isTimeLayout } from './time-formats.ts';

export interface NodeFacts {
  /** CPUs of the node (nginx starts one worker per CPU). */
  cpus: number;
  /** `uname -r` of the node. */
  kernel: string;
  name: string;
  /** Whether the pod network offers IPv6 (nginx's entrypoint enables `listen [::]:80` then). */
  ipv6: boolean;
}

export interface TemplateScope {
  env: Readonly<Record<string, string>>;
  image: Readonly<Record<string, string>>;
  node: NodeFacts;
  pod: { ip: string; hostname: string };
  args: readonly string[];
  vars: Readonly<Record<string, string>>;
  now(): number;
  /** Uniform in [0, 1), injected. */
  random(): number;
  /** The next process id the program hands out (worker processes, temporary servers). */
  nextPid(): number;
  i?: number;
  req?: Readonly<Record<string, string>>;
  res?: Readonly<Record<string, string>>;
  file?: string;
  /** Reads a file's content for `${read.<path>}`; undefined when it cannot be read. */
  readFile?(path: string): string | undefined;
}

export const TEMPLATE_ROOTS = ['env', 'image', 'node', 'pod', 'arg', 'args', 'flag', 'var', 'time', 'i', 'nextPid', 'random', 'req', 'res', 'file', 'read'] as const;

export function renderTemplate(text: string, scope: TemplateScope): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    // Plain text up to the next `$` is copied in one piece (file contents are mostly plain).
    const dollar = text.indexOf('$', i);
    if (dollar < 0) return out + text.slice(i);
    out += text.slice(i, dollar);
    i = dollar;
    if (text[i + 1] === '$') {
      out += '$';
      i += 2;
    } else if (text[i + 1] === '{') {
      const end = matchingBrace(text, i + 1);
      out += evaluate(text.slice(i + 2, end), scope);
      i = end + 1;
    } else {
      out += '$';
      i++;
    }
  }
  return out;
}

/** The expressions of a template (for validation): `['env.PGDATA', 'time.pg']`. */
export function templateExpressions(text: string): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '$' && text[i + 1] === '$') i += 2;
    else if (text[i] === '$' && text[i + 1] === '{') {
      const end = matchingBrace(text, i + 1);
      const { expr, fallback } = splitDefault(text.slice(i + 2, end));
      found.push(expr);
      if (fallback !== undefined) found.push(...templateExpressions(fallback));
      i = end + 1;
    } else i++;
  }
  return found;
}

/** Whether an expression names something the evaluator knows (the key of env/var/... is free). */
export function isKnownExpression(expr: string): boolean {
  const { root, key } = splitRoot(expr);
  switch (root) {
    case 'i':
    case 'nextPid':
    case 'args':
      return key === undefined;
    case 'time':
      return key !== undefined && isTimeLayout(key);
    case 'random':
      return key === 'hex16' || key === 'password' || key === 'digits3';
    case 'node':
      return key === 'cpus' || key === 'kernel' || key === 'name' || key === 'ipv6';
    case 'pod':
      return key === 'ip' || key === 'hostname';
    case 'file':
      return key === undefined;
    case 'read':
      return key !== undefined && (key.startsWith('/') || key.startsWith('${'));
    case 'arg':
      return key !== undefined && /^\d+$/.test(key);
    default:
      return (TEMPLATE_ROOTS as readonly string[]).includes(root) && key !== undefined && key !== '';
  }
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === '{') depth++;
    else if (text[j] === '}') {
      depth--;
      if (depth === 0) return j;
    }
  }
  throw new Error(`unterminated \${ in template: ${text}`);
}

function splitDefault(body: string): { expr: string; fallback?: string } {
  const at = body.indexOf(':-');
  return at < 0 ? { expr: body } : { expr: body.slice(0, at), fallback: body.slice(at + 2) };
}

function splitRoot(expr: string): { root: string; key?: string } {
  const dot = expr.indexOf('.');
  return dot < 0 ? { root: expr } : { root: expr.slice(0, dot), key: expr.slice(dot + 1) };
}

function evaluate(body: string, scope: TemplateScope): string {
  const { expr, fallback } = splitDefault(body);
  const value = lookup(expr, scope);
  if (value === undefined || value === '') return fallback === undefined ? '' : renderTemplate(fallback, scope);
  return value;
}

function lookup(expr: string, scope: TemplateScope): string | undefined {
  const { root, key = '' } = splitRoot(expr);
  switch (root) {
    case 'env':
      return scope.env[key];
    case 'image':
      return scope.image[key];
    case 'node':
      return key === 'ipv6' ? String(scope.node.ipv6) : key === 'cpus' ? String(scope.node.cpus) : key === 'kernel' ? scope.node.kernel : scope.node.name;
    case 'pod':
      return key === 'ip' ? scope.pod.ip : scope.pod.hostname;
    case 'arg':
      return scope.args[Number(key)];
    case 'args':
      return scope.args.join(' ');
    case 'flag':
      return flagValue(scope.args, key);
    case 'var':
      return scope.vars[key];
    case 'time': {
      if (!isTimeLayout(key)) throw new Error(`unknown time layout ${key}`);
      return TIME_LAYOUTS[key](new Date(scope.now()), String(Math.floor(scope.random() * 1000)).padStart(3, '0'));
    }
    case 'i':
      return scope.i === undefined ? undefined : String(scope.i);
    case 'nextPid':
      return String(scope.nextPid());
    case 'random':
      return randomText(key, scope.random);
    case 'req':
      return scope.req?.[key];
    case 'res':
      return scope.res?.[key];
    case 'file':
      return scope.file;
    case 'read':
      return scope.readFile?.(renderTemplate(key, scope))?.trim();
    default:
      throw new Error(`unknown template expression \${${expr}}`);
  }
}

/** The value after `--name`, from `--name value` or `--name=value`. */
export function flagValue(args: readonly string[], name: string): string | undefined {
  for (let j = 0; j < args.length; j++) {
    if (args[j] === name) return args[j + 1];
    if (args[j].startsWith(`${name}=`)) return args[j].slice(name.length + 1);
  }
  return undefined;
}

function randomText(kind: string, random: () => number): string {
  const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  if (kind === 'hex16') return pick('0123456789abcdef', 16);
  if (kind === 'digits3') return pick('0123456789', 3);
  return pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 32);
}
