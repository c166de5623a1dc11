/**
 * Named attacks the fuzz test only samples: replayed authorization codes and a missing PKCE verifier at Entra ID,
 * and at MPASSid's Shibboleth ACS a replayed Entra Response, a wrapped signature and an external entity. Each is
 * answered with the protocol's error, and none of them opens a session.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { InProcessStack } from '../../harness/stack/in-process-stack.js';
import { TEST_USERS } from '../../mock-idp/users/test-users.js';
import { autoPostOf, errorCodeOf, formActionOf, ledgerOf, ManualBrowser } from './http-kit.js';
import { entraAuthorizeUrl, mpassidAuthorizeUrl, signInAtEntra } from './sign-in-by-hand.js';

let stack: InProcessStack;
const pupil = TEST_USERS[0];

before(async () => {
  stack = await InProcessStack.start({ basePort: 6620 });
});
after(() => stack?.stop());
beforeEach(() => stack.reset());

const entraToken = (body: Record<string, string>) => {
  const app = stack.registrations.entra.apps[0];
  return fetch(`${stack.topology.parties.entra.origin}/${stack.topology.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: app.clientId, client_secret: app.clientSecret, redirect_uri: app.redirectUris[0], ...body }).toString(),
  });
};

describe('Entra ID token endpoint', () => {
  it('redeems a code once: the replay is invalid_grant', async () => {
    const { returnTo } = await signInAtEntra(stack, new ManualBrowser(), pupil, 'no');
    const code = returnTo.searchParams.get('code')!;
    assert.equal((await entraToken({ grant_type: 'authorization_code', code })).status, 200);
    const again = await entraToken({ grant_type: 'authorization_code', code });
    assert.equal(again.status, 400);
    assert.equal(((await again.json()) as { error: string }).error, 'invalid_grant');
  });

  it('refuses a code issued for a PKCE challenge when the verifier is missing or wrong', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const browser = new ManualBrowser();
    const start = entraAuthorizeUrl(stack, { code_challenge: challenge, code_challenge_method: 'S256' });
    const signIn = await browser.follow(await browser.get(start), start);
    const action = formActionOf(await signIn.response.text(), signIn.url);
    const kmsi = await browser.postForm(action, { username: pupil.username, password: pupil.password });
    const kmsiAction = formActionOf(await kmsi.text(), action);
    const back = await browser.follow(await browser.postForm(kmsiAction, { stay: 'no' }), kmsiAction, { stopAt: (next) => !next.startsWith(stack.topology.parties.entra.origin) });
    const code = new URL(back.stoppedAt!).searchParams.get('code')!;
    const attempts: Record<string, string>[] = [{ grant_type: 'authorization_code', code }, { grant_type: 'authorization_code', code, code_verifier: `${verifier}x` }];
    for (const body of attempts) {
      const res = await entraToken(body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(((await res.json()) as { error: string }).error, 'invalid_grant');
    }
  });
});

/** A sign-in through MPASSid up to Entra's page that posts the Response to MPASSid's ACS; returns that form. */
async function entraResponseForMpassid(): Promise<{ browser: ManualBrowser; action: string; fields: Record<string, string> }> {
  const browser = new ManualBrowser();
  const start = mpassidAuthorizeUrl(stack);
  const picker = await browser.follow(await browser.get(start), start);
  const pickAction = formActionOf(await picker.response.text(), picker.url);
  const signIn = await browser.follow(await browser.postForm(pickAction, { school: '30076' }), pickAction);
  const signInAction = formActionOf(await signIn.response.text(), signIn.url);
  const kmsi = await browser.postForm(signInAction, { username: pupil.username, password: pupil.password });
  const kmsiAction = formActionOf(await kmsi.text(), signInAction);
  const posting = await browser.follow(await browser.postForm(kmsiAction, { stay: 'no' }), kmsiAction);
  assert.equal(posting.response.status, 200, 'Entra answers with the page that posts the Response');
  const { action, fields } = autoPostOf(await posting.response.text(), posting.url);
  assert.equal(action, `${stack.topology.parties.mpassid.origin}/Shibboleth.sso/SAML2/POST`);
  return { browser, action, fields };
}

const openMpassidSessions = async () => (await ledgerOf(stack.topology.parties.mpassid.origin)).sessions.filter((s) => !s.endedAt).length;

describe('MPASSid\'s Shibboleth ACS (the Response from Entra ID)', () => {
  it('takes a Response once: the same Response posted again is refused', async () => {
    const { browser, action, fields } = await entraResponseForMpassid();
    assert.equal((await browser.postForm(action, fields)).status, 303, 'the first post signs in');
    const again = await browser.postForm(action, fields);
    assert.equal(again.status, 400);
    assert.ok(errorCodeOf(await again.text()), 'a SAML error page');
  });

  it('refuses a wrapped signature: the signed Assertion moved aside, a forged one in its place', async () => {
    const { browser, action, fields } = await entraResponseForMpassid();
    const xml = Buffer.from(fields.SAMLResponse, 'base64').toString('utf8');
    const assertion = /<(\w+:)?Assertion\b[\s\S]*<\/(\w+:)?Assertion>/.exec(xml)![0];
    const forged = assertion.replace(/<(\w+:)?Signature\b[\s\S]*?<\/(\w+:)?Signature>/, '').replace(/ID="[^"]+"/, 'ID="_forged"')
      .replaceAll(pupil.username, 'teacher@mansikkala.test');
    const wrapped = xml.replace(assertion, `${forged}`).replace(/(<(\w+:)?Status\b)/, `<samlp:Extensions xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${assertion}</samlp:Extensions>$1`);
    const res = await browser.postForm(action, { ...fields, SAMLResponse: Buffer.from(wrapped).toString('base64') });
    const page = await res.text();
    assert.equal(res.status, 400);
    assert.equal(errorCodeOf(page), 'directory_response_rejected');
    assert.match(page, /signature does not verify/);
    assert.equal(await openMpassidSessions(), 0, 'nobody signed in');
  });

  it('refuses an external entity (XXE) before parsing, and shows nothing of the file', async () => {
    const { browser, action, fields } = await entraResponseForMpassid();
    const xml = Buffer.from(fields.SAMLResponse, 'base64').toString('utf8');
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY leak SYSTEM "file:///etc/passwd">]>${xml.replace(/^<\?xml[^>]*>/, '').replace(pupil.username, '&leak;')}`;
    const res = await browser.postForm(action, { ...fields, SAMLResponse: Buffer.from(xxe).toString('base64') });
    const page = await res.text();
    assert.equal(res.status, 400);
    assert.equal(errorCodeOf(page), 'saml_schema_invalid');
    assert.doesNotMatch(page, /root:x:0:0/);
    assert.equal(await openMpassidSessions(), 0);
  });
});

describe('the sample service\'s OIDC callback', () => {
  it('refuses a callback without state, and one with a state it never issued, naming why', async () => {
    const service = stack.topology.parties.service.origin;
    for (const query of ['code=abc', 'code=abc&state=', 'code=abc&state=forged']) {
      const res = await fetch(`${service}/auth/callback?${query}`, { redirect: 'manual', headers: { accept: 'text/html' } });
      assert.equal(res.status, 400, query);
      assert.ok(errorCodeOf(await res.text()), query);
    }
  });
});
