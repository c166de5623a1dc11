/**
 * The container health check: exits 0 when this container's party answers `GET /__harness/health` with ready,
 * 1 otherwise. Reads the same environment as start-party.
 */
import { partySettings } from './party-settings.js';
import { stackTopology } from '../stack/stack.js';

try {
  const { party, options, bind } = await partySettings(process.argv.slice(2));
  const location = stackTopology(options).parties[party];
  const host = !bind || bind === '0.0.0.0' ? (bind ? '127.0.0.1' : location.bindAddress) : bind;
  const response = await fetch(`http://${host}:${location.port}/__harness/health`, { signal: AbortSignal.timeout(2_000) });
  const body = (await response.json()) as { ready?: boolean };
  process.exit(response.ok && body.ready === true ? 0 : 1);
} catch (err) {
  console.error(`unhealthy: ${(err as Error).message}`);
  process.exit(1);
}
