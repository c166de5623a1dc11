// The whole stack in one process, from the built package (dist/, plain node, as the image and npm package run it):
// `node bench/children/stack.mjs <base port> [seed] [upstream]` (a seed derives the client secrets, so the load knows
// them; upstream saml (default, as production) or oidc).
// Answers the message 'memory' with its process.memoryUsage().
import { InProcessStack } from '../../dist/harness/public/index.js';

const stack = await InProcessStack.start({ basePort: Number(process.argv[2] ?? 6900), sampleLogout: 'full', ...(process.argv[3] ? { secretSeed: process.argv[3] } : {}), upstream: process.argv[4] ?? 'saml' });
process.on('message', (message) => {
  if (message === 'memory') process.send?.(process.memoryUsage());
  if (message === 'snapshot') void import('node:v8').then((v8) => process.send?.(v8.writeHeapSnapshot('/tmp/stack.heapsnapshot')));
});
process.once('SIGTERM', () => {
  void stack.stop().then(() => process.exit(0));
});
