import { spawnSync } from 'node:child_process';
import { BrowserNotFoundError, findChromium, howToInstallChromium, isDebianLike, type FoundBrowser } from './find-chromium.js';

/**
 * Finds Chromium; when there is none and this is root on Debian/Ubuntu, installs Debian's `chromium` with apt-get
 * (Playwright's own download cannot work on machines without internet access). Otherwise throws with how to
 * install one.
 */
export function ensureChromium(log: (line: string) => void = (l) => console.error(l)): FoundBrowser {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !isDebianLike()) throw new BrowserNotFoundError(howToInstallChromium());
  log('mpassid-harness: no Chromium found; installing Debian\'s chromium with apt-get (about a minute)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const install = update.status === 0
    ? spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env })
    : update;
  const installed = install.status === 0 ? findChromium() : undefined;
  if (!installed) throw new BrowserNotFoundError(`apt-get could not install chromium (exit ${install.status}).\n${howToInstallChromium()}`);
  return installed;
}
