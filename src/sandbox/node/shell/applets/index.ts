// The applets the shell can run, by name (busybox's applet table).
import type { Applet } from '../command.ts';
import { cat } from './cat.ts';
import { date } from './date.ts';
import { echo } from './echo.ts';
import { env, printenv } from './env.ts';
import { chgrp, chmod, chown, cp, ln, mkdir, mv, readlink, realpathApplet, rm, rmdir, touch } from './file-ops.ts';
import { find } from './find.ts';
import { grep } from './grep.ts';
import { head } from './head.ts';
import { id, whoami } from './id.ts';
import { ls } from './ls.ts';
import { base64, basename, busybox, dirname, falseApplet, md5sum, nohup, pwd, sha1sum, sha256sum, sha512sum, timeout, trueApplet, which, xargs, yes } from './misc.ts';
import { curl, getent, nc, nslookup, wget } from './network.ts';
import { printf } from './printf.ts';
import { kill, ps } from './procs.ts';
import { sed } from './sed.ts';
import { seq } from './seq.ts';
import { sh } from './sh.ts';
import { sleep, usleep } from './sleep.ts';
import { stat } from './stat.ts';
import { df, du, free, hostname, mount, nproc, uname, uptime } from './system.ts';
import { tail } from './tail.ts';
import { tee } from './tee.ts';
import { test } from './test.ts';
import { cut, sort, tr, uniq } from './text.ts';
import { wc } from './wc.ts';

export const APPLETS: ReadonlyMap<string, Applet> = new Map<string, Applet>([
  ['sh', sh], ['ash', sh], ['bash', sh], ['busybox', busybox],
  ['echo', echo], ['printf', printf], ['test', test], ['[', test], ['[[', test], ['true', trueApplet], ['false', falseApplet],
  ['sleep', sleep], ['usleep', usleep], ['cat', cat], ['ls', ls], ['env', env], ['printenv', printenv],
  ['hostname', hostname], ['date', date], ['touch', touch], ['mkdir', mkdir], ['rmdir', rmdir], ['rm', rm], ['cp', cp], ['mv', mv],
  ['ln', ln], ['chmod', chmod], ['chown', chown], ['chgrp', chgrp], ['readlink', readlink], ['realpath', realpathApplet],
  ['head', head], ['tail', tail], ['wc', wc], ['grep', grep], ['egrep', grep], ['fgrep', grep], ['sed', sed],
  ['cut', cut], ['tr', tr], ['sort', sort], ['uniq', uniq], ['tee', tee], ['seq', seq], ['id', id], ['whoami', whoami],
  ['pwd', pwd], ['uname', uname], ['df', df], ['du', du], ['mount', mount], ['free', free], ['uptime', uptime], ['nproc', nproc],
  ['ps', ps], ['kill', kill], ['stat', stat], ['find', find], ['xargs', xargs], ['base64', base64],
  ['md5sum', md5sum], ['sha1sum', sha1sum], ['sha256sum', sha256sum], ['sha512sum', sha512sum],
  ['nslookup', nslookup], ['getent', getent], ['wget', wget], ['curl', curl], ['nc', nc],
  ['basename', basename], ['dirname', dirname], ['which', which], ['timeout', timeout], ['nohup', nohup], ['yes', yes],
]);
