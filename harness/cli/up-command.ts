import { configuredService } from '../config/configured-service.js';
import { loadConfig } from '../config/load-config.js';
import { renderStackSummary } from '../report/stack-summary.js';
import { InProcessStack } from '../stack/in-process-stack.js';
import { stackOptionsOf } from '../stack/stack.js';
import type { CliOptions } from './cli-options.js';

/**
 * `mpassid-harness up`: starts the stack (with `--config`, registers your service and starts it when the config
 * says how), prints what to paste and where to go, stops cleanly on Ctrl-C.
 */
export async function upCommand(options: CliOptions): Promise<number> {
  const own = options.config ? configuredService(await loadConfig(options.config)) : undefined;
  const stack = await InProcessStack.start(own
    ? stackOptionsOf(own)
    : { sampleLogout: options.sampleLogouts[0], sampleProtocol: options.protocols[0], upstream: options.upstream, basePort: options.basePort, hostMode: options.hostMode, addresses: options.addresses });
  await stack.waitUntilHealthy();
  console.log(renderStackSummary(stack, own));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await stack.stop();
  console.log('\nmpassid-harness stopped.');
  return 0;
}
