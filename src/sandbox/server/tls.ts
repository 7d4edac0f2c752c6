// The sandbox's certificate authority and serving certificate. The CA is created on first start
// and kept in the data dir, so kubeconfigs written earlier keep verifying (a sandbox without a
// data dir keeps them in memory); the serving
// certificate is reissued whenever the names it must cover change. ECDSA P-256 keys: instant to
// generate, and accepted by kubectl and Node alike. Files are replaced atomically (the key before
// the certificate), and a serving certificate that does not match its key is reissued.
import { createPrivateKey, webcrypto, X509Certificate as NodeX509Certificate } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { writeFileAtomic } from '../storage/atomic-file.ts';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 24 * 3600 * 1000;

export interface CertificateAuthority {
  certPem: string;
  keyPem: string;
  cert: x509.X509Certificate;
  key: CryptoKey;
}

export interface ServingCertificate {
  certPem: string;
  keyPem: string;
}

function toPem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64.trimEnd()}\n-----END ${label}-----\n`;
}

function fromPem(pem: string): ArrayBuffer {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const buf = Buffer.from(b64, 'base64');
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

async function importKey(pem: string): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', fromPem(pem), alg, true, ['sign']) as Promise<CryptoKey>;
}

async function exportKey(key: CryptoKey): Promise<string> {
  return toPem((await webcrypto.subtle.exportKey('pkcs8', key as webcrypto.CryptoKey)) as ArrayBuffer, 'PRIVATE KEY');
}

function writeSecret(file: string, text: string): void {
  writeFileAtomic(file, text, 0o600);
}

/** Whether a certificate and a private key belong together (a crash between writing them must not leave a pair that TLS refuses). */
function matches(certPem: string, keyPem: string): boolean {
  try {
    return new NodeX509Certificate(certPem).checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    return false;
  }
}

/** One CA for every sandbox of this process that keeps nothing on disk. */
let memoryCA: Promise<CertificateAuthority> | undefined;

/** Loads the CA from `dir`, creating it on first use; without a dir, one kept in memory. */
export async function loadOrCreateCA(dir: string | undefined): Promise<CertificateAuthority> {
  if (dir === undefined) return (memoryCA ??= createCA());
  mkdirSync(dir, { recursive: true });
  const certFile = join(dir, 'ca.crt');
  const keyFile = join(dir, 'ca.key');
  if (existsSync(certFile) && existsSync(keyFile)) {
    const certPem = readFileSync(certFile, 'utf8');
    const keyPem = readFileSync(keyFile, 'utf8');
    return { certPem, keyPem, cert: new x509.X509Certificate(certPem), key: await importKey(keyPem) };
  }
  const ca = await createCA();
  writeSecret(keyFile, ca.keyPem);
  writeFileAtomic(certFile, ca.certPem);
  return ca;
}

async function createCA(): Promise<CertificateAuthority> {
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex'),
    name: 'CN=kubecamp-sandbox-ca',
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 3650 * DAY),
    signingAlgorithm: alg,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const certPem = cert.toString('pem') + '\n';
  const keyPem = await exportKey(keys.privateKey);
  return { certPem, keyPem, cert, key: keys.privateKey };
}

/**
 * The serving certificate for `hosts` (IP addresses and DNS names), kept in `dir` and reused while
 * it still fits; without a dir, a new one that is not kept.
 */
export async function servingCertificate(dir: string | undefined, ca: CertificateAuthority, hosts: string[]): Promise<ServingCertificate> {
  const wanted = [...new Set(hosts)].sort();
  if (dir === undefined) return issueServing(ca, wanted);
  const certFile = join(dir, 'server.crt');
  const keyFile = join(dir, 'server.key');
  if (existsSync(certFile) && existsSync(keyFile)) {
    const certPem = readFileSync(certFile, 'utf8');
    const cert = new x509.X509Certificate(certPem);
    const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
    const have = (san?.names.items ?? []).map((n) => n.value).sort();
    const fresh = cert.notAfter.getTime() - Date.now() > 30 * DAY;
    const sameIssuer = cert.issuer === ca.cert.subject;
    const keyPem = readFileSync(keyFile, 'utf8');
    if (fresh && sameIssuer && wanted.every((h) => have.includes(h)) && matches(certPem, keyPem)) return { certPem, keyPem };
  }
  const issued = await issueServing(ca, wanted);
  writeSecret(keyFile, issued.keyPem);
  writeFileAtomic(certFile, issued.certPem);
  return issued;
}

async function issueServing(ca: CertificateAuthority, wanted: string[]): Promise<ServingCertificate> {
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex'),
    subject: 'CN=kube-apiserver',
    issuer: ca.cert.subject,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 365 * DAY),
    signingAlgorithm: alg,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(wanted.map((h) => (isIP(h) ? { type: 'ip' as const, value: h } : { type: 'dns' as const, value: h }))),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
    ],
  });
  const certPem = cert.toString('pem') + '\n';
  const keyPem = await exportKey(keys.privateKey);
  return { certPem, keyPem };
}
