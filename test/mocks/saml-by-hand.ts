/**
 * SAML by hand for mock tests: AuthnRequests built and signed as an SP would (HTTP-Redirect), and a walk through
 * whatever pages come (redirects, auto-posting forms, school picker, Entra sign-in) until a Response is posted to
 * the SP's ACS.
 */
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import type { SigningKey } from '../../mock-idp/core/keys.js';
import samlify from '../../mock-idp/core/saml/samlify.js';
import { samlId, samlInstant } from '../../mock-idp/core/saml/xml.js';
import type { TestUser } from '../../mock-idp/users/test-users.js';
import { autoPostOf, formActionOf, type ManualBrowser } from './http-kit.js';

/** What goes into a hand-made AuthnRequest. */
export interface AuthnRequestInput {
  destination: string;
  issuer: string;
  acsUrl?: string;
  id?: string;
  forceAuthn?: boolean;
  isPassive?: boolean;
  requestedSources?: string[];
  relayState?: string;
  /** Signs the query (RSA-SHA256) with this key. */
  signWith?: SigningKey;
  /** Extra query parameters after the signed ones (e.g. `lang`). */
  extra?: Record<string, string>;
}

/** An HTTP-Redirect AuthnRequest URL; returns it with the request's ID. */
export function redirectAuthnRequest(input: AuthnRequestInput): { url: string; id: string } {
  const id = input.id ?? samlId();
  const context = input.requestedSources?.length
    ? `<samlp:RequestedAuthnContext Comparison="exact">${input.requestedSources.map((s) => `<saml:AuthnContextClassRef>urn:mpass.id:authnsource:${s}</saml:AuthnContextClassRef>`).join('')}</samlp:RequestedAuthnContext>`
    : '';
  const xml = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" IssueInstant="${samlInstant(new Date())}" Destination="${input.destination}"`
    + `${input.acsUrl ? ` AssertionConsumerServiceURL="${input.acsUrl}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"` : ''}`
    + `${input.forceAuthn ? ' ForceAuthn="true"' : ''}${input.isPassive ? ' IsPassive="true"' : ''}>`
    + `<saml:Issuer>${input.issuer}</saml:Issuer><samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient" AllowCreate="true"/>${context}</samlp:AuthnRequest>`;
  return { url: redirectUrl(input.destination, 'SAMLRequest', deflateRawSync(xml).toString('base64'), input), id };
}

/** Builds a redirect-binding URL for an already encoded message, signing it when asked. */
export function redirectUrl(destination: string, parameter: string, encoded: string, input: Pick<AuthnRequestInput, 'relayState' | 'signWith' | 'extra'>): string {
  let query = `${parameter}=${encodeURIComponent(encoded)}`;
  if (input.relayState !== undefined) query += `&RelayState=${encodeURIComponent(input.relayState)}`;
  if (input.signWith) {
    query += `&SigAlg=${encodeURIComponent('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256')}`;
    const signature = samlify.SamlLib.constructMessageSignature(query, input.signWith.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), undefined, true,
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256') as string;
    query += `&Signature=${encodeURIComponent(signature)}`;
  }
  for (const [name, value] of Object.entries(input.extra ?? {})) query += `&${name}=${encodeURIComponent(value)}`;
  return `${destination}?${query}`;
}

/** What a walk went through and where it ended. */
export interface SamlWalk {
  pickerShown: boolean;
  pickerLang?: string;
  passwordAsked: boolean;
  /** The form the last page posts to the SP's ACS. */
  post: { action: string; fields: Record<string, string> };
}

/**
 * Opens `startUrl` and walks on like a browser (following redirects, submitting auto-posting forms, picking the
 * first school, signing in as `user`) until a page would post to `acsUrl`.
 */
export async function walkToAcs(browser: ManualBrowser, startUrl: string, acsUrl: string, options: { user?: TestUser; stay?: 'yes' | 'no' } = {}): Promise<SamlWalk> {
  const walk: Omit<SamlWalk, 'post'> = { pickerShown: false, passwordAsked: false };
  let { response, url } = await browser.follow(await browser.get(startUrl), startUrl);
  for (let step = 0; step < 12; step++) {
    assert.equal(response.status, 200, `page at ${url} (${browser.steps.map((s) => `${s.status} ${s.url}`).join(' → ')})`);
    const page = await response.text();
    let next: Response;
    let nextUrl: string;
    if (page.includes('document.forms[0].submit()')) {
      const post = autoPostOf(page, url);
      if (post.action === acsUrl) return { ...walk, post };
      next = await browser.postForm(post.action, post.fields);
      nextUrl = post.action;
    } else if (page.includes('data-testid="school-picker"')) {
      walk.pickerShown = true;
      walk.pickerLang = /<html lang="(\w+)"/.exec(page)?.[1];
      nextUrl = formActionOf(page, url);
      next = await browser.postForm(nextUrl, { school: /name="school" value="([^"]+)"/.exec(page)?.[1] ?? '' });
    } else if (page.includes('data-testid="entra-sign-in"')) {
      walk.passwordAsked = true;
      assert.ok(options.user, `the directory asked for a password at ${url}`);
      nextUrl = formActionOf(page, url);
      next = await browser.postForm(nextUrl, { username: options.user.username, password: options.user.password });
    } else if (page.includes('data-testid="entra-kmsi"')) {
      nextUrl = formActionOf(page, url);
      next = await browser.postForm(nextUrl, { stay: options.stay ?? 'no' });
    } else {
      assert.fail(`unexpected page at ${url}: ${page.replace(/[\s\S]*<main>/, '').slice(0, 400)}`);
    }
    ({ response, url } = await browser.follow(next, nextUrl));
  }
  assert.fail(`no Response reached ${acsUrl} within 12 pages`);
}

/** The XML inside a posted `SAMLResponse`. */
export const responseXml = (post: SamlWalk['post']) => Buffer.from(post.fields.SAMLResponse, 'base64').toString('utf8');
