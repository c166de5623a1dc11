import { randomBytes } from 'node:crypto';

/** An accepted AuthnRequest, kept while the browser signs in at the tenant's authorize endpoint. */
export interface PendingSamlRequest {
  /** The app's client id (the OIDC client the sign-in runs as). */
  appId: string;
  /** The AuthnRequest's ID (the Response's InResponseTo). */
  requestId: string;
  /** The registered reply URL the Response goes to. */
  acsUrl: string;
  relayState?: string;
  forceAuthn: boolean;
  isPassive: boolean;
}

const TTL_MS = 10 * 60_000;

/** AuthnRequests waiting for their sign-in, keyed by the random `state` sent through the authorize endpoint. */
export class PendingSamlRequests {
  private readonly byKey = new Map<string, PendingSamlRequest & { expiresAt: number }>();

  /** Keeps a request and returns its single-use key. */
  put(request: PendingSamlRequest): string {
    const now = Date.now();
    for (const [key, stored] of this.byKey) if (stored.expiresAt <= now) this.byKey.delete(key);
    const key = randomBytes(18).toString('base64url');
    this.byKey.set(key, { ...request, expiresAt: now + TTL_MS });
    return key;
  }

  /** Removes and returns the request kept under `key`, unless it is unknown or expired. */
  take(key: string): PendingSamlRequest | undefined {
    const stored = this.byKey.get(key);
    this.byKey.delete(key);
    if (!stored || stored.expiresAt <= Date.now()) return undefined;
    const { expiresAt: _expiresAt, ...request } = stored;
    return request;
  }

  /** Forgets everything (harness reset). */
  clear(): void {
    this.byKey.clear();
  }
}
