import { HARNESS_TOKEN_ENV, HARNESS_TOKEN_HEADER } from '../mock-idp/core/harness-token.js';
import type { Hop } from '../mock-idp/core/hop-trace.js';
import type { LedgerSnapshot } from '../mock-idp/core/ledger.js';

/** Raised when a party's `/__harness` route does not answer as the contract says. */
export class LedgerClientError extends Error {
  readonly code = 'HARNESS_LEDGER_UNREACHABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LedgerClientError';
  }
}

/** Reads and resets one party's ledger over HTTP (`/__harness/*`), the same for every stack mode. */
export class LedgerClient {
  constructor(readonly party: string, readonly origin: string, private readonly fetchImpl: typeof fetch = fetch) {}

  private async call(path: string, init?: RequestInit): Promise<unknown> {
    const url = `${this.origin}/__harness/${path}`;
    let response: Response;
    try {
      const token = process.env[HARNESS_TOKEN_ENV];
      const headers = { ...(init?.headers as Record<string, string> | undefined), ...(token ? { [HARNESS_TOKEN_HEADER]: token } : {}) };
      response = await this.fetchImpl(url, { ...init, headers, signal: AbortSignal.timeout(5_000) });
    } catch (err) {
      throw new LedgerClientError(`${this.party} did not answer ${url}: ${(err as Error).message}; is it running?`, { cause: err });
    }
    if (!response.ok) throw new LedgerClientError(`${this.party} answered ${response.status} to ${url}: ${(await response.text()).slice(0, 500)}`);
    return response.json();
  }

  /** `POST /__harness/config` (the sample service's settings). */
  async configure(settings: Record<string, string>): Promise<void> {
    await this.call('config', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });
  }

  /** `GET /__harness/health`: true when the party says it is ready. */
  async healthy(): Promise<boolean> {
    try {
      return ((await this.call('health')) as { ready?: boolean }).ready === true;
    } catch {
      return false;
    }
  }

  /** `GET /__harness/sessions`. */
  async sessions(): Promise<LedgerSnapshot> {
    return (await this.call('sessions')) as LedgerSnapshot;
  }

  /** `GET /__harness/trace`. */
  async trace(): Promise<Hop[]> {
    return ((await this.call('trace')) as { hops: Hop[] }).hops;
  }

  /** `POST /__harness/reset`. */
  async reset(): Promise<void> {
    await this.call('reset', { method: 'POST' });
  }
}
