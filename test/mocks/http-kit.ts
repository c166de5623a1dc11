/**
 * Small HTTP helpers for the mock-party tests: plain fetch with `redirect: 'manual'`, a per-host cookie jar so a
 * test can walk a sign-in by hand, ledger and trace readers, and a check that a page loads nothing from another host.
 * No browser, no sleeps.
 */
import assert from 'node:assert/strict';
import type { Hop } from '../../mock-idp/core/hop-trace.js';
import type { LedgerSnapshot } from '../../mock-idp/core/ledger.js';
import { LedgerClient } from '../../harness/ledger-client.js';

/** `fetch` that never follows redirects. */
export function get(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', ...init });
}

/** `GET` asking for HTML, as a browser navigation does. */
export function getHtml(url: string, init: RequestInit = {}): Promise<Response> {
  return get(url, { ...init, headers: { accept: 'text/html', ...(init.headers as Record<string, string> | undefined) } });
}

const partyAt = (origin: string) => new LedgerClient(origin, origin);

/** A party's ledger (`GET /__harness/sessions`). */
export function ledgerOf(origin: string): Promise<LedgerSnapshot> {
  return partyAt(origin).sessions();
}

/** The names of a party's ledger events, oldest first. */
export async function eventNames(origin: string): Promise<string[]> {
  return (await ledgerOf(origin)).events.map((e) => e.name);
}

/** A party's hop trace (`GET /__harness/trace`). */
export function hopsOf(origin: string): Promise<Hop[]> {
  return partyAt(origin).trace();
}

/** Forgets everything at a party (`POST /__harness/reset`). */
export function resetParty(origin: string): Promise<void> {
  return partyAt(origin).reset();
}

/** Requests every path as a browser navigation and asserts that none is answered with a 5xx. */
export async function assertNo5xx(origin: string, paths: string[]): Promise<void> {
  for (const path of paths) {
    const res = await getHtml(`${origin}${path}`);
    await res.arrayBuffer();
    assert.ok(res.status < 500, `${path} answered ${res.status}`);
  }
}

/** The value of `data-error-code` on an error page, if any. */
export function errorCodeOf(page: string): string | undefined {
  return /data-error-code="([^"]*)"/.exec(page)?.[1];
}

/**
 * Asserts that a page references no other host: every `http(s)://` or protocol-relative URL in `src=`, `href=`,
 * `action=` or `@import` must start with one of the allowed origins (the topology's own).
 */
