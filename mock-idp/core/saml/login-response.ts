import samlify, { type IdentityProviderInstance, type ServiceProviderInstance } from './samlify.js';
import { samlId, samlInstant, xmlEscape } from './xml.js';

/** `urn:oasis:names:tc:SAML:2.0:attrname-format:uri`, MPASSid's attribute NameFormat. */
export const URI_NAME_FORMAT = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
/** The transient NameID format (a new opaque value per sign-in). */
export const TRANSIENT_NAME_ID = 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient';
/** The status codes the mocks answer with (SAML core §3.2.2.2). */
export const SAML_STATUS = {
  success: 'urn:oasis:names:tc:SAML:2.0:status:Success',
  requester: 'urn:oasis:names:tc:SAML:2.0:status:Requester',
  responder: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
  noPassive: 'urn:oasis:names:tc:SAML:2.0:status:NoPassive',
  authnFailed: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed',
  requestDenied: 'urn:oasis:names:tc:SAML:2.0:status:RequestDenied',
  noAuthnContext: 'urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext',
} as const;

/** One `<saml:Attribute>`; several values make a real multi-valued attribute (one AttributeValue each). */
export interface SamlAttribute {
  name: string;
  friendlyName?: string;
  /** Default {@link URI_NAME_FORMAT}. */
  nameFormat?: string;
  values: readonly string[];
}

/** What goes into a successful login Response. */
export interface LoginResponseInput {
  /** The issuing IdP (its signing key and entityID). */
  idp: IdentityProviderInstance;
  /**
   * The SP, built from its metadata. The assertion is signed when the SP metadata says `WantAssertionsSigned`;
   * the Response is signed when the SP entity has `wantMessageSigned` or does not want signed assertions.
   */
  sp: ServiceProviderInstance;
  /** The registered ACS URL the Response is posted to (its `Destination` and the bearer `Recipient`). */
  acsUrl: string;
  /** The AuthnRequest's ID; omitted for an IdP-initiated response. */
  inResponseTo?: string;
  nameId: { value: string; format: string; nameQualifier?: string; spNameQualifier?: string };
  authn: { instant: Date; sessionIndex: string; contextClassRef: string; sessionNotOnOrAfter?: Date };
  attributes: readonly SamlAttribute[];
  /** How long the assertion may be consumed (Conditions and SubjectConfirmationData NotOnOrAfter). Default 300 s. */
  validForSeconds?: number;
}

const NAMESPACES = 'xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"';
const attr = (name: string, value: string | undefined) => (value === undefined ? '' : ` ${name}="${xmlEscape(value)}"`);

function attributeXml(attribute: SamlAttribute): string {
  const values = attribute.values.map((v) =>
    `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${xmlEscape(v)}</saml:AttributeValue>`).join('');
  return `<saml:Attribute${attr('FriendlyName', attribute.friendlyName)}${attr('Name', attribute.name)}${attr('NameFormat', attribute.nameFormat ?? URI_NAME_FORMAT)}>${values}</saml:Attribute>`;
}

function statusXml(code: string, subCode?: string, message?: string): string {
  const inner = subCode ? `<samlp:StatusCode Value="${xmlEscape(subCode)}"/>` : '';
  return `<samlp:Status><samlp:StatusCode Value="${xmlEscape(code)}">${inner}</samlp:StatusCode>${message ? `<samlp:StatusMessage>${xmlEscape(message)}</samlp:StatusMessage>` : ''}</samlp:Status>`;
}

