// The catalogue is data: these checks keep every entry startable and every template meaningful,
// so a typo in a family file fails here rather than in a learner's pod.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryFs } from '../../fs/memory-fs.ts';
import { ImageCatalogue } from '../image-catalogue.ts';
import { imagePrograms, imageUser, writeImageFiles } from '../image-files.ts';
import { effectiveArgv, lookPath, mergeEnv, realPath } from '../process/command.ts';
import { isKnownExpression, templateExpressions } from '../process/template.ts';
import { parseImageReference } from '../reference.ts';
import { CATALOGUE } from './index.ts';
import type { Behaviour, Condition, ImageFamily, Step } from './types.ts';

/** Families whose default configuration has no command on purpose (the runtime refuses to create them). */
const NO_COMMAND = new Set(['gcr.io/distroless/static-debian12']);
/** Repositories that have no `latest` tag upstream. */
const NO_LATEST = new Set(['gcr.io/google-samples/hello-app']);

function conditionTemplates(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(conditionTemplates);
  if ('any' in c) return c.any.flatMap(conditionTemplates);
  if ('not' in c) return conditionTemplates(c.not);
  if ('value' in c) return [c.value];
  if ('exists' in c) return [c.exists];
  if ('nonEmptyDir' in c) return [c.nonEmptyDir];
  if ('flag' in c) return [];
  if ('contains' in c) return [c.contains.file, c.contains.text];
  if ('writable' in c) return [c.writable];
  return [];
}

function stepTemplates(steps: readonly Step[]): string[] {
  return steps.flatMap((s): string[] => {
    if ('log' in s) return s.log;
    if ('sleep' in s) return typeof s.sleep === 'string' ? [s.sleep] : [];
    if ('if' in s) return [...conditionTemplates(s.if), ...stepTemplates(s.then), ...stepTemplates(s.else ?? [])];
    if ('write' in s) return [s.write, s.content];
    if ('mkdir' in s) return [s.mkdir];
    if ('remove' in s) return [s.remove];
    if ('replace' in s) return [s.replace, s.find, s.with];
    if ('set' in s) return Object.values(s.set);
    if ('setArgs' in s) return s.setArgs.filter((a) => a !== '$@');
    if ('repeat' in s) return [s.repeat, ...stepTemplates(s.steps)];
    if ('forEachFile' in s) return [s.forEachFile, ...stepTemplates(s.steps)];
    if ('listen' in s) return s.listen;
    if ('listenFrom' in s) return [s.listenFrom.path, ...s.listenFrom.otherwise];
    return [];
  });
}

function behaviourTemplates(b: Behaviour): string[] {
  const http = b.http
    ? [
        b.http.port,
        ...Object.values(b.http.headers ?? {}),
        ...(b.http.accessLog ? [b.http.accessLog.line] : []),
        ...[...b.http.routes.map((r) => r.answer), b.http.fallback].flatMap((a) =>
          'static' in a ? [a.static.root] : [a.body, ...Object.values(a.headers ?? {}), ...(a.log ? [a.log.line] : [])],
        ),
        ...b.http.routes.flatMap((r) => (r.when ? conditionTemplates(r.when) : [])),
      ]
    : [];
  const signals = Object.values(b.signals ?? {}).flatMap((h) => stepTemplates(h.steps));
  return [...stepTemplates(b.steps), ...http, ...signals];
}

function listens(steps: readonly Step[]): boolean {
  return steps.some((s) => 'listen' in s || 'listenFrom' in s || ('if' in s && (listens(s.then) || listens(s.else ?? []))));
}

const key = (f: ImageFamily) => `${f.registry}/${f.repository}`;

describe('image catalogue data', () => {
  it('builds: no repository twice, no tag in two variants, every program names a behaviour', () => {
    assert.doesNotThrow(() => new ImageCatalogue());
    const broken: ImageFamily = { ...CATALOGUE[0], variants: [CATALOGUE[0].variants[0], CATALOGUE[0].variants[0]] };
    assert.throws(() => new ImageCatalogue([broken]), /names two variants/);
    assert.throws(() => new ImageCatalogue([CATALOGUE[0], CATALOGUE[0]]), /defined twice/);
  });

  it('uses only template expressions the engine knows', () => {
    for (const family of CATALOGUE) {
      for (const [name, b] of Object.entries(family.behaviours)) {
        for (const t of behaviourTemplates(b)) {
          for (const expr of templateExpressions(t)) assert.ok(isKnownExpression(expr), `${key(family)} ${name}: unknown \${${expr}} in ${JSON.stringify(t)}`);
        }
      }
    }
  });

  it('has valid tags and a latest tag in every family', () => {
    for (const family of CATALOGUE) {
      const tags = family.variants.flatMap((v) => v.tags);
      if (!NO_LATEST.has(key(family))) assert.ok(tags.includes('latest'), `${key(family)} has no latest`);
      for (const tag of tags) assert.ok(parseImageReference(`${key(family)}:${tag}`).ok, `${key(family)}:${tag}`);
      for (const v of family.variants) assert.ok(v.sizeBytes > 0 && v.vars.version, `${key(family)}:${v.tags[0]}`);
    }
  });

  it('can start every image: the default command resolves to a program of the image, the user exists', () => {
    for (const family of CATALOGUE) {
      for (const variant of family.variants) {
        const name = `${key(family)}:${variant.tags[0]}`;
        assert.ok(!('error' in imageUser(variant)), `${name}: user ${variant.config.user}`);
        const argv = effectiveArgv(variant.config, {});
        if (NO_COMMAND.has(key(family)) && !variant.config.entrypoint) {
          assert.equal(argv.length, 0, name);
          continue;
        }
        const fs = new MemoryFs({ now: () => 0 });
        writeImageFiles(fs, variant);
        const env = mergeEnv(variant.config, {});
        const found = lookPath(argv[0], env, fs, variant.config.workingDir ?? '/');
        assert.ok(found.ok, `${name}: ${argv[0]}: ${found.ok ? '' : found.error}`);
        const programs = imagePrograms(variant);
        assert.ok(programs[realPath(fs, found.path)] ?? programs[found.path], `${name}: ${found.path} is not a program of the image`);
      }
    }
  });

  it('gives every HTTP service a port to listen on', () => {
    for (const family of CATALOGUE) {
      for (const [name, b] of Object.entries(family.behaviours)) {
        if (b.http) assert.ok(listens(b.steps), `${key(family)} ${name} answers HTTP but never listens`);
      }
    }
  });

  it('knows the images a Kubernetes course reaches for', () => {
    const catalogue = new ImageCatalogue();
    for (const image of ['nginx', 'nginx:1.14.2', 'nginx:alpine', 'httpd', 'busybox', 'busybox:1.28', 'alpine', 'ubuntu', 'debian', 'redis', 'postgres', 'mysql', 'rabbitmq:management', 'registry.k8s.io/pause:3.10', 'registry.k8s.io/busybox', 'kubecamp/demo-app:1.1', 'curlimages/curl', 'registry.k8s.io/hpa-example']) {
      const r = parseImageReference(image);
      assert.ok(r.ok && catalogue.lookup(r.ref).kind === 'found', image);
    }
  });
});
