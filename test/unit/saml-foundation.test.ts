import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { test } from 'node:test';
import { runKey } from '../../mock-idp/core/keys.js';
import { samlCredential } from '../../mock-idp/core/saml/certificate.js';
import { SamlSchemaError, validateSamlMessage } from '../../mock-idp/core/saml/schema-validator.js';

const AUTHN_REQUEST = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"
  ID="_a1" Version="2.0" IssueInstant="2026-12-03T10:00:00Z" AssertionConsumerServiceURL="http://127.0.0.2:5602/saml/acs"
  ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><saml:Issuer>http://127.0.0.2:5602/saml/metadata</saml:Issuer></samlp:AuthnRequest>`;

test('a run key gets a self-signed certificate whose public key is the key itself', async () => {
  const key = runKey('saml-foundation-test');
  const credential = await samlCredential(key, 'mpassid.test');
  const certificate = new X509Certificate(credential.certificatePem);
  assert.equal(certificate.subject, 'CN=mpassid.test');
  assert.ok(certificate.publicKey.equals(key.publicKey));
  assert.ok(certificate.verify(key.publicKey), 'self-signed');
  assert.equal(Buffer.from(credential.certificateBase64, 'base64').length > 500, true);
  assert.equal(await samlCredential(key, 'mpassid.test'), credential, 'cached per key');
});

test('a well-formed AuthnRequest passes the SAML 2.0 protocol schema', async () => {
  await validateSamlMessage(AUTHN_REQUEST);
});

test('a message that breaks the schema is rejected with the reason', async () => {
  await assert.rejects(validateSamlMessage(AUTHN_REQUEST.replace(' Version="2.0"', '')),
    (err: unknown) => err instanceof SamlSchemaError && /Version/.test(err.message));
  await assert.rejects(validateSamlMessage('not xml at all'), SamlSchemaError);
});

test('a DTD or entity declaration is refused before parsing (XXE, billion laughs)', async () => {
  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>${AUTHN_REQUEST}`;
  await assert.rejects(validateSamlMessage(laughs), (err: unknown) => err instanceof SamlSchemaError && /DTD/.test(err.message));
});
