import { rmSync } from 'node:fs';
import { configuredService } from '../config/configured-service.js';
import { loadConfig } from '../config/load-config.js';
import { renderStackSummary } from '../report/stack-summary.js';
import { startStack } from '../stack/start-stack.js';
import { stackOptionsOf } from '../stack/stack.js';
import { runCa } from '../tls/run-ca.js';
import type { CliOptions } from './cli-options.js';

/**
 * `mpassid-harness up`: starts the stack (with `--config`, registers your service and starts it when the config
 * says how), prints what to paste and where to go, stops cleanly on Ctrl-C.
 */
export async function upCommand(options: CliOptions): Promise<number> {
  const own = options.config ? configuredService(await loadConfig(options.config)) : undefined;
  const tls = options.tls || own?.loaded.config.mocks.tls ? await runCa() : undefined;
  const stack = await startStack(options.mode, own
    ? { ...stackOptionsOf(own, tls), showServiceOutput: true }
    : { sampleLogout: options.sampleLogouts[0], sampleProtocol: options.protocols[0], upstream: options.upstream, publishSingleLogout: options.publishSingleLogout, basePort: options.basePort, hostMode: options.hostMode, addresses: options.addresses, ...(tls ? { tls } : {}) });
  await stack.waitUntilHealthy();
  console.log(renderStackSummary(stack, own));
  if (tls) {
    console.log(`\nHTTPS: every party serves a certificate of the run CA ${tls.certificatePath}`);
    console.log('  trust it in your service (Node: NODE_EXTRA_CA_CERTS=<that file>); in a browser, import it as an authority.');
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await stack.stop();
  if (tls) rmSync(tls.dir, { recursive: true, force: true });
  console.log('\nmpassid-harness stopped.');
  return 0;
}
