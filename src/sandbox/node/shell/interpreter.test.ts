import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryFs } from '../fs/memory-fs.ts';
import { projectedVolumeFs } from '../fs/projected-volume.ts';
import { busyboxContainer } from './testing.ts';

async function sh(script: string, env?: Record<string, string>) {
  const c = busyboxContainer();
  const status = await c.sh(script, { env });
  return { status, out: c.stdout(), err: c.stderr() };
}

describe('shell language', () => {
  it('expands parameters with busybox semantics', async () => {
    const r = await sh('x=abc; echo ${x:-d} ${y:-d} ${#x} ${x#a} ${x%c} ${x/b/B} ${x:1:1}; p=/a/b/c.tar.gz; echo ${p##*/} ${p%%.*} ${p%.*}; echo ${u=set} $u; echo ${e:+alt}x ${x:+alt}');
    assert.equal(r.out, 'abc d 3 bc ab aBc b\nc.tar.gz /a/b/c /a/b/c.tar\nset set\nx alt\n');
  });

  it('splits unquoted expansions on IFS, keeps quoted ones, and expands "$@"', async () => {
    const r = await sh('x="a  b"; for i in $x; do echo "[$i]"; done; set -- a "b c"; for i in "$@"; do echo "[$i]"; done; echo $#; IFS=:; y=p:q; for i in $y; do echo $i; done');
    assert.equal(r.out, '[a]\n[b]\n[a]\n[b c]\n2\np\nq\n');
  });

  it('evaluates arithmetic as ash', async () => {
    const r = await sh('a=1 b=2; echo $((a+b*2)) $((2**3)) $((7%3)) $((1<2)) $((x=5)) $x $((0x10 + 010)) $((1 ? 2 : 3)) $(( 5 >> 1 )); i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i');
    assert.equal(r.out, '5 8 1 1 5 5 24 2 2\n3\n');
  });

  it('ends the shell with status 2 on expansion errors, with ash messages', async () => {
    assert.deepEqual(await sh('echo $((1/0)); echo no'), { status: 2, out: '', err: '/bin/sh: divide by zero\n' });
    assert.deepEqual(await sh('echo ${x?unset!}'), { status: 2, out: '', err: '/bin/sh: x: unset!\n' });
    assert.deepEqual(await sh('echo ${x:?}'), { status: 2, out: '', err: '/bin/sh: x: parameter not set or null\n' });
    assert.deepEqual(await sh('fi'), { status: 2, out: '', err: '/bin/sh: syntax error: unexpected "fi"\n' });
    assert.deepEqual(await sh('x=1; readonly x; x=2; echo $x'), { status: 2, out: '', err: '/bin/sh: x: is read only\n' });
  });

  it('runs job-style scripts with their exit status', async () => {
    assert.deepEqual(await sh('for i in 1 2 3; do echo $i; done; exit 3'), { status: 3, out: '1\n2\n3\n', err: '' });
    assert.equal((await sh('exit 300')).status, 44);
    assert.deepEqual(await sh('exit abc'), { status: 2, out: '', err: '/bin/sh: exit: line 0: Illegal number: abc\n' });
  });

  it('reports unknown commands with status 127 and the invoking name', async () => {
    assert.deepEqual(await sh('foo; echo $?'), { status: 0, out: '127\n', err: '/bin/sh: foo: not found\n' });
    const c = busyboxContainer();
    assert.equal(await c.run(['sh', '-c', 'nosuchcmd']), 127);
    assert.equal(c.stderr(), 'sh: nosuchcmd: not found\n');
  });

  it('runs if/elif/else, case, while/until, break/continue, functions with return and local', async () => {
    const r = await sh(`
      f() { local v=inner; echo "f $1 $v"; return 4; }
      v=outer; f arg; echo "status $? v=$v"
      for x in a b c d; do case $x in a) continue;; b|c) echo "bc:$x";; *) break;; esac; done
      n=0; until [ $n -ge 2 ]; do n=$((n+1)); done
      if [ $n -eq 1 ]; then echo one; elif [ $n -eq 2 ]; then echo two; else echo other; fi
      for i in 1 2; do for j in 1 2; do [ $j = 2 ] && continue 2; echo $i$j; done; done
    `);
    assert.equal(r.out, 'f arg inner\nstatus 4 v=outer\nbc:b\nbc:c\ntwo\n11\n21\n');
  });

  it('connects pipelines and lists', async () => {
    const r = await sh('printf "b\\na\\nb\\n" | sort | uniq -c; true && echo and; false || echo or; false && echo never; ! false; echo $?; echo a | { read x; echo "got $x"; }');
    assert.equal(r.out, '      1 a\n      2 b\nand\nor\n0\ngot a\n');
  });

  it('stops an endless producer when the reader exits (SIGPIPE)', async () => {
    const r = await sh('yes | head -n 2; echo "${?}"; while true; do echo x; done | head -n 1');
    assert.equal(r.out, 'y\ny\n0\nx\n');
  });

  it('substitutes commands, backticks and nested quotes', async () => {
    const r = await sh('echo `echo a \\`echo b\\``; echo "$(echo "in $(echo nested)")"; x=$(printf "a\\n\\n\\n"); echo "[$x]"');
    assert.equal(r.out, 'a b\nin nested\n[a]\n');
  });

  it('redirects output, appends, reads files, and duplicates descriptors', async () => {
    const c = busyboxContainer();
    await c.sh('echo one > /tmp/f; echo two >> /tmp/f; cat < /tmp/f; ls /nope 2>&1 | sed s/nope/NOPE/; ls /nope 2>/dev/null; echo $?; echo err >&2; echo visible > /dev/stdout; cat <<EOF\nhi $HOSTNAME\nEOF\ncat <<< "here string"');
    assert.equal(c.stdout(), 'one\ntwo\nls: /NOPE: No such file or directory\n1\nvisible\nhi web-0\nhere string\n');
    assert.equal(c.stderr(), 'err\n');
  });

  it('reports redirection failures as ash does', async () => {
    const r = await sh('echo > /nonexistent/x; echo $?; cat < /nope; echo $?; echo a >&3');
    assert.equal(r.out, '1\n1\n');
    assert.equal(r.err, '/bin/sh: can\'t create /nonexistent/x: nonexistent directory\n/bin/sh: can\'t open /nope: no such file\n/bin/sh: 3: Bad file descriptor\n');
  });

  it('refuses to write to a read-only mount', async () => {
    const c = busyboxContainer();
    c.fs.mount('/etc/config', projectedVolumeFs([{ path: 'app.conf', content: 'x=1\n' }], { now: () => c.clock.now() }), { readOnly: true });
    const status = await c.run(['sh', '-c', 'echo hi > /etc/config/x; echo $?; touch /etc/config/y; cat /etc/config/app.conf']);
    assert.equal(status, 0);
    assert.equal(c.stderr(), "sh: can't create /etc/config/x: Read-only file system\ntouch: /etc/config/y: Read-only file system\n");
    assert.equal(c.stdout(), '1\nx=1\n');
  });

  it('gives a non-root process EACCES on root-owned files', async () => {
    const c = busyboxContainer({ user: { uid: 1000, gid: 3000 } });
    const status = await c.run(['sh', '-c', 'echo x >> /etc/passwd; id; echo ok > /tmp/mine; ls -ln /tmp/mine']);
    assert.equal(status, 0);
    assert.equal(c.stderr(), "sh: can't create /etc/passwd: Permission denied\n");
    assert.match(c.stdout(), /^uid=1000 gid=3000 groups=3000\n-rw-r--r-- {4}1 1000 {5}3000 {13}3 Jan {2}1 00:00 \/tmp\/mine\n$/);
  });

  it('runs a script file with a shebang and reports its line numbers', async () => {
    const c = busyboxContainer({ files: {} });
    c.fs.writeFile('/run.sh', '#!/bin/sh\necho "args: $*"\nfoo\ncd /nope\n', { mode: 0o755 });
    c.fs.writeFile('/noexec.sh', 'echo x\n');
    const status = await c.sh('/run.sh a b; /noexec.sh; echo $?; sh /missing.sh; echo $?');
    assert.equal(status, 0);
    assert.equal(c.stdout(), 'args: a b\n126\n2\n');
    assert.equal(c.stderr(), "/run.sh: line 3: foo: not found\n/run.sh: cd: line 4: can't cd to /nope: No such file or directory\n/bin/sh: /noexec.sh: Permission denied\nsh: can't open '/missing.sh': No such file or directory\n");
  });

  it('expands globs against the filesystem, sorted, leaving unmatched patterns', async () => {
    const c = busyboxContainer();
    c.fs.mount('/cfg', new MemoryFs({ now: () => 0 }).populate({ '/b.yaml': '', '/a.yaml': '', '/.hidden': '', '/c.txt': '' }));
    await c.sh('echo /cfg/*.yaml; echo /cfg/*; echo /cfg/*.none; echo "/cfg/*"');
    assert.equal(c.stdout(), '/cfg/a.yaml /cfg/b.yaml\n/cfg/a.yaml /cfg/b.yaml /cfg/c.txt\n/cfg/*.none\n/cfg/*\n');
  });

  it('runs traps on EXIT and on signals, set -e, set -x', async () => {
    assert.deepEqual(await sh('trap "echo bye" EXIT; echo hi'), { status: 0, out: 'hi\nbye\n', err: '' });
    assert.deepEqual(await sh('set -e; false; echo no'), { status: 1, out: '', err: '' });
    assert.deepEqual(await sh('set -e; false || true; if false; then :; fi; echo yes'), { status: 0, out: 'yes\n', err: '' });
    assert.deepEqual(await sh('set -x; echo hi'), { status: 0, out: 'hi\n', err: '+ echo hi\n' });
  });
});
