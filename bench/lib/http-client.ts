import { Agent, fetch as undiciFetch } from 'undici';

const agent = new Agent({ keepAliveTimeout: 10_000, connections: 64 });

/** A browser-like HTTP client for load: one cookie jar (per host), redirects followed by hand, forms posted. */
export class HttpClient {
  private readonly cookies = new Map<string, Map<string, string>>();

  async request(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; location?: string; text: string; url: string }> {
    const host = new URL(url).host;
    const jar = this.cookies.get(host);
    const cookie = jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
    const response = await undiciFetch(url, {
      method: init.method ?? 'GET',
      body: init.body,
      headers: { accept: 'text/html', ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...(cookie ? { cookie } : {}), ...init.headers },
      redirect: 'manual',
      dispatcher: agent,
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attrs] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const cleared = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a) || /max-age=0/i.test(a.trim()));
      const store = this.cookies.get(host) ?? new Map<string, string>();
      if (cleared) store.delete(name);
      else store.set(name, value);
      this.cookies.set(host, store);
    }
    const location = response.headers.get('location') ?? undefined;
    return { status: response.status, ...(location ? { location: new URL(location, url).href } : {}), text: await response.text(), url };
  }

  /** GET, then follow redirects until a page that is not a redirect (or until `stop` says so). */
  async follow(url: string, init: { method?: string; body?: string } = {}, stop?: (next: string) => boolean): Promise<{ status: number; text: string; url: string; stoppedAt?: string }> {
    let answer = await this.request(url, init);
    for (let hops = 0; hops < 20 && answer.location; hops++) {
      if (stop?.(answer.location)) return { ...answer, stoppedAt: answer.location };
      answer = await this.request(answer.location);
    }
    return answer;
  }
}

/** The first form's action on a page (resolved), and its hidden fields. */
export function formOf(page: string, pageUrl: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*\baction="([^"]*)"/.exec(page)?.[1];
  if (!action) throw new Error(`no form at ${pageUrl}: ${page.slice(0, 200)}`);
  const unescape = (v: string) => v.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] as string);
  const fields: Record<string, string> = {};
  for (const m of page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields[unescape(m[1])] = unescape(m[2]);
  return { action: new URL(unescape(action), pageUrl).href, fields };
}

/**
 * Runs `task` from `concurrency` loops until `durationMs` is over (each call gets a running number and its loop's
 * index); returns how many completed per second.
 */
export async function throughput(concurrency: number, durationMs: number, task: (i: number, loop: number) => Promise<void>): Promise<{ perSecond: number; done: number; failed: number; firstError?: string }> {
  const deadline = performance.now() + durationMs;
  let done = 0;
  let failed = 0;
  let firstError: string | undefined;
  let n = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async (_, loop) => {
    while (performance.now() < deadline) {
      try {
        await task(n++, loop);
        done += 1;
      } catch (err) {
        failed += 1;
        firstError ??= (err as Error).message;
      }
    }
  }));
  return { perSecond: done / ((performance.now() - started) / 1000), done, failed, ...(firstError ? { firstError } : {}) };
}
