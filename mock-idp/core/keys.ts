import { createPrivateKey, createPublicKey, generateKeyPair, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

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
 * process, so starting a party twice costs the RSA generation once; {@link prepareRunKeys} makes them ahead of use.
 */
export function runKey(purpose: string): SigningKey {
  const cached = cache.get(purpose);
  if (cached) return cached;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return remember(purpose, privateKey, publicKey);
}

function remember(purpose: string, privateKey: KeyObject, publicKey: KeyObject): SigningKey {
  const kid = `${purpose}-${randomBytes(4).toString('hex')}`;
  const jwk = privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
  const key: SigningKey = { kid, privateJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' }, privateKey, publicKey };
  cache.set(purpose, key);
  return key;
}

/**
 * Where made keys are kept between runs: test keys for these loopback mocks only, so keeping them for a day is only
 * a matter of start-up time (RSA key generation is the slow part of starting the stack). Set
 * `MPASSID_HARNESS_FRESH_KEYS=1` to make new ones every run.
 */
const KEY_CACHE = join(tmpdir(), `mpassid-harness-${safeUser()}`, 'run-keys-v1.json');
const KEY_CACHE_MAX_AGE_MS = 24 * 3600_000;

function safeUser(): string {
  try {
    return userInfo().username.replace(/[^\w.-]/g, '_');
  } catch {
    return 'user';
  }
}

function readKeyCache(): Record<string, string> {
  if (process.env.MPASSID_HARNESS_FRESH_KEYS === '1') return {};
  try {
    if (Date.now() - statSync(KEY_CACHE).mtimeMs > KEY_CACHE_MAX_AGE_MS) return {};
    return JSON.parse(readFileSync(KEY_CACHE, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

function writeKeyCache(pems: Record<string, string>): void {
  if (process.env.MPASSID_HARNESS_FRESH_KEYS === '1') return;
  try {
    mkdirSync(join(KEY_CACHE, '..'), { recursive: true, mode: 0o700 });
    const temporary = `${KEY_CACHE}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(temporary, JSON.stringify(pems), { mode: 0o600 });
    renameSync(temporary, KEY_CACHE);
  } catch {
    // A cache that cannot be written only costs start-up time next run.
  }
}

const generateRsa = promisify(generateKeyPair);
const preparing = new Map<string, Promise<void>>();

/**
 * Makes the run keys for these purposes ahead of use: from the key cache when it has them, else all at once on
 * libuv's thread pool. {@link runKey} then finds them made.
 */
export async function prepareRunKeys(purposes: readonly string[]): Promise<void> {
  const missing = purposes.filter((p) => !cache.has(p));
  if (missing.length === 0) return;
  const cached = readKeyCache();
  for (const purpose of missing) {
    const pem = cached[purpose];
    if (!pem || cache.has(purpose)) continue;
    try {
      const privateKey = createPrivateKey(pem);
      remember(purpose, privateKey, createPublicKey(privateKey));
    } catch {
      // a damaged entry is made anew below
    }
  }
  const toMake = missing.filter((p) => !cache.has(p));
  await Promise.all(toMake.map((purpose) => {
    let pending = preparing.get(purpose);
    if (!pending) {
      pending = generateRsa('rsa', { modulusLength: 2048 }).then(({ privateKey, publicKey }) => {
        if (!cache.has(purpose)) remember(purpose, privateKey, publicKey);
      });
      preparing.set(purpose, pending);
    }
    return pending;
  }));
  if (toMake.length) {
    const pems = { ...readKeyCache() };
    for (const purpose of toMake) pems[purpose] = cache.get(purpose)!.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    writeKeyCache(pems);
  }
}

/** Every key the stack's parties sign with: the providers', MPASSid's IdP and SP, the sample services' SP. */
export const STACK_KEY_PURPOSES = ['entra', 'mpassid', 'mpassid-sp', 'sample-service-saml'] as const;

/** A random secret for cookies and client registrations made for this run. */
export function runSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
