/**
 * The npm package as a user gets it: `npm pack`, installed into a fresh project, then the CLI and the fixtures used
 * from there (compiled JavaScript, typed exports, the catalogue running from node_modules).
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { run } from './run-cli.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const project = mkdtempSync(join(tmpdir(), 'mpassid-harness-consumer-'));
const packs = mkdtempSync(join(tmpdir(), 'mpassid-harness-pack-'));
const bin = join(project, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, npm_config_update_notifier: 'false' };
let tarball = '';

before(async () => {
  const packed = await run(npm, ['pack', '--pack-destination', packs, '--silent'], { cwd: repo, env });
  assert.equal(packed.code, 0, packed.stderr);
  tarball = join(packs, readdirSync(packs).find((f) => f.endsWith('.tgz'))!);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-learning-service-tests', private: true, type: 'module' }));
  // Everything the package needs is in npm's cache after the repository's own install.
  const installed = await run(npm, ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, env });
  assert.equal(installed.code, 0, installed.stderr);
});

after(() => undefined);

test('the tarball holds the compiled package, its types, the schema and the docs, and no sources or tests', () => {
  const root = join(project, 'node_modules', 'mpassid-harness');
  for (const file of ['dist/harness/public/fixtures.js', 'dist/harness/public/fixtures.d.ts', 'dist/harness/cli/main.js',
    'dist/scenarios/catalogue/logout-ends-every-session.spec.js', 'dist/mock-idp/core/saml/schemas/saml-schema-protocol-2.0.xsd',
    'schema/mpassid-harness.config.schema.json', 'bin/mpassid-harness.js', 'README.md']) {
    assert.ok(existsSync(join(root, file)), file);
  }
  for (const file of ['harness/cli/main.ts', 'test', 'scenarios', 'examples', 'dist/sample-service/sample-service.test.js']) {
    assert.equal(existsSync(join(root, file)), false, `${file} is not shipped`);
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(manifest.engines.node, '>=20.19');
  assert.ok(manifest.exports['./fixtures'].types);
});

test('npx mpassid-harness --help works from the installed package', async () => {
  const help = await run('npx', ['--no-install', 'mpassid-harness', '--help'], { cwd: project, env });
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /mpassid-harness check +\[--config FILE\]/);
});

test('a short check runs the catalogue from node_modules and exits 0 for the full logout', async () => {
  const check = await run('npx', ['--no-install', 'mpassid-harness', 'check', '--protocol', 'oidc', '--sample-logout', 'full',
    '--scenarios', 'logout-ends-every-session', '--base-port', '6140', '--workers', '1'], { cwd: project, env });
  assert.equal(check.code, 0, `${check.stdout}\n${check.stderr}`);
  assert.match(check.stdout, /logout ends every session \[logout=full\]\s+oidc\s+ended\s+ended\s+ended\s+FULL/);
});

test('a scenario of your own, written with mpassid-harness/fixtures, type-checks and runs from the packed install', async () => {
  copyFileSync(join(repo, 'examples/own-scenario/shared-chromebook.spec.ts'), join(project, 'shared-chromebook.spec.ts'));
  writeFileSync(join(project, 'playwright.config.ts'), [
    "import { defineConfig } from '@playwright/test';",
    "import { harnessUse } from 'mpassid-harness/fixtures';",
    '',
    "export default defineConfig({ testDir: '.', workers: 1, use: await harnessUse({ sampleLogout: 'full', basePort: 6150 }) });",
    '',
  ].join('\n'));
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
    include: ['*.ts'],
  }));
  const tsc = await run(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: project, env });
  assert.equal(tsc.code, 0, tsc.stdout);
  const tests = await run('npx', ['--no-install', 'playwright', 'test'], { cwd: project, env });
  assert.equal(tests.code, 0, `${tests.stdout}\n${tests.stderr}`);
  assert.match(tests.stdout, /2 passed/);
});
