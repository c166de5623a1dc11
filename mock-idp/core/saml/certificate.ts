import { webcrypto, type KeyObject } from 'node:crypto';
import type { SigningKey } from '../keys.js';

/** @peculiar/x509 (and the reflect polyfill it needs) cost ~0.2 s to load: loaded on the first certificate made. */
export async function loadX509(): Promise<typeof import('@peculiar/x509')> {
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  return x509;
}

/** A signing key with the self-signed certificate SAML metadata publishes for it. */
export interface SamlCredential {
  privateKeyPem: string;
  certificatePem: string;
  /** The certificate's base64 DER, as metadata's `<ds:X509Certificate>` carries it. */
  certificateBase64: string;
}

const cache = new Map<string, Promise<SamlCredential>>();

/**
 * A self-signed X.509 certificate for a run key (SAML metadata carries certificates, not bare keys). Made once per
 * key per process; valid for a day; never a real secret.
 */
export function samlCredential(key: SigningKey, commonName: string): Promise<SamlCredential> {
  const cacheKey = `${key.kid}:${commonName}`;
  let credential = cache.get(cacheKey);
  if (!credential) {
    credential = createCredential(key.privateKey, key.publicKey, commonName);
    cache.set(cacheKey, credential);
  }
  return credential;
}

async function createCredential(privateKey: KeyObject, publicKey: KeyObject, commonName: string): Promise<SamlCredential> {
  const x509 = await loadX509();
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const keys = {
    privateKey: await webcrypto.subtle.importKey('pkcs8', privateKey.export({ format: 'der', type: 'pkcs8' }), algorithm, false, ['sign']),
    publicKey: await webcrypto.subtle.importKey('spki', publicKey.export({ format: 'der', type: 'spki' }), algorithm, true, ['verify']),
  };
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: now.toString(16),
    name: `CN=${commonName}`,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 24 * 3600_000),
    signingAlgorithm: algorithm,
    keys: keys as CryptoKeyPair,
  });
  const certificatePem = certificate.toString('pem');
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    certificatePem,
    certificateBase64: certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ''),
  };
}