export function assertSelfContained(page: string, allowedOrigins: string[], label: string): void {
  const references = [
    ...page.matchAll(/\b(?:src|href|action)\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi),
    ...page.matchAll(/@import\s+(?:url\()?\s*["']?((?:https?:)?\/\/[^"')\s;]+)/gi),
  ].map((m) => m[1]);
  const foreign = references.filter((ref) => !allowedOrigins.some((origin) => ref === origin || ref.startsWith(`${origin}/`)));
  assert.deepEqual(foreign, [], `${label} references another host`);
}

interface StoredCookie {
  value: string;
  /** True when the Set-Cookie carried Expires or Max-Age (a persistent cookie). */
  persistent: boolean;
}

/**
 * Enough of a browser's cookie handling for these tests: cookies are kept per host (as browsers do: ports are
 * ignored, and each party has its own host), paths are ignored (sending an extra cookie is harmless here), and a
 * cookie set empty or with a past expiry is removed.
 */
export class CookieJar {
  private readonly byHost = new Map<string, Map<string, StoredCookie>>();

  /** Remembers the cookies a response sets for its URL. */
  store(url: string, response: Response): void {
    const host = new URL(url).hostname;
    let jar = this.byHost.get(host);
    if (!jar) this.byHost.set(host, (jar = new Map()));
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const expires = attributes.map((a) => /^\s*expires=(.*)$/i.exec(a)?.[1]).find(Boolean);
      const maxAge = attributes.map((a) => /^\s*max-age=(.*)$/i.exec(a)?.[1]).find(Boolean);
      const expired = (expires !== undefined && Date.parse(expires) <= Date.now()) || (maxAge !== undefined && Number(maxAge) <= 0);
      if (value === '' || expired) jar.delete(name);
      else jar.set(name, { value, persistent: expires !== undefined || maxAge !== undefined });
    }
  }

  /** The `cookie` header a browser would send to this URL's host. */
  header(url: string): string {
    const jar = this.byHost.get(new URL(url).hostname);
    return jar ? [...jar].map(([name, c]) => `${name}=${c.value}`).join('; ') : '';
  }

  /** The names of the cookies held for a host. */
  names(origin: string): string[] {
    return [...(this.byHost.get(new URL(origin).hostname)?.keys() ?? [])];
  }

  /** Drops the browser-session (non-persistent) cookies, as closing the browser does. */
  closeBrowser(): void {
    for (const jar of this.byHost.values()) for (const [name, c] of jar) if (!c.persistent) jar.delete(name);
  }
}

/** One step a {@link ManualBrowser} took. */
export interface Step {
  method: string;
  url: string;
  status: number;
  location?: string;
  setCookie: string[];
}

/**
 * Plain fetch with a {@link CookieJar}: every request carries the jar's cookies for its host and stores the ones
 * it gets back. `follow` walks redirects one by one so each hop stays visible.
 */
export class ManualBrowser {
  readonly jar = new CookieJar();
  readonly steps: Step[] = [];

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = this.jar.header(url);
    const headers = { accept: 'text/html', ...(init.headers as Record<string, string> | undefined), ...(cookie ? { cookie } : {}) };
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.jar.store(url, response);
    const location = response.headers.get('location');
    this.steps.push({
      method: init.method ?? 'GET',
      url,
      status: response.status,
      ...(location ? { location: new URL(location, url).href } : {}),
      setCookie: response.headers.getSetCookie(),
    });
    return response;
  }

  get(url: string): Promise<Response> {
    return this.request(url);
  }

  /** Posts a form (application/x-www-form-urlencoded), as a browser submits one. */
  postForm(url: string, fields: Record<string, string>): Promise<Response> {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /**
   * Follows redirects (GET) from `response` until one is not a redirect, or until the next hop would leave for
   * `stopAt` (an origin, or a predicate on the next URL); returns the last response and its URL, and the URL of
   * the redirect it stopped at, if any.
   */
  async follow(
    response: Response,
    url: string,
    options: { stopAt?: (next: string) => boolean; maxHops?: number } = {},
  ): Promise<{ response: Response; url: string; stoppedAt?: string }> {
    let current = response;
    let currentUrl = url;
    for (let hop = 0; hop < (options.maxHops ?? 15); hop++) {
      const location = current.headers.get('location');
      if (current.status < 300 || current.status >= 400 || !location) return { response: current, url: currentUrl };
      const next = new URL(location, currentUrl).href;
      if (options.stopAt?.(next)) return { response: current, url: currentUrl, stoppedAt: next };
      await current.arrayBuffer();
      currentUrl = next;
      current = await this.get(next);
    }
    assert.fail(`more than ${options.maxHops ?? 15} redirects from ${url}: ${this.steps.map((s) => `${s.status} ${s.url}`).join(' → ')}`);
  }
}

/** The `action` of the first form on a page, resolved against the page's URL. */
export function formActionOf(page: string, pageUrl: string): string {
  const action = /<form[^>]*\baction="([^"]*)"/.exec(page)?.[1];
  assert.ok(action, `no form on the page at ${pageUrl}`);
  return new URL(action.replaceAll('&amp;', '&'), pageUrl).href;
}

const unescapeHtml = (value: string) => value.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] as string);

/** The first form of an auto-submitting page (the SAML HTTP-POST binding): where it posts and its hidden fields. */
export function autoPostOf(page: string, pageUrl: string): { action: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const match of page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields[unescapeHtml(match[1])] = unescapeHtml(match[2]);
  return { action: formActionOf(page, pageUrl), fields };
}
