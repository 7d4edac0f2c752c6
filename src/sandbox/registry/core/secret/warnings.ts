// GetWarningsForSecret (pkg/api/secret/warnings.go): a TLS Secret whose key does not fit its
// certificate draws the error Go's tls.X509KeyPair gives.
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import type { Secret } from './types.ts';

function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g) ?? [];
}

/** tls.X509KeyPair's error for this certificate and key, or undefined. */
export function keyPairError(certPem: string, keyPem: string): string | undefined {
  const blocks = pemBlocks(certPem);
  const certs = blocks.filter((b) => b.startsWith('-----BEGIN CERTIFICATE-----'));
  if (certs.length === 0) {
    if (blocks.length === 0) return 'tls: failed to find any PEM data in certificate input';
    const skipped = blocks.map((b) => /BEGIN ([A-Z0-9 ]+)-----/.exec(b)![1]).join(' ');
    return `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${skipped}]`;
  }
  const keys = pemBlocks(keyPem).filter((b) => /BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(b));
  if (keys.length === 0) {
    return pemBlocks(keyPem).length ? 'tls: found a certificate rather than a key in the PEM for the private key' : 'tls: failed to find any PEM data in key input';
  }
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certs[0]!);
  } catch {
    return 'x509: malformed certificate';
  }
  try {
    const pub = createPublicKey(createPrivateKey(keys[0]!)).export({ type: 'spki', format: 'der' });
    const certPub = cert.publicKey.export({ type: 'spki', format: 'der' });
    if (!pub.equals(certPub)) return 'tls: private key does not match public key';
  } catch {
    return 'tls: failed to parse private key';
  }
  return undefined;
}

export function secretWarnings(secret: Secret): string[] {
  if (secret.type !== 'kubernetes.io/tls') return [];
  const text = (k: string) => Buffer.from(secret.data?.[k] ?? '', 'base64').toString('utf8');
  const err = keyPairError(text('tls.crt'), text('tls.key'));
  return err ? [err] : [];
}
