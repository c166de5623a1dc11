/**
 * Sign-ins walked by hand with fetch and a cookie jar: the Entra sign-in form and "Stay signed in?" page, and the
 * whole chain service → MPASSid → school picker → Entra → MPASSid → service callback. Each step is asserted, so a
 * broken step fails with the step's name rather than somewhere later.
 */
import assert from 'node:assert/strict';
import { sampleOidcRegistration } from '../../harness/registrations.js';
import type { Stack } from '../../harness/stack/stack.js';
import type { TestUser } from '../../mock-idp/users/test-users.js';
import { autoPostOf, formActionOf, ManualBrowser } from './http-kit.js';

/** MPASSid's app in the Entra tenant: its client id and registered reply URL. */
export function mpassidApp(stack: Stack): { clientId: string; redirectUri: string } {
  const app = stack.registrations.entra.apps[0];
  return { clientId: app.clientId, redirectUri: app.redirectUris[0] };
}

/** An Entra tenant and the app that signs in to it: a running stack's, or a standalone mock's. */
export interface EntraTarget {
  origin: string;
  tenantId: string;
  clientId: string;
  redirectUri: string;
}

/** The stack's Entra tenant, signed in to as MPASSid's app; a target passes through unchanged. */
export function entraTarget(from: Stack | EntraTarget): EntraTarget {
  if (!('topology' in from)) return from;
  return { origin: from.topology.parties.entra.origin, tenantId: from.topology.tenantId, ...mpassidApp(from) };
}

/** An Entra authorize URL for the target's app (code flow), with extra parameters. */
export function entraAuthorizeUrl(from: Stack | EntraTarget, extra: Record<string, string> = {}): string {
  const { origin, tenantId, clientId, redirectUri } = entraTarget(from);
  const query = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile',
    state: 'state-1',
    nonce: 'nonce-1',
    ...extra,
  });
  return `${origin}/${tenantId}/oauth2/v2.0/authorize?${query}`;
}

/** An MPASSid authorize URL for the sample service's client (code flow), with extra parameters. */
export function mpassidAuthorizeUrl(stack: Stack, extra: Record<string, string> = {}): string {
  const service = sampleOidcRegistration(stack.registrations);
  const query = new URLSearchParams({
    client_id: service.clientId,
    redirect_uri: service.redirectUris[0],
    response_type: 'code',
    scope: 'openid profile',
    state: 'service-state',
    nonce: 'service-nonce',
    ...extra,
  });
  return `${stack.registrations.urls.mpassidIssuer}/idp/profile/oidc/authorize?${query}`;
}

/** Opens Entra's authorize endpoint and follows it to the sign-in page. */
export async function openEntraSignIn(from: Stack | EntraTarget, browser: ManualBrowser, extra: Record<string, string> = {}) {
  const start = entraAuthorizeUrl(from, extra);
  const first = await browser.get(start);
  assert.equal(first.status, 303, 'Entra authorize without a session sends the browser to its sign-in page');
  const { response, url } = await browser.follow(first, start);
  assert.equal(response.status, 200, `Entra sign-in page at ${url}`);
  const page = await response.text();
  return { url, page, action: formActionOf(page, url) };
}

/** Submits the sign-in form with a user's password and returns the "Stay signed in?" page. */
export async function submitPassword(browser: ManualBrowser, action: string, user: Pick<TestUser, 'username' | 'password'>) {
  const response = await browser.postForm(action, { username: user.username, password: user.password });
  const page = await response.text();
  return { response, page };
}

/**
 * Answers "Stay signed in?" and follows Entra's redirects until the browser would leave Entra; returns that
 * address (MPASSid's callback with `code` and `state`) and the Set-Cookie headers Entra sent on the way.
 */
export async function answerStaySignedIn(from: Stack | EntraTarget, browser: ManualBrowser, kmsiAction: string, stay: 'yes' | 'no') {
  const entraOrigin = entraTarget(from).origin;
  const firstStep = browser.steps.length;
  const response = await browser.postForm(kmsiAction, { stay });
  const { stoppedAt } = await browser.follow(response, kmsiAction, { stopAt: (next) => !next.startsWith(`${entraOrigin}/`) });
  assert.ok(stoppedAt, 'Entra redirects back to the app after "Stay signed in?"');
  const setCookies = browser.steps.slice(firstStep).flatMap((s) => s.setCookie);
  return { returnTo: new URL(stoppedAt), setCookies };
}

/** A whole Entra sign-in for the target's app (MPASSid's by default): form, password, "Stay signed in?". */
export async function signInAtEntra(from: Stack | EntraTarget, browser: ManualBrowser, user: TestUser, stay: 'yes' | 'no') {
  const signIn = await openEntraSignIn(from, browser);
  const kmsi = await submitPassword(browser, signIn.action, user);
  assert.match(kmsi.page, /Stay signed in\?/);
  return answerStaySignedIn(from, browser, formActionOf(kmsi.page, signIn.action), stay);
}

/**
 * The whole chain a learning service starts: MPASSid authorize → school picker → Entra sign-in → MPASSid →
 * the service's callback. Stops before the service; returns the callback address (with MPASSid's `code`).
 */
export async function signInThroughMpassid(stack: Stack, browser: ManualBrowser, user: TestUser, stay: 'yes' | 'no' = 'no') {
  const { mpassid, service } = stack.topology.parties;
  const start = mpassidAuthorizeUrl(stack);
  const picker = await browser.follow(await browser.get(start), start);
  assert.equal(picker.response.status, 200, `MPASSid school picker at ${picker.url}`);
  const pickerPage = await picker.response.text();
  const pickAction = formActionOf(pickerPage, picker.url);
  assert.ok(pickAction.startsWith(`${mpassid.origin}/idp/profile/interaction/`), 'the picker posts back to MPASSid');

  const chosen = await browser.postForm(pickAction, { school: stack.registrations.mpassid.schools[0].code });
  const signIn = await browser.follow(chosen, pickAction);
  assert.equal(signIn.response.status, 200, `Entra sign-in page at ${signIn.url}`);
  const signInAction = formActionOf(await signIn.response.text(), signIn.url);
  const kmsi = await submitPassword(browser, signInAction, user);
  assert.match(kmsi.page, /Stay signed in\?/);

  const kmsiAction = formActionOf(kmsi.page, signInAction);
  const answered = await browser.postForm(kmsiAction, { stay });
  const toService = { stopAt: (next: string) => next.startsWith(`${service.origin}/`) };
  let back = await browser.follow(answered, kmsiAction, toService);
  // With the SAML upstream, Entra answers with a page that posts the Response to MPASSid's ACS: post it, as a browser does.
  if (!back.stoppedAt && back.response.status === 200) {
    const post = autoPostOf(await back.response.text(), back.url);
    back = await browser.follow(await browser.postForm(post.action, post.fields), post.action, toService);
  }
  assert.ok(back.stoppedAt, `MPASSid sends the browser back to the service (last step: ${back.response.status} ${back.url})`);
  const callback = new URL(back.stoppedAt);
  assert.ok(callback.searchParams.get('code'), `the service callback carries a code: ${callback.href}`);
  return { callback };
}
