import type { LedgerEvent } from '../../mock-idp/core/ledger.js';
import { truncate } from './markup.js';

/** How much an event matters in a diagram: session changes, the logout itself, failures, everything else. */
export type EventWeight = 'session-created' | 'session-ended' | 'logout' | 'problem' | 'note';

/** An event in a few words for a diagram note. */
export interface EventNote {
  weight: EventWeight;
  text: string;
}

const PROBLEMS = new Set(['logout.return_rejected', 'saml.request.rejected', 'credentials.rejected', 'logout.no_session']);

const str = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** A subject short enough for a note (`MPASSOID.391ea8eb…`, `pupil1@mansikkala.test`). */
export function shortSubject(subject: string | undefined): string {
  return subject ? truncate(subject, 22) : 'unknown subject';
}

/** A URL in a note: host and path, never the scheme. */
function hostPath(value: unknown): string {
  try {
    const url = new URL(str(value));
    return truncate(`${url.host}${url.pathname}`, 40);
  } catch {
    return truncate(str(value), 40);
  }
}

/** What a ledger event says, in a few plain words. */
export function noteOf(event: LedgerEvent): EventNote {
  const d = event.detail ?? {};
  switch (event.name) {
    case 'session.created':
      return { weight: 'session-created', text: `session opened: ${shortSubject(event.subject)}` };
    case 'session.ended':
      return { weight: 'session-ended', text: `session ended (${str(d.endedBy) || 'unknown'})` };
    case 'logout.started':
      return { weight: 'logout', text: `Log out pressed${d.strategy ? ` (strategy: ${str(d.strategy)})` : ''}` };
    case 'logout.return_rejected':
      return { weight: 'problem', text: `return address refused: ${hostPath(d.returnTo)}` };
    case 'logout.no_session':
      return { weight: 'problem', text: 'logout without a session' };
    case 'saml.request.rejected':
      return { weight: 'problem', text: `SAML request refused${d.code ? ` (${str(d.code)})` : ''}` };
    case 'credentials.rejected':
      return { weight: 'problem', text: 'password rejected' };
    case 'credentials.prompted':
      return { weight: 'note', text: 'password asked' };
    case 'credentials.accepted':
      return { weight: 'note', text: 'password accepted' };
    case 'kmsi.answered':
      return { weight: 'note', text: `"Stay signed in?" ${d.staySignedIn ? 'yes' : 'no'}` };
    case 'school_picker.shown':
      return { weight: 'note', text: 'school picker shown' };
    case 'school_picker.skipped':
      return { weight: 'note', text: 'school picker skipped' };
    case 'school_picker.chosen':
      return { weight: 'note', text: `school chosen${d.school ? ` (${str(d.school)})` : ''}` };
    case 'upstream.started':
      return { weight: 'note', text: `to the directory${d.protocol ? ` (${str(d.protocol)})` : ''}` };
    case 'upstream.authenticated':
      return { weight: 'note', text: 'directory answered' };
    case 'authorization.issued':
      return { weight: 'note', text: 'authorization issued' };
    case 'saml.authn_request.received':
      return { weight: 'note', text: 'AuthnRequest accepted' };
    case 'saml.response.issued':
      return { weight: 'note', text: `SAML Response issued${d.status ? ` (${str(d.status)})` : ''}` };
    case 'logout.returned':
      return { weight: 'note', text: `logout returns to ${hostPath(d.returnTo)}` };
    case 'frontchannel.sent':
      return { weight: 'note', text: 'front-channel logout sent' };
    case 'saml.logout.received':
      return { weight: 'note', text: 'SAML LogoutRequest received' };
    case 'saml.logout.completed':
      return { weight: 'note', text: 'SAML logout completed' };
    default:
      return { weight: PROBLEMS.has(event.name) ? 'problem' : 'note', text: event.name };
  }
}
