import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

/** Every README code block marked `<!-- file: PATH -->` is that file, unchanged: examples are real, not hand copies. */
test('the README\'s examples are the files they name, byte for byte', () => {
  const readme = readFileSync('README.md', 'utf8');
  const blocks = [...readme.matchAll(/<!-- file: (\S+) -->\n```\w*\n([\s\S]*?)```/g)];
  assert.ok(blocks.length >= 3, 'the README shows the config, the spec and the Playwright config');
  for (const [, path, body] of blocks) {
    assert.equal(body, readFileSync(path, 'utf8'), `${path} changed: copy it into the README again`);
  }
});
