// The whole stack in one process, for the benchmarks: `node --import tsx bench/children/stack.ts <base port> [seed]`
// (a seed derives the client secrets, so the load generator knows them).
import { InProcessStack } from '../../harness/stack/in-process-stack.js';

const stack = await InProcessStack.start({ basePort: Number(process.argv[2] ?? 6900), sampleLogout: 'full', ...(process.argv[3] ? { secretSeed: process.argv[3] } : {}) });
process.on('message', (message) => {
  if (message === 'rss') process.send?.({ rss: process.memoryUsage().rss });
});
process.once('SIGTERM', () => {
  void stack.stop().then(() => process.exit(0));
});
