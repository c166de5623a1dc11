import { createHash, webcrypto, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TlsCredentials } from '../../mock-idp/core/listen.js';
// Loaded only when a run serves HTTPS.
import { loadX509 } from '../../mock-idp/core/saml/certificate.js';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const CA_CERT = 'mpassid-harness-ca.crt.pem';
const CA_KEY = 'mpassid-harness-ca.key.pem';

/** The CA made for a run: every party's HTTPS certificate is issued by it, and the browser trusts its key. */
export interface RunCa {
  /** The folder holding the CA certificate and key. */
  dir: string;
  /** The CA certificate (PEM) a service under test must trust, e.g. with `NODE_EXTRA_CA_CERTS`. */
  certificatePath: string;
  certificatePem: string;
  /**
   * base64 SHA-256 of the CA's SubjectPublicKeyInfo: Chromium's `--ignore-certificate-errors-spki-list` accepts a
   * chain containing this key, so the browser trusts exactly this run's CA and nothing else.
   */
  spkiSha256: string;
  privateKeyPem: string;
}

/**
 * Makes a CA for the run in a new folder (ECDSA P-256, valid two days, CN "mpassid-harness run CA"), or reads the one
 * in `dir`. The key never leaves the run's folder and protects nothing but these loopback mocks.
 */
export async function runCa(dir?: string): Promise<RunCa> {
  if (dir && existsSync(join(dir, CA_CERT)) && existsSync(join(dir, CA_KEY))) return readCa(dir);
  const folder = dir ?? mkdtempSync(join(tmpdir(), 'mpassid-harness-tls-'));
  mkdirSync(folder, { recursive: true });
  const x509 = await loadX509();
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: `01${now.toString(16)}`,
    name: 'CN=mpassid-harness run CA, O=mpassid-harness (test only)',
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 2 * 24 * 3600_000),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  writeFileSync(join(folder, CA_CERT), certificate.toString('pem'));
  writeFileSync(join(folder, CA_KEY), `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`, { mode: 0o600 });
  return readCa(folder);
}

function readCa(dir: string): RunCa {
  const certificatePem = readFileSync(join(dir, CA_CERT), 'utf8');
  const spki = new X509Certificate(certificatePem).publicKey.export({ format: 'der', type: 'spki' });
  return {
    dir,
    certificatePath: join(dir, CA_CERT),
    certificatePem,
    privateKeyPem: readFileSync(join(dir, CA_KEY), 'utf8'),
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
  };
}

/**
 * A server certificate for these hosts (IP addresses and names), issued by the run CA, valid a day. Every party of a
 * stack serves the same one: they differ by host and port, not by identity.
 */
export async function serverCredentials(ca: RunCa, hosts: readonly string[]): Promise<TlsCredentials> {
  const x509 = await loadX509();
  const caKey = await webcrypto.subtle.importKey('pkcs8', pemBody(ca.privateKeyPem), ALGORITHM, false, ['sign']);
  const caCert = new x509.X509Certificate(ca.certificatePem);
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const now = Date.now();
  const isIp = (h: string) => /^\d+\.\d+\.\d+\.\d+$/.test(h) || h.includes(':');
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: `02${now.toString(16)}${Math.floor(Math.random() * 0xffff).toString(16)}`,
    subject: 'CN=mpassid-harness party',
    issuer: caCert.subject,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 24 * 3600_000),
    signingAlgorithm: ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([...new Set(hosts)].map((h) => ({ type: isIp(h) ? 'ip' as const : 'dns' as const, value: h }))),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  return {
    key: `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`,
    cert: `${certificate.toString('pem')}\n${ca.certificatePem}`,
  };
}

function pemBody(pem: string): ArrayBuffer {
  const der = Buffer.from(pem.replace(/-----(BEGIN|END) [A-Z ]+-----|\s/g, ''), 'base64');
  return der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength);
}
