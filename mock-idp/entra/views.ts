import { html, page, type SafeHtml } from '../core/views.js';
import { entraTheme } from './theme.js';

/** The sign-in page: username and password of a directory account. */
export function signInPage(input: { action: string; loginHint?: string; error?: string; appName?: string }): string {
  return page(entraTheme, 'Sign in', html`
${input.appName ? html`<p>to continue to <strong>${input.appName}</strong></p>` : html``}
${input.error ? html`<p class="error" data-testid="entra-error">${input.error}</p>` : html``}
<form method="post" action="${input.action}" data-testid="entra-sign-in">
  <label for="username">Email or username</label>
  <input type="email" id="username" name="username" autocomplete="username" value="${input.loginHint ?? ''}" data-testid="entra-username">
  <label for="password">Password</label>
  <input type="password" id="password" name="password" autocomplete="current-password" data-testid="entra-password">
  <button type="submit" data-testid="entra-submit">Sign in</button>
</form>`);
}

/** The "Stay signed in?" (KMSI) page: yes makes the session cookie persistent. */
export function staySignedInPage(input: { action: string; username: string }): string {
  return page(entraTheme, 'Stay signed in?', html`
<p>${input.username}</p>
<p>Do this to reduce the number of times you are asked to sign in.</p>
<form method="post" action="${input.action}" data-testid="entra-kmsi">
  <button type="submit" name="stay" value="no" class="secondary" data-testid="entra-kmsi-no">No</button>
  <button type="submit" name="stay" value="yes" data-testid="entra-kmsi-yes">Yes</button>
</form>`);
}

/** The page after `/oauth2/v2.0/logout`; front-channel logout iframes load from it, then it redirects if allowed. */
export function signedOutPage(input: { frontchannelUris: string[]; redirectTo?: string; note?: SafeHtml }): string {
  const frames = input.frontchannelUris.map((uri) => html`<iframe src="${uri}" hidden></iframe>`);
  const redirect = input.redirectTo
    ? html`<a id="continue" data-testid="entra-continue" href="${input.redirectTo}">Continue</a><script>
var links=document.getElementById('continue'),frames=document.querySelectorAll('iframe'),pending=frames.length;
function go(){location.replace(links.href)}
if(!pending)go();frames.forEach(function(f){f.onload=f.onerror=function(){if(--pending===0)go()}});
</script>`
    : html``;
  return page(entraTheme, 'You signed out of your account', html`
<p data-testid="entra-signed-out">It's a good idea to close all browser windows.</p>
${input.note ?? html``}${frames}${redirect}`);
}
