import type { Hop } from '../../mock-idp/core/hop-trace.js';
import type { Stack } from '../stack/stack.js';

/** What a party's error answer usually means for the service under test, by party, path and status. */
const HINTS: { party: string; path: RegExp; status: (s: number) => boolean; hint: string }[] = [
  {
    party: 'mpassid', path: /^\/idp\/profile\/oidc\/token/, status: (s) => s === 401,
    hint: 'MPASSid refused the service\'s client authentication at its token endpoint: the service sends a client secret (or auth method) MPASSid does not have; use the client secret `mpassid-harness up` prints (a started service gets it as MPASSID_CLIENT_SECRET), or set registration.oidc.client_secret and token_endpoint_auth_method to what the service sends',
  },
  {
    party: 'mpassid', path: /^\/idp\/profile\/oidc\/token/, status: (s) => s === 400,
    hint: 'MPASSid refused the code exchange: a code used twice or too late, a redirect_uri other than the sign-in\'s, or a missing PKCE verifier',
  },
  {
    party: 'mpassid', path: /^\/idp\/profile\/oidc\/userinfo/, status: (s) => s === 401,
    hint: 'MPASSid refused the access token at userinfo: send the access token from the token response as a Bearer header',
  },
];

const IGNORED = /^\/(favicon\.ico|__harness\/)/;

function hintOf(hop: Hop): string | undefined {
  const path = hop.path.split('?')[0];
  return HINTS.find((h) => h.party === hop.party && h.path.test(path) && h.status(hop.status))?.hint;
}

/**
 * Why a scenario may have stopped, from what the servers saw: error answers of the parties (browser and back channel,
 * so a refused token request of your service shows even when the browser only waits), and the last output of a
 * service the stack started. Empty when nothing stands out. One line, for the verdict's `broken` reason.
 */
export async function failureDiagnosis(stack: Stack): Promise<string> {
  const hops = await stack.hops().catch(() => [] as Hop[]);
  const failed = hops.filter((h) => h.status >= 400 && !IGNORED.test(h.path));
  const parts: string[] = [];
  if (failed.length) {
    const seen = new Set<string>();
    const lines = failed.flatMap((h) => {
      const line = `${h.method} ${h.path.split('?')[0]} at ${h.party} → ${h.status} (${h.channel})`;
      if (seen.has(line)) return [];
      seen.add(line);
      const hint = hintOf(h);
      return [hint ? `${line}: ${hint}` : line];
    });
    parts.push(`the servers answered with errors: ${lines.slice(0, 3).join('; ')}${lines.length > 3 ? ` (and ${lines.length - 3} more)` : ''}`);
  }
  const output = stack.serviceOutput();
  if (output?.exited) parts.push(`your service ${output.exited}`);
  if (output?.lines.length) parts.push(`your service's last output: ${output.lines.slice(-5).map((l) => l.trim()).join(' ⏎ ')}`);
  return parts.join('; ');
}

/**
 * The error of a scenario that stopped before its verdict, with {@link failureDiagnosis} added to its first line (the
 * line the reports show); the same error object, so its type, code and stack stay.
 */
export async function withDiagnosis(err: Error, stack: Stack): Promise<Error> {
  const diagnosis = await failureDiagnosis(stack);
  if (!diagnosis) return err;
  const [first, ...rest] = (err.message ?? String(err)).split('\n');
  err.message = [`${first}; ${diagnosis}`, ...rest].join('\n');
  if (err.stack) err.stack = err.stack.replace(first, `${first}; ${diagnosis}`);
  return err;
}
