/**
 * Reads a SAML login Response (already decoded and schema-checked) into plain values for the checks in
 * `saml-response-checks.ts`. Only direct children are read where SAML core fixes the position, so a Signature or
 * Assertion hidden deeper (signature wrapping) is never mistaken for the real one.
 */

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

/** A `<saml:SubjectConfirmation>` with its `<SubjectConfirmationData>`. */
export interface SubjectConfirmation {
  method: string;
  recipient?: string;
  notBefore?: string;
  notOnOrAfter?: string;
  inResponseTo?: string;
}

/** One `<saml:Attribute>`: its Name, FriendlyName and every AttributeValue. */
export interface ReadAttribute {
  name: string;
  friendlyName?: string;
  values: string[];
}

/** The Response's one Assertion, as far as the service uses it. */
export interface ReadAssertion {
  id: string;
  issuer?: string;
  /** Whether the Assertion has an enveloped `<ds:Signature>` (its direct child). */
  signed: boolean;
  nameId?: { value: string; format?: string };
  subjectConfirmations: SubjectConfirmation[];
  conditions?: { notBefore?: string; notOnOrAfter?: string };
  /** The audiences of each `<AudienceRestriction>` (each one must name the service). */
  audienceRestrictions: string[][];
  authn?: { sessionIndex?: string; sessionNotOnOrAfter?: string; contextClassRef?: string };
  attributes: ReadAttribute[];
}

/** A login Response read into plain values. */
export interface ReadResponse {
  id: string;
  inResponseTo?: string;
  destination?: string;
  issuer?: string;
  status: { code?: string; subCode?: string; message?: string };
  /** Whether the Response has an enveloped `<ds:Signature>` (its direct child). */
  signed: boolean;
  /** Every `<saml:Assertion>` in the document, wherever it is. */
  assertionCount: number;
  /** Every `<saml:EncryptedAssertion>` in the document. */
  encryptedAssertionCount: number;
  /** The Assertion that is a direct child of the Response (when there is exactly one such child). */
  assertion?: ReadAssertion;
}

const children = (parent: Element, ns: string, localName: string): Element[] =>
  Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === localName);
const child = (parent: Element | undefined, ns: string, localName: string): Element | undefined =>
  parent ? children(parent, ns, localName)[0] : undefined;
const attr = (element: Element | undefined, name: string): string | undefined => element?.getAttribute(name) || undefined;
const text = (element: Element | undefined): string | undefined => element?.textContent?.trim() || undefined;

function readAssertion(assertion: Element): ReadAssertion {
  const subject = child(assertion, SAML, 'Subject');
  const nameId = child(subject, SAML, 'NameID');
  const conditions = child(assertion, SAML, 'Conditions');
  const authnStatement = child(assertion, SAML, 'AuthnStatement');
  const classRef = child(child(authnStatement, SAML, 'AuthnContext'), SAML, 'AuthnContextClassRef');
  return {
    id: assertion.getAttribute('ID') ?? '',
    issuer: text(child(assertion, SAML, 'Issuer')),
    signed: child(assertion, DS, 'Signature') !== undefined,
    nameId: nameId ? { value: nameId.textContent?.trim() ?? '', format: attr(nameId, 'Format') } : undefined,
    subjectConfirmations: subject
      ? children(subject, SAML, 'SubjectConfirmation').map((c) => {
        const data = child(c, SAML, 'SubjectConfirmationData');
        return {
          method: c.getAttribute('Method') ?? '',
          recipient: attr(data, 'Recipient'),
          notBefore: attr(data, 'NotBefore'),
          notOnOrAfter: attr(data, 'NotOnOrAfter'),
          inResponseTo: attr(data, 'InResponseTo'),
        };
      })
      : [],
    conditions: conditions ? { notBefore: attr(conditions, 'NotBefore'), notOnOrAfter: attr(conditions, 'NotOnOrAfter') } : undefined,
    audienceRestrictions: conditions
      ? children(conditions, SAML, 'AudienceRestriction').map((r) => children(r, SAML, 'Audience').map((a) => a.textContent?.trim() ?? ''))
      : [],
    authn: authnStatement
      ? { sessionIndex: attr(authnStatement, 'SessionIndex'), sessionNotOnOrAfter: attr(authnStatement, 'SessionNotOnOrAfter'), contextClassRef: text(classRef) }
      : undefined,
    attributes: children(assertion, SAML, 'AttributeStatement').flatMap((statement) => children(statement, SAML, 'Attribute').map((a) => ({
      name: a.getAttribute('Name') ?? '',
      friendlyName: attr(a, 'FriendlyName'),
      values: children(a, SAML, 'AttributeValue').map((v) => v.textContent ?? ''),
    }))),
  };
}

/** Reads a `<samlp:Response>` element (the root of a decoded message). */
export function readResponse(root: Element): ReadResponse {
  const status = child(root, SAMLP, 'Status');
  const topCode = child(status, SAMLP, 'StatusCode');
  const direct = children(root, SAML, 'Assertion');
  return {
    id: root.getAttribute('ID') ?? '',
    inResponseTo: attr(root, 'InResponseTo'),
    destination: attr(root, 'Destination'),
    issuer: text(child(root, SAML, 'Issuer')),
    status: { code: attr(topCode, 'Value'), subCode: attr(child(topCode, SAMLP, 'StatusCode'), 'Value'), message: text(child(status, SAMLP, 'StatusMessage')) },
    signed: child(root, DS, 'Signature') !== undefined,
    assertionCount: root.getElementsByTagNameNS(SAML, 'Assertion').length,
    encryptedAssertionCount: root.getElementsByTagNameNS(SAML, 'EncryptedAssertion').length,
    assertion: direct.length === 1 ? readAssertion(direct[0]) : undefined,
  };
}
