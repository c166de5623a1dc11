/**
 * The golden AuthnRequests (test/golden/saml/authn-request.*) at the mock MPASSid's SSO endpoint, over
 * HTTP-Redirect: each file sent unchanged (deflated, base64- and URL-encoded, signed in the query with the golden
 * SP's TEST-ONLY key unless its anomaly says otherwise). The valid one reaches the school picker; every other one
 * is refused with a SAML error page naming the problem: HTTP 400, a `data-error-code`, no redirect anywhere (least
 * of all to an ACS), no sign-in started, and the valid request still accepted afterwards. Bad base64 and bad
 * DEFLATE are transport anomalies, built inline.
 */
import assert from 'node:assert/strict';
import { createSign, createVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateRawSync, deflateSync, inflateRawSync } from 'node:zlib';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { MpassidConfig } from '../../mock-idp/mpassid/config.js';
import { startMockMpassid, type StartedMockMpassid } from '../../mock-idp/mpassid/server.js';
import { TEST_SCHOOL, TEST_USERS } from '../../mock-idp/users/test-users.js';
import { readGoldenCredential, type GoldenCredential } from '../golden/saml/regenerate.js';
import {
  badSignatureRequestXml, committedRequestKeys, GOLDEN_DIR, GOLDEN_REQUEST, GOLDEN_REQUEST_FILES, goldenRequestFiles, goldenSpMetadataXml,
  readGoldenSpCredential, redirectQuery, RSA_SHA256, type GoldenRequestFile,
} from '../golden/saml/regenerate-requests.js';
import { errorCodeOf, eventNames, getHtml, ManualBrowser, resetParty } from './http-kit.js';

// Ports 6400–6499 belong to this test: the mock MPASSid on 127.0.0.3:6441. Nothing listens at the golden SP
// (127.0.0.2:6442, registered by inline metadata), at 127.0.0.9:6499 or at the Entra metadata URL (127.0.0.4:6440):
// the valid request is followed only as far as MPASSid's school picker, before any directory is asked.
const MPASSID = new URL(GOLDEN_REQUEST.mpassidOrigin);
const SSO = GOLDEN_REQUEST.ssoUrl;

