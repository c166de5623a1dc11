import { ensureChromium } from './ensure-chromium.js';

// `npm run setup:browser`: finds Chromium or installs Debian's package; prints the path.
try {
  const found = ensureChromium();
  console.log(`Chromium: ${found.executablePath} (${found.source})`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 2;
}
