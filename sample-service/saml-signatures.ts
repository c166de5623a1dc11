import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import samlify, { type IdentityProviderInstance } from '../mock-idp/core/saml/samlify.js';
import { SamlResponseRejected } from './saml-response-checks.js';

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const FIX = 'sign with the key of the signing certificate in MPASSid\'s metadata, and change nothing after signing';

/**
 * samlify accepts a Response when *either* its own signature *or* its Assertion's verifies. The service wants more:
 * the Assertion's signature must verify on its own (the SP metadata says WantAssertionsSigned), and a Response
 * signature, when present, must verify too. Each is checked here with samlify's verifier on a copy of the document
 * in which only that one signature is where samlify looks.
 */

function parse(xml: string): Document {
  return new DOMParser({ errorHandler: { warning: () => undefined, error: () => undefined, fatalError: () => undefined } }).parseFromString(xml, 'text/xml');
}

function directSignature(element: Element): Element | undefined {
  return Array.from(element.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === DS && (n as Element).localName === 'Signature');
}

/** The `URI` of a signature's only Reference, without the leading `#`. */
function referencedId(signature: Element): string | undefined {
  const references = Array.from(signature.getElementsByTagNameNS(DS, 'Reference'));
  if (references.length !== 1) return undefined;
  const uri = references[0].getAttribute('URI') ?? '';
  return uri.startsWith('#') ? uri.slice(1) : undefined;
}

function verify(xml: string, idp: IdentityProviderInstance): [boolean, string | null, unknown] {
  try {
    const [verified, node] = samlify.SamlLib.verifySignature(xml, { metadata: idp.entityMeta, signatureAlgorithm: idp.entitySetting.requestSignatureAlgorithm });
    return [verified, node, undefined];
  } catch (err) {
    return [false, null, err];
  }
}

function failure(what: string, err: unknown): SamlResponseRejected {
  const message = err instanceof Error ? err.message : '';
  if (message === 'ERROR_UNMATCH_CERTIFICATE_DECLARATION_IN_METADATA') {
    return new SamlResponseRejected('saml_bad_signature', `the ${what} is signed with a certificate that is not the signing certificate in MPASSid's metadata`, FIX, { cause: err });
  }
  if (/multiple (elements|Signature elements) with the same/.test(message)) {
    return new SamlResponseRejected('saml_wrapping', `signature wrapping suspected: ${message}`, 'send each ID and each signature once', { cause: err });
  }
  return new SamlResponseRejected('saml_bad_signature',
    `the ${what}'s signature does not verify with the signing certificate in MPASSid's metadata: the message was changed after signing, or signed with another key`,
    FIX, { cause: err });
}

/**
 * Verifies the Assertion's own enveloped signature, in place in the Response (with the Response's signature set
 * aside), and that it covers exactly that Assertion.
 *
 * @param xml the Response document
 * @param assertionId the ID of the Response's one Assertion
 */
export function verifyAssertionSignature(xml: string, assertionId: string, idp: IdentityProviderInstance): void {
  const doc = parse(xml);
  const root = doc.documentElement as Element;
  const responseSignature = directSignature(root);
  if (responseSignature) root.removeChild(responseSignature);
  const assertion = Array.from(root.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === SAML && (n as Element).localName === 'Assertion');
  const signature = assertion && directSignature(assertion);
  if (!signature || referencedId(signature) !== assertionId) {
    throw new SamlResponseRejected('saml_bad_signature', `the Assertion's signature does not reference the Assertion itself ("#${assertionId}")`, FIX);
  }
  const [verified, node, err] = verify(new XMLSerializer().serializeToString(doc), idp);
  if (!verified) throw failure('Assertion', err);
  const signedId = node ? parse(node).documentElement?.getAttribute('ID') : undefined;
  if (signedId !== assertionId) {
    throw new SamlResponseRejected('saml_wrapping', `signature wrapping suspected: the verified signature covers ${signedId ? `"${signedId}"` : 'something else'}, not the Assertion "${assertionId}" the Response carries`,
      'send the signed Assertion itself, directly under the Response');
  }
}

/**
 * Verifies the Response's own enveloped signature, when it has one. samlify's verifier looks for it directly under
 * the document element, and also for the Assertion's; so the check runs on a copy in which the Response sits under
 * a synthetic root next to its detached signature (the enveloped-signature transform removes that signature from
 * the digest anyway), where samlify sees only the Response's signature.
 *
 * @param xml the Response document
 * @param responseId the Response's ID
 * @returns whether the Response was signed (and verified)
 */
export function verifyResponseSignature(xml: string, responseId: string, idp: IdentityProviderInstance): boolean {
  const doc = parse(xml);
  const root = doc.documentElement as Element;
  const signature = directSignature(root);
  if (!signature) return false;
  if (referencedId(signature) !== responseId) {
    throw new SamlResponseRejected('saml_bad_signature', `the Response's signature does not reference the Response itself ("#${responseId}")`, FIX);
  }
  root.removeChild(signature);
  const holder = parse('<ResponseSignatureCheck/>');
  const holderRoot = holder.documentElement as Element;
  holderRoot.appendChild(holder.importNode(signature, true));
  holderRoot.appendChild(holder.importNode(root, true));
  const [verified, , err] = verify(new XMLSerializer().serializeToString(holder), idp);
  if (!verified) throw failure('Response', err);
  return true;
}
