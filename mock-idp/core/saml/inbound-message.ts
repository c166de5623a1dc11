import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { samlError } from './saml-errors.js';
import { SamlSchemaError, validateSamlMessage } from './schema-validator.js';

/** Which binding carried a message: HTTP-Redirect deflates it, HTTP-POST only base64-encodes it. */
export type SamlBinding = 'redirect' | 'post';

/** A protocol message decoded, schema-checked and read just enough to route it. */
export interface InboundSamlMessage {
  xml: string;
  /** Local name of the root element: `AuthnRequest`, `Response`, `LogoutRequest`, … */
  kind: string;
  id: string;
  issuer: string;
  /** The root element, for reading further attributes. */
  root: Element;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';

/**
 * Decodes `SAMLRequest`/`SAMLResponse` as the binding carries it and checks it against the SAML 2.0 schema
 * (DTDs and entities refused before parsing). Every failure is a SAML error naming what is wrong with the
 * message: bad base64, bad deflate, not XML, schema violation, unexpected message kind.
 */
export async function decodeInboundMessage(raw: unknown, binding: SamlBinding, expected: readonly string[]): Promise<InboundSamlMessage> {
  const parameter = expected.some((k) => k.endsWith('Request')) ? 'SAMLRequest' : 'SAMLResponse';
  if (Array.isArray(raw)) throw samlError('saml_duplicate_parameter', `the request carries ${parameter} ${raw.length} times`, `send ${parameter} once`);
  if (typeof raw !== 'string' || raw === '') {
    throw samlError('saml_missing_message', `the request carries no ${parameter}`, `send the ${parameter} parameter as the SAML HTTP-${binding === 'redirect' ? 'Redirect' : 'POST'} binding defines it`);
  }
  const compact = raw.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.length % 4 !== 0) {
    throw samlError('saml_bad_encoding', `${parameter} is not valid base64`, 'base64-encode the message (and URL-encode it in a query string)');
  }
  let bytes = Buffer.from(compact, 'base64');
  if (binding === 'redirect') {
    try {
      bytes = inflateRawSync(bytes, { maxOutputLength: 256 * 1024 });
    } catch (err) {
      throw samlError('saml_bad_encoding', `${parameter} does not inflate: the HTTP-Redirect binding requires DEFLATE (RFC 1951, raw, no zlib header)`,
        'deflate the message before base64-encoding it', { cause: err });
    }
  }
  const xml = bytes.toString('utf8');
  if (!xml.trimStart().startsWith('<')) {
    throw samlError('saml_not_xml', `${parameter} is not an XML document`, 'send a SAML 2.0 protocol message');
  }
  try {
    await validateSamlMessage(xml);
  } catch (err) {
    if (err instanceof SamlSchemaError) throw samlError('saml_schema_invalid', err.message, 'send a message that conforms to the SAML 2.0 protocol schema', { cause: err });
    throw err;
  }
  const root = new DOMParser({ errorHandler: { warning: () => undefined, error: () => undefined, fatalError: () => undefined } }).parseFromString(xml, 'text/xml').documentElement;
  if (!root || root.namespaceURI !== SAMLP || !expected.includes(root.localName)) {
    throw samlError('saml_unexpected_message', `expected ${expected.join(' or ')}, got ${root?.localName ?? 'nothing'}`,
      `send a ${expected.join(' or ')} to this endpoint`);
  }
  const issuerElement = Array.from(root.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === SAML && (n as Element).localName === 'Issuer');
  return { xml, kind: root.localName, id: root.getAttribute('ID') ?? '', issuer: issuerElement?.textContent?.trim() ?? '', root };
}

/**
 * What an HTTP-Redirect signature covers (SAML bindings §3.4.4.1): `SAMLRequest` (or `SAMLResponse`), `RelayState`
 * if present and `SigAlg`, in that order, exactly as URL-encoded in the query received. Other parameters (such
 * as MPASSid's `lang`) are not covered. samlify needs it as `octetString`.
 */
export function redirectOctetString(originalUrl: string): string {
  const query = originalUrl.includes('?') ? originalUrl.slice(originalUrl.indexOf('?') + 1) : '';
  const pairs = new Map(query.split('&').map((pair) => [pair.split('=')[0], pair] as const));
  return ['SAMLRequest', 'SAMLResponse', 'RelayState', 'SigAlg'].flatMap((name) => pairs.get(name) ?? []).join('&');
}
