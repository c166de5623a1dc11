import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NextFunction, Request, Response } from 'express';
import { HARNESS_TOKEN_ENV, isLoopback, requireHarnessToken } from '../../mock-idp/core/harness-token.js';
import type { PartyError } from '../../mock-idp/core/errors.js';

/** What requireHarnessToken decides for a request that arrived on `localAddress` with `token` in its header. */
function decide(localAddress: string, token?: string): PartyError | 'passed' {
  const req = { socket: { localAddress }, path: '/__harness/reset', get: (name: string) => (name === 'x-harness-token' ? token : undefined) } as unknown as Request;
  let outcome: PartyError | 'passed' | undefined;
  const next: NextFunction = (err?: unknown) => { outcome = err ? err as PartyError : 'passed'; };
  requireHarnessToken(req, {} as Response, next);
  return outcome!;
}

test('/__harness/* is open over loopback, IPv4, IPv6 and IPv4-mapped', () => {
  for (const address of ['127.0.0.1', '127.0.0.3', '::1', '::ffff:127.0.0.4']) {
    assert.equal(isLoopback(address), true, address);
    assert.equal(decide(address), 'passed');
  }
  assert.equal(isLoopback('172.18.0.3'), false);
  assert.equal(isLoopback('::ffff:10.0.0.2'), false);
});

test('off loopback, /__harness/* needs the configured token; without one configured it is refused, naming the fix', () => {
  const saved = process.env[HARNESS_TOKEN_ENV];
  try {
    delete process.env[HARNESS_TOKEN_ENV];
    const refused = decide('172.18.0.3', 'anything');
    assert.notEqual(refused, 'passed');
    assert.equal((refused as PartyError).code, 'harness_token_required');
    assert.equal((refused as PartyError).status, 403);
    process.env[HARNESS_TOKEN_ENV] = 'test-token-123';
    assert.equal((decide('172.18.0.3') as PartyError).code, 'harness_token_invalid');
    assert.equal((decide('172.18.0.3', 'test-token-12') as PartyError).code, 'harness_token_invalid');
    assert.equal(decide('172.18.0.3', 'test-token-123'), 'passed');
  } finally {
    if (saved === undefined) delete process.env[HARNESS_TOKEN_ENV];
    else process.env[HARNESS_TOKEN_ENV] = saved;
  }
});
