import { html, type SafeHtml } from '../mock-idp/core/views.js';
import type { ServiceSession } from './service-sessions.js';

/** The service's brand colour (teal). */
export const ACCENT = '#0f766e';

/** The user's name as the pages show it: `<given_name> <family_name>`, or the subject when MPASSid sent no names. */
export function displayName(session: ServiceSession): string {
  return [session.givenName, session.familyName].filter(Boolean).join(' ') || session.subject;
}

/** `Signed in as <given> <family>`: the text the harness's black-box probes look for. */
export function signedInAs(session: ServiceSession): SafeHtml {
  return html`<p data-testid="signed-in-as">Signed in as ${displayName(session)}</p>`;
}

/** The Log out button (a form POST; `GET /logout` works too, as many real services' logout links do). */
export function logoutForm(): SafeHtml {
  return html`<form method="post" action="/logout"><button type="submit" data-testid="logout">Log out</button></form>`;
}
