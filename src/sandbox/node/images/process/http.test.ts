import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { container, get } from './testing.ts';

async function nginx() {
  const c = container('nginx');
  c.fs.mkdir('/usr/share/nginx/html/docs');
  c.fs.mkdir('/usr/share/nginx/html/empty');
  c.fs.writeFile('/usr/share/nginx/html/docs/index.html', 'docs\n');
  c.fs.writeFile('/usr/share/nginx/html/app.js', 'console.log(1)\n');
  const r = c.start();
  assert.ok(r.ok);
  await c.clock.advance(1000);
  return { c, p: r.process };
}

describe('static sites the nginx way', () => {
  it('redirects a directory without its slash, serves its index, forbids an index-less one', async () => {
    const { p } = await nginx();
    const moved = await p.handleHttp(get('/docs', 80));
    assert.ok('status' in moved);
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.Location, 'http://10.244.1.5:80/docs/');
    assert.match(moved.body, /<center><h1>301 Moved Permanently<\/h1><\/center>/);
    const index = await p.handleHttp(get('/docs/', 80));
    assert.ok('status' in index && index.status === 200 && index.body === 'docs\n');
    const forbidden = await p.handleHttp(get('/empty/', 80));
    assert.ok('status' in forbidden && forbidden.status === 403);
    assert.match(p.logs.at(-2)!.text, /\[error\] 29#29: \*3 directory index of "\/usr\/share\/nginx\/html\/empty\/" is forbidden, client: 10\.244\.1\.1/);
  });

  it('types files by extension and answers HEAD without a body', async () => {
    const { p } = await nginx();
    const js = await p.handleHttp(get('/app.js', 80));
    assert.ok('status' in js);
    assert.equal(js.headers['Content-Type'], 'application/javascript');
    const head = await p.handleHttp({ ...get('/', 80), method: 'HEAD' });
    assert.ok('status' in head);
    assert.equal(head.body, '');
    assert.equal(head.headers['Content-Length'], '615');
  });

  it('refuses other methods on static files with nginx\'s "405 Not Allowed"', async () => {
    const { p } = await nginx();
    const post = await p.handleHttp({ ...get('/', 80), method: 'POST' });
    assert.ok('status' in post);
    assert.equal(post.status, 405);
    assert.equal(post.statusText, 'Not Allowed');
    assert.match(post.body, /<title>405 Not Allowed<\/title>/);
  });
});