const golden = (name: GoldenRequestFile) => readFileSync(new URL(name, GOLDEN_DIR), 'utf8');
/** The page's text with HTML escapes undone, for matching reasons. */
const unescape = (html: string) => html.replace(/&(quot|#39|lt|gt|amp);/g, (_m, e: string) => ({ quot: '"', '#39': "'", lt: '<', gt: '>', amp: '&' })[e] as string);

let mpassid: StartedMockMpassid;
let sp: GoldenCredential;
let spMetadata: string;

/** An SSO URL carrying an already-encoded `SAMLRequest`, signed with the golden SP key unless `signed: false`. */
const ssoWith = (encoded: string, options: { signed?: boolean } = {}) =>
  `${SSO}?${redirectQuery(encoded, { relayState: GOLDEN_REQUEST.relayState, signWithPem: options.signed === false ? undefined : sp.privateKeyPem })}`;
/** A golden file sent as an SP sends an AuthnRequest over HTTP-Redirect: DEFLATE, base64, URL-encoding, signature. */
const ssoWithGolden = (name: GoldenRequestFile, options: { signed?: boolean } = {}) =>
  ssoWith(deflateRawSync(Buffer.from(golden(name), 'utf8')).toString('base64'), options);

/** The golden valid request is accepted: a redirect onward through MPASSid that ends at its school picker. */
async function assertAccepted(url = ssoWithGolden('authn-request.valid.xml')): Promise<void> {
  // The golden request has one fixed ID: forget it was used (a harness reset does), or it is refused as a replay.
  assert.equal((await fetch(`${GOLDEN_REQUEST.mpassidOrigin}/__harness/reset`, { method: 'POST' })).status, 200);
  const browser = new ManualBrowser();
  const first = await browser.get(url);
  assert.equal(first.status, 303, `the valid AuthnRequest is accepted (${first.status})`);
  const location = new URL(first.headers.get('location') ?? '', SSO);
  assert.equal(location.origin + location.pathname, `${GOLDEN_REQUEST.mpassidOrigin}/idp/profile/oidc/authorize`);
  assert.equal(location.searchParams.get('client_id'), GOLDEN_REQUEST.spEntityId);
  const { response, url: at } = await browser.follow(first, url);
  assert.equal(response.status, 200, `page at ${at} (${browser.steps.map((s) => `${s.status} ${s.url}`).join(' → ')})`);
  assert.equal(new URL(at).origin, GOLDEN_REQUEST.mpassidOrigin, 'still at MPASSid');
  assert.match(await response.text(), /data-testid="school-picker"/);
  assert.ok(browser.steps.every((s) => !s.location?.startsWith(GOLDEN_REQUEST.acsUrl)), 'nothing went to the ACS yet');
  assert.ok((await eventNames(GOLDEN_REQUEST.mpassidOrigin)).includes('saml.authn_request.received'));
}

/**
 * The request is refused with a SAML error page: 400 (never a 5xx), HTML carrying `data-error-code=<code>` and the
 * reason, no Location (no redirect to an ACS or anywhere), no form to post anywhere, no sign-in started; and the
 * mock still accepts the valid request afterwards.
 */
async function assertRefused(url: string, code: string, reason: RegExp): Promise<void> {
  const res = await getHtml(url);
  const page = await res.text();
  assert.equal(res.status, 400, `status for ${code}: ${page.slice(0, 400)}`);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  assert.equal(res.headers.get('location'), null, 'no redirect');
  assert.equal(errorCodeOf(page), code, page);
  assert.match(unescape(page), reason);
  assert.doesNotMatch(page, /<form/, 'no form posting anything onward');
  assert.doesNotMatch(page, new RegExp(`SAMLResponse|action="${GOLDEN_REQUEST.acsUrl}`), 'nothing for the ACS');
  assert.ok(!(await eventNames(GOLDEN_REQUEST.mpassidOrigin)).includes('saml.authn_request.received'), 'no sign-in started');
  await assertAccepted();
}

before(async () => {
  sp = readGoldenSpCredential();
  spMetadata = goldenSpMetadataXml(sp);
  const config: MpassidConfig = {
    origin: GOLDEN_REQUEST.mpassidOrigin,
    users: TEST_USERS,
    schools: [{ code: TEST_SCHOOL.schoolCode, name: TEST_SCHOOL.name, authnSource: 'mansikkala-entra', directory: 'entra' }],
    upstream: { protocol: 'saml', idpMetadataUrl: GOLDEN_REQUEST.entraMetadataUrl },
    services: [{ protocol: 'saml', name: 'Golden SP', entityId: GOLDEN_REQUEST.spEntityId, metadata: { xml: spMetadata }, logoutReturnUrls: [] }],
    // The golden files have a fixed IssueInstant (2025-06-02): let them stay usable for this test.
    authnRequestLifetimeMs: 100 * 365 * 24 * 3600_000,
  };
  mpassid = await startMockMpassid(config, { host: MPASSID.hostname, port: Number(MPASSID.port) });
});
after(() => mpassid?.close());
beforeEach(() => resetParty(GOLDEN_REQUEST.mpassidOrigin));

describe('golden AuthnRequests: the files', () => {
  it('are exactly what regenerate-requests.ts makes from the committed TEST-ONLY keys', () => {
    const made = goldenRequestFiles(committedRequestKeys());
    for (const name of GOLDEN_REQUEST_FILES) {
      assert.equal(golden(name), made.get(name), `${name} is out of date: run node --import tsx test/golden/saml/regenerate-requests.ts`);
    }
  });

  it('authn-request.bad-signature.query holds a valid request whose signature verifies with the golden IdP key, not with the SP\'s', () => {
    const query = golden('authn-request.bad-signature.query');
    const params = new URLSearchParams(query);
    assert.equal(inflateRawSync(Buffer.from(params.get('SAMLRequest') ?? '', 'base64')).toString('utf8'), `${badSignatureRequestXml()}\n`);
    assert.equal(params.get('RelayState'), GOLDEN_REQUEST.relayState);
    assert.equal(params.get('SigAlg'), RSA_SHA256);
    const signed = query.slice(0, query.indexOf('&Signature='));
    const verifies = (certificatePem: string) => createVerify('RSA-SHA256').update(signed).verify(certificatePem, params.get('Signature') ?? '', 'base64');
    assert.equal(verifies(readGoldenCredential().certificatePem), true, 'signed with test-idp.key.pem');
    assert.equal(verifies(sp.certificatePem), false, 'not with the key of the SP\'s registered certificate');
  });

  it('the SP metadata registered with the mock says AuthnRequestsSigned="true" and carries test-sp.crt.pem', () => {
    assert.match(spMetadata, /<md:SPSSODescriptor AuthnRequestsSigned="true"/);
    assert.ok(spMetadata.includes(sp.certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '')));
  });
});

describe('golden AuthnRequests at the mock MPASSid SSO endpoint (HTTP-Redirect)', () => {
  it('authn-request.valid.xml, signed with the SP key: accepted, on to the school picker', () => assertAccepted());

  it('authn-request.unknown-sp.xml: saml_unknown_sp, naming the Issuer', () => assertRefused(
    ssoWithGolden('authn-request.unknown-sp.xml'), 'saml_unknown_sp', new RegExp(`no service with SAML entityID "${GOLDEN_REQUEST.unknownSpEntityId}" is registered`)));

  it('authn-request.unregistered-acs.xml: saml_unregistered_acs, and no redirect or post to that ACS', () => assertRefused(
    ssoWithGolden('authn-request.unregistered-acs.xml'), 'saml_unregistered_acs',
    new RegExp(`the ACS ${GOLDEN_REQUEST.unregisteredAcsUrl} is not registered for ${GOLDEN_REQUEST.spEntityId}`)));

  it('authn-request.bad-signature.query, sent unchanged: saml_bad_signature', () => assertRefused(
    `${SSO}?${golden('authn-request.bad-signature.query')}`, 'saml_bad_signature', /signature does not verify with the certificate registered for/));

  it('authn-request.unsigned-when-required.xml, without SigAlg and Signature: saml_unsigned_request', () => assertRefused(
    ssoWithGolden('authn-request.unsigned-when-required.xml', { signed: false }), 'saml_unsigned_request', /is not signed, but its metadata says AuthnRequestsSigned="true"/));

  it('authn-request.dtd.xml (billion laughs): saml_schema_invalid, the DTD refused', () => assertRefused(
    ssoWithGolden('authn-request.dtd.xml'), 'saml_schema_invalid', /a DTD or entity declaration is not allowed/));

  it('authn-request.schema-invalid.xml (NameIDPolicy before Issuer): saml_schema_invalid', () => assertRefused(
    ssoWithGolden('authn-request.schema-invalid.xml'), 'saml_schema_invalid', /does not conform to the SAML 2\.0 schema.*Element '{urn:oasis:names:tc:SAML:2\.0:assertion}Issuer': This element is not expected/));

  it('authn-request.not-xml.txt: saml_not_xml', () => assertRefused(
    ssoWithGolden('authn-request.not-xml.txt'), 'saml_not_xml', /SAMLRequest is not an XML document/));
});

describe('transport anomalies around the valid request (built inline)', () => {
  const validXml = () => Buffer.from(golden('authn-request.valid.xml'), 'utf8');
  const deflated = () => deflateRawSync(validXml()).toString('base64');

  it('bad base64 (characters outside the alphabet): saml_bad_encoding', () => assertRefused(
    ssoWith(`*${deflated()}!`), 'saml_bad_encoding', /SAMLRequest is not valid base64/));

  it('bad base64 (one character short, length not a multiple of 4): saml_bad_encoding', () => {
    const encoded = deflated().slice(0, -1);
    assert.equal(encoded.length % 4, 3);
    return assertRefused(ssoWith(encoded), 'saml_bad_encoding', /SAMLRequest is not valid base64/);
  });

  it('bad DEFLATE (base64 of the XML, not deflated, as HTTP-POST would send it): saml_bad_encoding', () => assertRefused(
    ssoWith(validXml().toString('base64')), 'saml_bad_encoding', /SAMLRequest does not inflate/));

  it('bad DEFLATE (zlib-wrapped, RFC 1950, instead of raw): saml_bad_encoding', () => assertRefused(
    ssoWith(deflateSync(validXml()).toString('base64')), 'saml_bad_encoding', /SAMLRequest does not inflate/));

  it('bad DEFLATE (truncated stream): saml_bad_encoding', () => {
    const raw = deflateRawSync(validXml());
    return assertRefused(ssoWith(raw.subarray(0, raw.length - 8).toString('base64')), 'saml_bad_encoding', /SAMLRequest does not inflate/);
  });

  it('bad DEFLATE (a 1 MiB inflation bomb, over the 256 KiB limit): saml_bad_encoding', () => assertRefused(
    ssoWith(deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), { level: 9 }).toString('base64')), 'saml_bad_encoding', /SAMLRequest does not inflate/));
});

