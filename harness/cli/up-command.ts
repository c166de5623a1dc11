import { renderStackSummary } from '../report/stack-summary.js';
import { InProcessStack } from '../stack/in-process-stack.js';
import type { CliOptions } from './cli-options.js';

/** `mpassid-harness up`: starts the stack, prints what to paste and where to go, stops cleanly on Ctrl-C. */
export async function upCommand(options: CliOptions): Promise<number> {
  const stack = await InProcessStack.start({ sampleLogout: options.sampleLogouts[0], sampleProtocol: options.protocols[0], upstream: options.upstream, basePort: options.basePort, hostMode: options.hostMode, addresses: options.addresses });
  await stack.waitUntilHealthy();
  console.log(renderStackSummary(stack));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await stack.stop();
  console.log('\nmpassid-harness stopped.');
  return 0;
}
