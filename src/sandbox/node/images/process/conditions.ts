// Evaluates a catalogue Condition against a running program: its environment, arguments, files.
import type { FileSystem } from '../../fs/types.ts';
import type { Condition } from '../catalogue/types.ts';
import { flagValue, renderTemplate, type TemplateScope } from './template.ts';

export interface ConditionContext {
  scope: TemplateScope;
  fs: FileSystem;
  hasStdin: boolean;
}

export function holds(cond: Condition, ctx: ConditionContext): boolean {
  const t = (s: string) => renderTemplate(s, ctx.scope);
  if ('all' in cond) return cond.all.every((c) => holds(c, ctx));
  if ('any' in cond) return cond.any.some((c) => holds(c, ctx));
  if ('not' in cond) return !holds(cond.not, ctx);
  if ('env' in cond) {
    const set = (ctx.scope.env[cond.env] ?? '') !== '';
    return cond.is === 'set' ? set : !set;
  }
  if ('value' in cond) return cond.in.includes(t(cond.value));
  if ('exists' in cond) return ctx.fs.exists(t(cond.exists));
  if ('nonEmptyDir' in cond) {
    const path = t(cond.nonEmptyDir);
    try {
      return ctx.fs.stat(path).type === 'dir' && ctx.fs.readDir(path).length > 0;
    } catch {
      return false;
    }
  }
  if ('flag' in cond) {
    const present = ctx.scope.args.some((a) => a === cond.flag || a.startsWith(`${cond.flag}=`));
    if (!present) return false;
    if (cond.contains === undefined) return true;
    return (flagValue(ctx.scope.args, cond.flag) ?? '').includes(cond.contains);
  }
  if ('contains' in cond) {
    try {
      return ctx.fs.readFile(t(cond.contains.file)).includes(t(cond.contains.text));
    } catch {
      return false;
    }
  }
  if ('writable' in cond) {
    const path = t(cond.writable);
    try {
      ctx.fs.writeFile(path, ctx.fs.readFile(path));
      return true;
    } catch {
      return false;
    }
  }
  if ('arg' in cond) {
    const a = ctx.scope.args[cond.arg];
    if (a === undefined) return false;
    if (cond.in && !cond.in.includes(a)) return false;
    if (cond.prefix !== undefined && !a.startsWith(cond.prefix)) return false;
    return true;
  }
  if ('stdin' in cond) return ctx.hasStdin;
  const exhaustive: never = cond;
  return exhaustive;
}
