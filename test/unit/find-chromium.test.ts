import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BrowserNotFoundError, findChromium } from '../../harness/browser/find-chromium.js';

test('CHROMIUM_PATH wins when it is an executable', () => {
  assert.deepEqual(findChromium({ CHROMIUM_PATH: process.execPath }), { executablePath: process.execPath, source: 'CHROMIUM_PATH' });
});

test('a CHROMIUM_PATH that is not executable is an error that says what to do', () => {
  assert.throws(() => findChromium({ CHROMIUM_PATH: '/nonexistent/chrome' }),
    (err: unknown) => err instanceof BrowserNotFoundError && /CHROMIUM_PATH=\/nonexistent\/chrome is not an executable file/.test(err.message));
});
