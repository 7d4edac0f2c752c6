import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { loadOrCreateCA, servingCertificate } from './tls.ts';

describe('sandbox TLS files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubecamp-tls-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the CA and reuses a serving certificate that still fits', async () => {
    const ca = await loadOrCreateCA(dir);
    const again = await loadOrCreateCA(dir);
    assert.equal(again.certPem, ca.certPem);
    const a = await servingCertificate(dir, ca, ['127.0.0.1', 'localhost']);
    const b = await servingCertificate(dir, ca, ['127.0.0.1', 'localhost']);
    assert.equal(b.certPem, a.certPem);
    assert.ok(new X509Certificate(a.certPem).verify(new X509Certificate(ca.certPem).publicKey));
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temp files left behind');
  });

  it('reissues a serving certificate whose key does not match it (a crash between the two writes)', async () => {
    const ca = await loadOrCreateCA(dir);
    const first = await servingCertificate(dir, ca, ['127.0.0.1']);
    // Another key, as if the new key was written and the crash came before the certificate.
    const other = mkdtempSync(join(tmpdir(), 'kubecamp-tls-other-'));
    try {
      await servingCertificate(other, ca, ['127.0.0.1']);
      copyFileSync(join(other, 'server.key'), join(dir, 'server.key'));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    const fixed = await servingCertificate(dir, ca, ['127.0.0.1']);
    assert.notEqual(fixed.certPem, first.certPem);
    assert.ok(new X509Certificate(fixed.certPem).checkPrivateKey(createPrivateKey(fixed.keyPem)));
  });
});
