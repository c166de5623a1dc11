import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Where the browser came from. */
export type BrowserSource = 'CHROMIUM_PATH' | 'playwright-cache' | 'system';

/** A Chromium the harness can drive. */
export interface FoundBrowser {
  executablePath: string;
  source: BrowserSource;
}

/** Raised when no Chromium can be found or installed; the message says how to get one. */
export class BrowserNotFoundError extends Error {
  readonly code = 'HARNESS_BROWSER_NOT_FOUND';
  constructor(message: string) {
    super(message);
    this.name = 'BrowserNotFoundError';
  }
}

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Playwright's own browser cache (`npx playwright install chromium`), newest build first. */
function playwrightCacheChromium(): string | undefined {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH && process.env.PLAYWRIGHT_BROWSERS_PATH !== '0'
    ? process.env.PLAYWRIGHT_BROWSERS_PATH
    : join(homedir(), process.platform === 'darwin' ? 'Library/Caches/ms-playwright' : '.cache/ms-playwright');
  if (!existsSync(root)) return undefined;
  const builds = readdirSync(root).filter((d) => /^chromium-\d+$/.test(d)).sort((a, b) => Number(b.split('-')[1]) - Number(a.split('-')[1]));
  for (const build of builds) {
    for (const rel of ['chrome-linux64/chrome', 'chrome-linux/chrome', 'chrome-mac/Chromium.app/Contents/MacOS/Chromium']) {
      const path = join(root, build, rel);
      if (isExecutable(path)) return path;
    }
  }
  return undefined;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, name);
    if (dir && isExecutable(path)) return path;
  }
  return undefined;
}

/**
 * Finds a Chromium in this order: `CHROMIUM_PATH`, Playwright's cache, the system's `chromium`,
 * `chromium-browser`, `google-chrome`. Debian's `/usr/bin/chromium` is a shell wrapper; the real binary beside it
 * is preferred because the wrapper prints noise and reads user config.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): FoundBrowser | undefined {
  if (env.CHROMIUM_PATH) {
    if (!isExecutable(env.CHROMIUM_PATH)) {
      throw new BrowserNotFoundError(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file; point it at a Chromium or Chrome binary, or unset it`);
    }
    return { executablePath: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' };
  }
  const cached = playwrightCacheChromium();
  if (cached) return { executablePath: cached, source: 'playwright-cache' };
  for (const name of SYSTEM_NAMES) {
    const path = onPath(name);
    if (!path) continue;
    const debianBinary = '/usr/lib/chromium/chromium';
    if (name === 'chromium' && isExecutable(debianBinary)) return { executablePath: debianBinary, source: 'system' };
    return { executablePath: path, source: 'system' };
  }
  return undefined;
}

/** True on Debian or Ubuntu (where `apt-get install chromium` gives a working browser). */
export function isDebianLike(): boolean {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
  } catch {
    return false;
  }
}

/** The message for a machine without a browser. */
export function howToInstallChromium(): string {
  return [
    'No Chromium found. Install one of:',
    '  Debian/Ubuntu: sudo apt-get install -y chromium   (Ubuntu: chromium-browser)',
    '  any OS with internet access: npx playwright install chromium',
    '  or point CHROMIUM_PATH at an existing Chromium/Chrome binary.',
  ].join('\n');
}
