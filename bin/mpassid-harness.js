#!/usr/bin/env node
// In the repository the CLI runs from its TypeScript sources through tsx (no build step); the npm package ships
// the compiled JavaScript in dist/ instead.
import { existsSync } from 'node:fs';

const sources = new URL('../harness/cli/main.ts', import.meta.url);
let main;
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import(new URL('../dist/harness/cli/main.js', import.meta.url).href));
}
process.exitCode = await main(process.argv.slice(2));