/** The unsigned Response XML; exported for golden-file generation and tests. */
export function loginResponseXml(input: Omit<LoginResponseInput, 'idp' | 'sp'> & { issuer: string; audience: string; now?: Date; id?: string; assertionId?: string }): string {
  const now = input.now ?? new Date();
  const issued = samlInstant(now);
  const until = samlInstant(new Date(now.getTime() + (input.validForSeconds ?? 300) * 1000));
  const issuer = `<saml:Issuer>${xmlEscape(input.issuer)}</saml:Issuer>`;
  const statements = input.attributes.length ? `<saml:AttributeStatement>${input.attributes.map(attributeXml).join('')}</saml:AttributeStatement>` : '';
  return `<samlp:Response ${NAMESPACES} ID="${input.id ?? samlId()}" Version="2.0" IssueInstant="${issued}" Destination="${xmlEscape(input.acsUrl)}"${attr('InResponseTo', input.inResponseTo)}>`
    + issuer + statusXml(SAML_STATUS.success)
    + `<saml:Assertion ID="${input.assertionId ?? samlId()}" Version="2.0" IssueInstant="${issued}">${issuer}`
    + `<saml:Subject><saml:NameID${attr('Format', input.nameId.format)}${attr('NameQualifier', input.nameId.nameQualifier)}${attr('SPNameQualifier', input.nameId.spNameQualifier)}>${xmlEscape(input.nameId.value)}</saml:NameID>`
    + `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${attr('InResponseTo', input.inResponseTo)} NotOnOrAfter="${until}" Recipient="${xmlEscape(input.acsUrl)}"/></saml:SubjectConfirmation></saml:Subject>`
    + `<saml:Conditions NotBefore="${issued}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>${xmlEscape(input.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>`
    + `<saml:AuthnStatement AuthnInstant="${samlInstant(input.authn.instant)}" SessionIndex="${xmlEscape(input.authn.sessionIndex)}"${attr('SessionNotOnOrAfter', input.authn.sessionNotOnOrAfter && samlInstant(input.authn.sessionNotOnOrAfter))}>`
    + `<saml:AuthnContext><saml:AuthnContextClassRef>${xmlEscape(input.authn.contextClassRef)}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`
    + statements + '</saml:Assertion></samlp:Response>';
}

/**
 * A signed login Response for the HTTP-POST binding, with what samlify's default template lacks: the
 * AuthnStatement (SessionIndex, AuthnContextClassRef) and the attributes. samlify signs it (and encrypts the
 * assertion when the IdP is configured to).
 *
 * @returns the Response's ID and the base64 `SAMLResponse` form value
 */
export async function buildLoginResponse(input: LoginResponseInput): Promise<{ id: string; samlResponse: string }> {
  const id = samlId();
  const xml = loginResponseXml({
    ...input,
    id,
    issuer: input.idp.entityMeta.getEntityID(),
    audience: input.sp.entityMeta.getEntityID(),
  });
  const result = await input.idp.createLoginResponse(input.sp, {} as never, 'post', {}, { customTagReplacement: () => ({ id, context: xml }) });
  return { id, samlResponse: result.context };
}

/** What goes into an error Response (no assertion). */
export interface ErrorResponseInput {
  idp: IdentityProviderInstance;
  destination: string;
  inResponseTo?: string;
  status: string;
  subStatus?: string;
  message?: string;
}

/** A signed Response carrying only an error status (SAML core §3.2.2), e.g. `Responder/NoPassive`. */
export function buildErrorResponse(input: ErrorResponseInput): { id: string; samlResponse: string } {
  const id = samlId();
  const issuer = input.idp.entityMeta.getEntityID();
  const xml = `<samlp:Response ${NAMESPACES} ID="${id}" Version="2.0" IssueInstant="${samlInstant(new Date())}" Destination="${xmlEscape(input.destination)}"${attr('InResponseTo', input.inResponseTo)}>`
    + `<saml:Issuer>${xmlEscape(issuer)}</saml:Issuer>${statusXml(input.status, input.subStatus, input.message)}</samlp:Response>`;
  const setting = input.idp.entitySetting;
  const signed = samlify.SamlLib.constructSAMLSignature({
    rawSamlMessage: xml,
    isMessageSigned: true,
    privateKey: setting.privateKey as string,
    signatureAlgorithm: setting.requestSignatureAlgorithm as string,
    signingCert: input.idp.entityMeta.getX509Certificate('signing') as string,
    isBase64Output: true,
    signatureConfig: { prefix: 'ds', location: { reference: "/*[local-name(.)='Response']/*[local-name(.)='Issuer']", action: 'after' } },
  });
  return { id, samlResponse: signed };
}