describe('protocol checks beyond the schema (built inline from the valid request)', () => {
  const variant = (edit: (xml: string) => string) => deflateRawSync(Buffer.from(edit(golden('authn-request.valid.xml')), 'utf8')).toString('base64');

  it('the same AuthnRequest (same ID) a second time: saml_replayed_request', async () => {
    await assertAccepted();
    const browser = new ManualBrowser();
    const again = await browser.get(ssoWithGolden('authn-request.valid.xml'));
    assert.equal(again.status, 400);
    assert.equal(errorCodeOf(await again.text()), 'saml_replayed_request');
  });

  it('Version="1.1": saml_version_mismatch', () => assertRefused(
    ssoWith(variant((x) => x.replace('Version="2.0"', 'Version="1.1"'))), 'saml_version_mismatch', /is SAML version 1\.1; MPASSid speaks SAML 2\.0/));

  it('a Destination that is another endpoint: saml_wrong_destination', () => assertRefused(
    ssoWith(variant((x) => x.replace(/Destination="[^"]+"/, 'Destination="http://127.0.0.9:6499/elsewhere"'))), 'saml_wrong_destination',
    /addressed to http:\/\/127\.0\.0\.9:6499\/elsewhere, not to this endpoint/));

  it('an IssueInstant in the future, beyond the clock skew: saml_stale_request', () => assertRefused(
    ssoWith(variant((x) => x.replace(/IssueInstant="[^"]+"/, 'IssueInstant="2099-01-01T00:00:00Z"'))), 'saml_stale_request', /was issued at 2099-01-01T00:00:00Z, outside/));

  it('an RSA-SHA1 signature: saml_weak_signature, although it verifies', () => {
    let query = `SAMLRequest=${encodeURIComponent(variant((x) => x))}&RelayState=${encodeURIComponent(GOLDEN_REQUEST.relayState)}`;
    query += `&SigAlg=${encodeURIComponent('http://www.w3.org/2000/09/xmldsig#rsa-sha1')}`;
    query += `&Signature=${encodeURIComponent(createSign('RSA-SHA1').update(query).sign(sp.privateKeyPem, 'base64'))}`;
    return assertRefused(`${SSO}?${query}`, 'saml_weak_signature', /SHA-1 signatures are refused/);
  });

  it('SAMLRequest twice, or Signature twice: saml_duplicate_parameter (never read as unsigned)', async () => {
    const valid = ssoWithGolden('authn-request.valid.xml');
    await assertRefused(`${valid}&SAMLRequest=${encodeURIComponent(variant((x) => x))}`, 'saml_duplicate_parameter', /carries SAMLRequest 2 times/);
    await resetParty(GOLDEN_REQUEST.mpassidOrigin);
    await assertRefused(`${valid}&Signature=AAAA`, 'saml_duplicate_parameter', /carries Signature 2 times/);
  });
});
