import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

/** An RSA signing key as a private JWK (for oidc-provider) and as a KeyObject. */
export interface SigningKey {
  kid: string;
  privateJwk: Record<string, unknown> & { kid: string; alg: string; use: string };
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const cache = new Map<string, SigningKey>();

/**
 * An RS256 signing key made for this run (never a real secret). Keys are cached per purpose for the life of the
 * process, so starting a party twice costs the RSA generation once.
 */
export function runKey(purpose: string): SigningKey {
  const cached = cache.get(purpose);
  if (cached) return cached;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `${purpose}-${randomBytes(4).toString('hex')}`;
  const jwk = privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
  const key: SigningKey = { kid, privateJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' }, privateKey, publicKey };
  cache.set(purpose, key);
  return key;
}

/** A random secret for cookies and client registrations made for this run. */
export function runSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
