import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { test } from 'node:test';
import { CLI, runCli } from './run-cli.js';

test('up prints URLs, users and registrations, serves every party, and stops cleanly on Ctrl-C', async () => {
  const child = spawn(process.execPath, [CLI, 'up', '--base-port', '5760', '--sample-logout', 'full', '--protocol', 'saml'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('Ctrl-C stops the stack')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`up exited ${code} before it was ready: ${stdout}`)));
  });
  await ready;
  assert.match(stdout, /http:\/\/127\.0\.0\.2:5762\//);
  assert.match(stdout, /pupil1 +Testi1 Oppilas1 +pupil1@mansikkala\.test +password: \S+/);
  assert.match(stdout, /client_id +oppimisalusta/);
  assert.match(stdout, /client_secret +\S+/);
  assert.match(stdout, /signs in by SAML, logout strategy: full/);
  assert.match(stdout, /IdP metadata +http:\/\/127\.0\.0\.3:5761\/idp\/shibboleth/);
  assert.match(stdout, /entityID +http:\/\/127\.0\.0\.2:5762\/saml\/metadata/);
  assert.match(stdout, /upstream to Entra ID +SAML/);
  assert.match(stdout, /Second service \(Tehtäväpankki\) +http:\/\/127\.0\.0\.5:5763\//);
  const login = await fetch('http://127.0.0.2:5762/login', { redirect: 'manual' });
  assert.match(login.headers.get('location') ?? '', /^http:\/\/127\.0\.0\.3:5761\/idp\/profile\/SAML2\/Redirect\/SSO\?SAMLRequest=/);
  for (const origin of ['http://127.0.0.4:5760', 'http://127.0.0.3:5761', 'http://127.0.0.2:5762', 'http://127.0.0.5:5763']) {
    const health = await (await fetch(`${origin}/__harness/health`)).json();
    assert.equal(health.ready, true);
  }
  const exited = once(child, 'exit');
  child.kill('SIGINT');
  const [code] = await exited;
  assert.equal(code, 0);
  assert.match(stdout, /mpassid-harness stopped/);
});

test('a port already in use is a start-up error (exit 2) that says how to fix it', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(5781, '127.0.0.3', resolve));
  try {
    const { code, stderr } = await runCli(['up', '--base-port', '5780']);
    assert.equal(code, 2);
    assert.match(stderr, /port 5781 on 127\.0\.0\.3 is in use; .*--base-port/);
  } finally {
    blocker.close();
  }
});

test('usage errors exit 2 with the fix', async () => {
  const { code, stderr } = await runCli(['check', '--sample-logout', 'sometimes']);
  assert.equal(code, 2);
  assert.match(stderr, /use local, mpassid, full or all/);
});

test('a --json path in a folder that does not exist is refused before anything runs', async () => {
  const { code, stderr } = await runCli(['check', '--json', '/nonexistent-folder/verdicts.json']);
  assert.equal(code, 2);
  assert.match(stderr, /folder \/nonexistent-folder does not exist/);
});
