import { BrowserNotFoundError } from '../browser/find-chromium.js';
import { HarnessError } from '../errors.js';
import { ListenError } from '../../mock-idp/core/listen.js';
import { checkCommand } from './check-command.js';
import { parseCli } from './cli-options.js';
import { upCommand } from './up-command.js';
import { USAGE } from './usage.js';

/** Runs the CLI and returns its exit code: 0 FULL, 1 PARTIAL/BROKEN, 2 usage or start-up error. */
export async function main(argv: string[]): Promise<number> {
  try {
    const options = parseCli(argv);
    if (options.command === 'help') {
      console.log(USAGE);
      return 0;
    }
    return options.command === 'up' ? await upCommand(options) : await checkCommand(options);
  } catch (err) {
    if (err instanceof HarnessError || err instanceof BrowserNotFoundError || err instanceof ListenError) {
      console.error(`mpassid-harness: ${err.message}`);
      return 2;
    }
    console.error('mpassid-harness: unexpected failure:', err);
    return 2;
  }
}
