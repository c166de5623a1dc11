import type { Hop } from '../../mock-idp/core/hop-trace.js';
import type { Lifeline } from './evidence.js';
import { truncate } from './markup.js';

/** How a hop reached its party, as the diagram draws it. */
export type HopKind = 'navigation' | 'form-post' | 'auto-post' | 'back-channel';

const SAML_POST_PATH = /(?:^|\/)(?:acs|SAML2\/POST|saml2)(?:[/?]|$)/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OPAQUE = /^[A-Za-z0-9_-]{20,}$/;

/** The device part of a browser hop's `context` (`<test id>/<device>`); `browser` when it has none. */
export function deviceOf(hop: Hop): string {
  if (!hop.context) return 'browser';
  const device = hop.context.slice(hop.context.lastIndexOf('/') + 1);
  return device || hop.context;
}

/**
 * Navigation, a form the person submitted, a form that submitted itself (the SAML HTTP-POST binding: a POST to an
 * ACS-like path, or to another party than the one that served the page before), or a server-to-server call.
 */
export function hopKind(hop: Hop, previousOnDevice?: Hop): HopKind {
  if (hop.channel === 'back-channel') return 'back-channel';
  if (hop.method === 'GET' || hop.method === 'HEAD') return 'navigation';
  const path = hop.path.split('?')[0];
  if (SAML_POST_PATH.test(path)) return 'auto-post';
  if (previousOnDevice && previousOnDevice.party !== hop.party && previousOnDevice.status === 200) return 'auto-post';
  return 'form-post';
}

const isService = (party: string) => party === 'service' || party.startsWith('service-');

/**
 * Who made a back-channel call. Hops name only the callee; the caller is the party upstream of it: MPASSid calls
 * Entra ID and the services (SAML metadata), a service calls MPASSid (token, userinfo, metadata). Which service
 * called MPASSid is the one the browser was last at (the call happens while that service handles the callback).
 */
export function backChannelCaller(hop: Hop, lastServiceVisited: string | undefined, parties: readonly string[]): string {
  if (hop.party === 'mpassid') {
    if (lastServiceVisited && parties.includes(lastServiceVisited)) return lastServiceVisited;
    return parties.find((p) => p === 'service') ?? parties.find(isService) ?? 'service';
  }
  if (hop.party === 'entra' || isService(hop.party)) return 'mpassid';
  return parties.find((p) => p !== hop.party && p === 'mpassid') ?? parties.find((p) => p !== hop.party) ?? 'mpassid';
}

/** True for parties that are sample or real services (`service`, `service-b`, …). */
export function isServiceParty(party: string): boolean {
  return isService(party);
}

function shortSegment(segment: string): string {
  if (GUID.test(segment)) return '{tenant}';
  if (OPAQUE.test(segment) && segment.length > 24) return `${segment.slice(0, 6)}…`;
  return segment;
}

/**
 * A path and query short enough for an arrow label: tenant GUIDs become `{tenant}`, opaque ids are cut, long
 * query values become `…` (names stay, so `SAMLRequest=…&RelayState=…` still says what travelled), and what is
 * still too long is cut at `max` characters.
 */
export function shortenPath(path: string, max: number): string {
  const q = path.indexOf('?');
  const pathname = (q < 0 ? path : path.slice(0, q)).split('/').map(shortSegment).join('/');
  if (q < 0) return truncate(pathname, max);
  const params = path.slice(q + 1).split('&').filter(Boolean).map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0) return pair;
    const value = pair.slice(eq + 1);
    return `${pair.slice(0, eq)}=${value.length > 14 || value.includes('%') ? '…' : value}`;
  });
  let query = params.join('&');
  while (params.length > 1 && pathname.length + query.length + 1 > max) {
    params.pop();
    query = `${params.join('&')}&…`;
  }
  return truncate(`${pathname}?${query}`, max);
}

/** A cookie name short enough for an annotation (`_shibsession_c1968e…`). */
export function shortCookie(name: string): string {
  return truncate(name, 22);
}

/** The lifeline's short name for labels: its label when short (`MPASSid`, `Entra ID`), else its id (`service`). */
export function shortName(lifeline: Pick<Lifeline, 'id' | 'label'>): string {
  return lifeline.label.length <= 12 ? lifeline.label : lifeline.id;
}

/**
 * Where a redirect sends the browser, for a label: the party by its short name and the shortened path
 * (`MPASSid /idp/profile/Logout?return=…`); a relative address is at the answering party; an address at no known
 * party keeps its host and path (never the scheme).
 */
export function describeLocation(location: string, callee: Lifeline | undefined, lifelines: readonly Lifeline[], max: number): string {
  let url: URL;
  try {
    url = new URL(location, callee?.origin || 'http://unknown.invalid');
  } catch {
    return truncate(location, max);
  }
  const target = lifelines.find((l) => {
    try {
      return l.origin && new URL(l.origin).origin === url.origin;
    } catch {
      return false;
    }
  });
  const where = target ? shortName(target) : url.host;
  return `${where} ${shortenPath(`${url.pathname}${url.search}`, Math.max(12, max - where.length - 1))}`;
}
