import { existsSync, readFileSync } from 'node:fs';

/** This package's version, from its package.json (found from the sources in the repository or from dist/). */
export function packageVersion(): string {
  for (const up of ['../package.json', '../../package.json']) {
    const url = new URL(up, import.meta.url);
    if (existsSync(url)) {
      const manifest = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version: string };
      if (manifest.name === 'mpassid-harness') return manifest.version;
    }
  }
  return '0.0.0';
}
