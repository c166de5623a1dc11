import express from 'express';
import { PartyError } from '../../core/errors.js';
import { runKey } from '../../core/keys.js';
import type { SessionLedger } from '../../core/ledger.js';
import { samlCredential } from '../../core/saml/certificate.js';
import { decodeInboundMessage } from '../../core/saml/inbound-message.js';
import { samlError } from '../../core/saml/saml-errors.js';
import samlify, { type ServiceProviderInstance } from '../../core/saml/samlify.js';
import type { MpassidConfig, SamlUpstreamConfig, School } from '../config.js';
import { BINDING, SAML_PATHS } from '../saml/paths.js';
import type { DirectoryUpstream, UpstreamCompletion } from './directory-upstream.js';
import { SamlDirectory } from './saml-directory.js';
import { SpSessions } from './saml-sp-session.js';

/** The claim Entra puts the user principal name in, and the object id. */
const ENTRA_CLAIMS = {
  name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
  oid: 'http://schemas.microsoft.com/identity/claims/objectidentifier',
  tid: 'http://schemas.microsoft.com/identity/claims/tenantid',
} as const;

interface PendingSignIn {
  interactionUid: string;
  school: School;
  requestId: string;
  expiresAt: number;
}

const first = (value: unknown): string | undefined => (Array.isArray(value) ? first(value[0]) : typeof value === 'string' ? value : undefined);

/** samlify's error codes, in words. */
function describeSamlifyError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (message.includes('ERR_FAILED_MESSAGE_SIGNATURE_VERIFICATION') || message.includes('SIGNATURE')) return 'its signature does not verify with the directory\'s certificate';
  if (message.includes('ERR_UNMATCH_ISSUER')) return 'its Issuer is not the directory\'s entityID';
  if (message.includes('ERR_EXPIRED_SESSION') || message.includes('ERR_SUBJECT_UNCONFIRMED')) return 'it has expired or is not yet valid';
  if (message.includes('ERR_FAILED_STATUS')) return `the directory answered with an error status (${message.replace(/^.*ERR_FAILED_STATUS/, '').trim()})`;
  return message;
}

/**
 * MPASSid as a Shibboleth SP of the school's Entra tenant, as in production: AuthnRequest by HTTP-Redirect
 * (`ForceAuthn` when the service forced authentication), the assertion back by HTTP-POST to
 * `/Shibboleth.sso/SAML2/POST`, correlated through RelayState and InResponseTo (the POST is cross-site, so no
 * Lax cookie comes with it). SP metadata at `/shibboleth`.
 */
export function samlUpstream(config: MpassidConfig & { upstream: SamlUpstreamConfig }, ledger: SessionLedger, complete: UpstreamCompletion): DirectoryUpstream {
  const entityId = `${config.origin}${SAML_PATHS.spMetadata}`;
  const acsUrl = `${config.origin}${SAML_PATHS.spAcs}`;
  const directory = new SamlDirectory(config.upstream.idpMetadataUrl, config.fetch);
  const spSessions = new SpSessions(entityId);
  const pending = new Map<string, PendingSignIn>();
  ledger.onReset(() => {
    pending.clear();
    spSessions.clear();
  });
  let spEntity: Promise<ServiceProviderInstance> | undefined;
  const sp = () => {
    spEntity ??= samlCredential(runKey('mpassid-sp'), new URL(config.origin).hostname).then((credential) => samlify.ServiceProvider({
      entityID: entityId,
      signingCert: credential.certificatePem,
      privateKey: credential.privateKeyPem,
      authnRequestsSigned: false,
      wantAssertionsSigned: true,
      assertionConsumerService: [{ Binding: BINDING.post, Location: acsUrl }],
    }));
    return spEntity;
  };

  const routes = express.Router();
  routes.get(SAML_PATHS.spMetadata, async (_req, res) => {
    res.type('application/samlmetadata+xml').send((await sp()).getMetadata());
  });

  routes.post(SAML_PATHS.spAcs, express.urlencoded({ extended: false, limit: '512kb' }), async (req, res) => {
    const relayState = typeof req.body?.RelayState === 'string' ? req.body.RelayState : '';
    const signIn = pending.get(relayState);
    if (!signIn || signIn.expiresAt < Date.now()) {
      throw samlError('saml_unknown_relay_state', 'the directory returned a sign-in that MPASSid did not start (unknown or expired RelayState)',
        'start the sign-in again from the service');
    }
    const message = await decodeInboundMessage(req.body?.SAMLResponse, 'post', ['Response']);
    pending.delete(relayState);
    const inResponseTo = message.root.getAttribute('InResponseTo');
    if (inResponseTo !== signIn.requestId) {
      throw samlError('saml_in_response_to_mismatch', `the directory's Response answers ${inResponseTo ?? 'no request'}, not MPASSid's AuthnRequest ${signIn.requestId}`,
        'start the sign-in again from the service');
    }
    let extract: Record<string, unknown>;
    try {
      ({ extract } = await (await sp()).parseLoginResponse(await directory.entity(), 'post', { body: req.body }) as { extract: Record<string, unknown> });
    } catch (err) {
      throw samlError('directory_response_rejected', `MPASSid rejected the directory's SAML Response: ${describeSamlifyError(err)}`, undefined, { cause: err });
    }
    if (first(extract.audience) !== entityId) {
      throw samlError('directory_response_rejected', `the directory's assertion is for audience ${String(first(extract.audience))}, not ${entityId}`,
        `set the Entra app's Identifier (Entity ID) to ${entityId}`);
    }
    const attributes = (extract.attributes ?? {}) as Record<string, unknown>;
    const username = first(attributes[ENTRA_CLAIMS.name]) ?? first(extract.nameID) ?? '';
    const sessionIndex = first((extract.sessionIndex as { sessionIndex?: string } | undefined)?.sessionIndex);
    const spSession = spSessions.open(res, { username, sessionIndex });
    ledger.event('upstream.authenticated', {
      subject: username,
      detail: { protocol: 'saml', issuer: first(extract.issuer), oid: first(attributes[ENTRA_CLAIMS.oid]), tid: first(attributes[ENTRA_CLAIMS.tid]), sessionIndex, spSession: spSession.id },
    });
    await complete(req, res, { interactionUid: signIn.interactionUid, school: signIn.school, identity: { username, oid: first(attributes[ENTRA_CLAIMS.oid]) } });
  });

  return {
    protocol: 'saml',
    routes,
    async begin(res, input) {
      const idp = await directory.entity();
      const relayState = crypto.randomUUID();
      const request = (await sp()).createLoginRequest(idp, 'redirect', { relayState, forceAuthn: input.forceAuthn || undefined });
      pending.set(relayState, { interactionUid: input.interactionUid, school: input.school, requestId: request.id, expiresAt: Date.now() + 10 * 60_000 });
      ledger.event('upstream.started', { detail: { protocol: 'saml', school: input.school.code, forceAuthn: input.forceAuthn } });
      if (!request.context.startsWith('http')) throw new PartyError('server_error', 500, 'the directory publishes no HTTP-Redirect SingleSignOnService');
      res.redirect(303, request.context);
    },
  };
}
