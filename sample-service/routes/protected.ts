import type { RequestHandler } from 'express';
import { html, page } from '../../mock-idp/core/views.js';
import type { ServiceContext } from '../service-context.js';
import { logoutForm, signedInAs } from '../views.js';

const COURSEWORK = [
  { subject: 'Matematiikka', task: 'Yhtälöt, tehtävät 12–18', due: 'ma' },
  { subject: 'Äidinkieli', task: 'Novellianalyysi, luonnos', due: 'ke' },
  { subject: 'Biologia', task: 'Metsän ekosysteemi -esitelmä', due: 'pe' },
];

/** `GET /protected` ("Oma työtila"): only for signed-in users; everyone else is sent to sign in first. */
export function protectedRoute(ctx: ServiceContext): RequestHandler {
  return (req, res) => {
    const session = ctx.sessions.current(req);
    if (!session) {
      res.set('cache-control', 'no-store').redirect('/login?returnTo=/protected');
      return;
    }
    const released = Object.entries(session.claims).filter(([name]) => name.startsWith('urn:') || name.endsWith('_name'));
    const claims = released.map(([name, value]) => html`<dt>${name}</dt>${(Array.isArray(value) ? value : [value]).map((v) => html`<dd data-claim="${name}">${String(v)}</dd>`)}`);
    const rows = COURSEWORK.map((c) => html`<li><strong>${c.subject}</strong>: ${c.task} (palautus ${c.due})</li>`);
    res.set('cache-control', 'no-store').type('html').send(page(ctx.theme, 'Oma työtila', html`${signedInAs(session)}
<h2>Tehtävät</h2>
<ul data-testid="coursework">${rows}</ul>
<h2>MPASSid-tiedot</h2>
<dl data-testid="mpassid-claims">${claims}</dl>
<p><a href="/">Etusivu</a></p>
${logoutForm()}`, { lang: 'fi' }));
  };
}
