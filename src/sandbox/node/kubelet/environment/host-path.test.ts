import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkHostPathType, nodeFilesystem } from './host-path.ts';

const node = () => nodeFilesystem('kubecamp-worker', '172.18.0.3', () => 0);

test('the node has its own /etc files and kubelet directories', () => {
  const n = node();
  assert.equal(n.fs.readFile('/etc/hostname'), 'kubecamp-worker\n');
  assert.match(n.fs.readFile('/etc/hosts'), /172\.18\.0\.3\tkubecamp-worker/);
  assert.equal(n.fs.stat('/var/log/pods').type, 'dir');
});

test('DirectoryOrCreate and FileOrCreate create what is missing', () => {
  const n = node();
  assert.equal(checkHostPathType(n, '/data/app', 'DirectoryOrCreate'), undefined);
  assert.equal(n.fs.stat('/data/app').type, 'dir');
  assert.equal(n.fs.stat('/data/app').mode, 0o755);
  assert.equal(checkHostPathType(n, '/data/app/log.txt', 'FileOrCreate'), undefined);
  assert.equal(n.fs.readFile('/data/app/log.txt'), '');
  assert.equal(checkHostPathType(n, '/nowhere/x.txt', 'FileOrCreate'), 'open /nowhere/x.txt: no such file or directory');
});

test('the other types must exist and be of that type, with upstream messages', () => {
  const n = node();
  assert.equal(checkHostPathType(n, '/var/log', 'Directory'), undefined);
  assert.equal(checkHostPathType(n, '/mnt/missing', 'Directory'), 'hostPath type check failed: /mnt/missing is not a directory');
  assert.equal(checkHostPathType(n, '/etc/hosts', 'File'), undefined);
  assert.equal(checkHostPathType(n, '/etc', 'File'), 'hostPath type check failed: /etc is not a file');
  assert.equal(checkHostPathType(n, '/etc/hosts', 'DirectoryOrCreate'), 'hostPath type check failed: /etc/hosts is not a directory');
  assert.equal(checkHostPathType(n, '/run/containerd/containerd.sock', 'Socket'), undefined);
  assert.equal(checkHostPathType(n, '/var/run/containerd/containerd.sock', 'Socket'), undefined);
  assert.equal(checkHostPathType(n, '/etc/hosts', 'Socket'), 'hostPath type check failed: /etc/hosts is not a socket file');
  assert.equal(checkHostPathType(n, '/dev/null', 'CharDevice'), undefined);
  assert.equal(checkHostPathType(n, '/dev/null', 'BlockDevice'), 'hostPath type check failed: /dev/null is not a block device');
  assert.equal(checkHostPathType(n, '/anything', undefined), undefined);
});
