import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCli } from '../../harness/cli/cli-options.js';
import { HarnessError } from '../../harness/errors.js';

const usageError = (argv: string[], pattern: RegExp) =>
  assert.throws(() => parseCli(argv), (err: unknown) => err instanceof HarnessError && err.code === 'HARNESS_USAGE' && pattern.test(err.message));

test('check takes one strategy, a list or all', () => {
  assert.deepEqual(parseCli(['check', '--sample-logout', 'full']).sampleLogouts, ['full']);
  assert.deepEqual(parseCli(['check', '--sample-logout', 'local,full']).sampleLogouts, ['local', 'full']);
  assert.deepEqual(parseCli(['check', '--sample-logout', 'all']).sampleLogouts, ['local', 'mpassid', 'full']);
  assert.equal(parseCli(['check', '--json', 'out.json']).json, 'out.json');
  assert.equal(parseCli(['check', '--report', 'out/']).report, 'out/');
});

test('--workers takes a whole number from 1 to 16 and defaults to at least 2', () => {
  assert.equal(parseCli(['check', '--workers', '3']).workers, 3);
  assert.ok(parseCli(['check']).workers >= 2);
  usageError(['check', '--workers', '0'], /--workers 0 is not a worker count; use a whole number from 1 to 16/);
  usageError(['check', '--workers', 'many'], /--workers many is not a worker count/);
});

test('--report needs a folder and belongs to check', () => {
  usageError(['check', '--report', ''], /--report needs a folder name/);
  usageError(['up', '--report', 'out'], /--report belongs to check/);
});

test('bad arguments name the problem and the allowed values', () => {
  usageError(['check', '--sample-logout', 'nope'], /unknown sample logout strategy "nope"; use local, mpassid, full or all/);
  usageError(['launch'], /unknown command "launch"/);
  usageError(['check', '--base-port', '80'], /--base-port 80 is not a port/);
  usageError(['check', '--hosts', 'docker'], /--hosts docker is not a host mode/);
  usageError(['check', '--frobnicate'], /Unknown option '--frobnicate'/);
  usageError(['up', '--sample-logout', 'all'], /up runs one sample service/);
});

test('no command means help', () => {
  assert.equal(parseCli([]).command, 'help');
});

test('--addresses moves parties to other loopback addresses and refuses anything off loopback', () => {
  assert.deepEqual(parseCli(['check', '--addresses', 'service=127.0.0.12,entra=127.0.0.14']).addresses, { service: '127.0.0.12', entra: '127.0.0.14' });
  usageError(['check', '--addresses', 'service=10.0.0.2'], /addresses stay on loopback/);
  usageError(['check', '--addresses', 'printer=127.0.0.9'], /parties are service, mpassid, entra, service-b/);
});

test('MPASSID_HARNESS_ADDRESSES stands in for --addresses in up and check; the flag wins', () => {
  const saved = process.env.MPASSID_HARNESS_ADDRESSES;
  process.env.MPASSID_HARNESS_ADDRESSES = 'mpassid=127.0.0.13';
  try {
    assert.deepEqual(parseCli(['up']).addresses, { mpassid: '127.0.0.13' });
    assert.equal(parseCli(['check']).addressesArg, 'mpassid=127.0.0.13');
    assert.deepEqual(parseCli(['up', '--addresses', 'entra=127.0.0.14']).addresses, { entra: '127.0.0.14' });
    // A config file's mocks.addresses say it: the environment is not read then.
    assert.deepEqual(parseCli(['up', '--config', 'x.yaml']).addresses, {});
    process.env.MPASSID_HARNESS_ADDRESSES = 'mpassid=192.168.1.3';
    usageError(['up'], /^MPASSID_HARNESS_ADDRESSES: address "mpassid=192\.168\.1\.3" is not .*addresses stay on loopback/);
  } finally {
    if (saved === undefined) delete process.env.MPASSID_HARNESS_ADDRESSES;
    else process.env.MPASSID_HARNESS_ADDRESSES = saved;
  }
});

test('check runs both protocols by default; --protocol picks one; up takes exactly one', () => {
  assert.deepEqual(parseCli(['check']).protocols, ['oidc', 'saml']);
  assert.deepEqual(parseCli(['check', '--protocol', 'saml']).protocols, ['saml']);
  assert.deepEqual(parseCli(['check', '--protocol', 'both']).protocols, ['oidc', 'saml']);
  assert.deepEqual(parseCli(['up']).protocols, ['oidc']);
  assert.deepEqual(parseCli(['up', '--protocol', 'saml']).protocols, ['saml']);
  usageError(['check', '--protocol', 'ws-fed'], /unknown protocol "ws-fed"; use oidc, saml or both/);
  usageError(['up', '--protocol', 'both'], /up starts the sample service with one protocol/);
});

test('the upstream to Entra ID is SAML unless --upstream oidc', () => {
  assert.equal(parseCli(['check']).upstream, 'saml');
  assert.equal(parseCli(['check', '--upstream', 'oidc']).upstream, 'oidc');
  usageError(['check', '--upstream', 'ldap'], /--upstream ldap is not an upstream protocol; use saml \(as production\) or oidc/);
});
