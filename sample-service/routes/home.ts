import type { RequestHandler } from 'express';
import { html, page } from '../../mock-idp/core/views.js';
import type { ServiceContext } from '../service-context.js';
import { logoutForm, signedInAs } from '../views.js';

/** `GET /`: the front page; signed in it greets the user, signed out it offers Sign in. */
export function homeRoute(ctx: ServiceContext): RequestHandler {
  return (req, res) => {
    const session = ctx.sessions.current(req);
    const body = session
      ? html`${signedInAs(session)}
<p><a href="/protected" data-testid="protected-link">Oma työtila</a> (your workspace)</p>
${logoutForm()}`
      : html`<p>Kirjaudu sisään MPASSidillä. Sign in with MPASSid.</p>
<a class="button" href="/login" data-testid="sign-in">Sign in</a>`;
    res.set('cache-control', 'no-store').type('html').send(page(ctx.theme, 'Tervetuloa', html`${body}
<p style="color:#6b7280;font-size:.85em" data-testid="logout-strategy">Logout strategy: ${ctx.logout.strategy}</p>`, { lang: 'fi' }));
  };
}
