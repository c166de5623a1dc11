import { HarnessError } from '../errors.js';
import type { Stack } from './stack.js';

/**
 * Checks that a service of your own which the harness does not start (no `service.start`) answers at its home page
 * once the mocks are up; otherwise every scenario would fail at its first page with a connection error.
 */
export async function expectServiceAnswers(stack: Stack, configPath: string): Promise<void> {
  const url = stack.serviceUnderTest.homeUrl;
  try {
    await stack.fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    const down = cause?.code === 'ECONNREFUSED' || (err as Error).name === 'TimeoutError';
    if (!down) {
      throw new HarnessError('HARNESS_SERVICE_START_FAILED', `the harness could not reach your service at ${url} (${why}); check service.baseUrl in ${configPath} (a loopback address or a name this machine resolves) and, with TLS, the service's certificate`);
    }
    throw new HarnessError('HARNESS_SERVICE_START_FAILED', `your service at ${url} does not answer (${why}). Start it before check, or give service.start in ${configPath} so that check starts it once the mocks are up. A service that reads MPASSid's discovery or metadata when it starts needs the mocks first: run mpassid-harness up --config ${configPath}, start your service with the values it prints, then mpassid-harness check --config ${configPath} --mode attached`);
  }
}
