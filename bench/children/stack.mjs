// The whole stack in one process, from the built package (dist/, plain node, as the image and npm package run it):
// `node bench/children/stack.mjs <base port> [seed]` (a seed derives the client secrets, so the load knows them).
import { InProcessStack } from '../../dist/harness/public/index.js';

const stack = await InProcessStack.start({ basePort: Number(process.argv[2] ?? 6900), sampleLogout: 'full', ...(process.argv[3] ? { secretSeed: process.argv[3] } : {}) });
process.once('SIGTERM', () => {
  void stack.stop().then(() => process.exit(0));
});
