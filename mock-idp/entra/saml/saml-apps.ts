import { runKey } from '../../core/keys.js';
import { samlCredential, type SamlCredential } from '../../core/saml/certificate.js';
import samlify, { type IdentityProviderInstance, type ServiceProviderInstance } from '../../core/saml/samlify.js';
import { entraSamlEndpoint, entraSamlEntityId, type EntraAppRegistration, type EntraConfig, type EntraSamlApp } from '../config.js';
import { unknownSamlApplication } from './errors.js';

/** An app registration that has SAML single sign-on set up. */
export type EntraSamlRegistration = EntraAppRegistration & { saml: EntraSamlApp };

/** The SAML binding URIs Entra speaks: Redirect or POST in, POST out; sign-out by Redirect only. */
export const SAML_BINDING = {
  redirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  post: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
} as const;

/** Entra's default NameID: the user principal name, as an email address. */
export const EMAIL_NAME_ID = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

/** The NameID formats the tenant's metadata lists. */
export const ENTRA_NAME_ID_FORMATS = [
  EMAIL_NAME_ID,
  'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
] as const;

/** The tenant's SAML signing certificate (the run's Entra key, under the subject Entra's own certificate has). */
export function entraSamlCredential(): Promise<SamlCredential> {
  return samlCredential(runKey('entra'), 'Microsoft Azure Federated SSO Certificate');
}

const hasSaml = (app: EntraAppRegistration): app is EntraSamlRegistration => app.saml !== undefined;

/** The SAML app whose Identifier is the request's Issuer; AADSTS700016 when there is none. */
export function samlAppByIdentifier(config: EntraConfig, issuer: string): EntraSamlRegistration {
  const app = config.apps.filter(hasSaml).find((a) => a.saml.identifier === issuer);
  if (!app) throw unknownSamlApplication(config, issuer);
  return app;
}

/** The SAML app registered under this OIDC client id, if any. */
export function samlAppByClientId(config: EntraConfig, clientId: string): EntraSamlRegistration | undefined {
  return config.apps.filter(hasSaml).find((a) => a.clientId === clientId);
}

const idps = new WeakMap<EntraConfig, Promise<IdentityProviderInstance>>();

/** The tenant as a samlify IdP: entityID `<origin>/<tid>/`, the run's Entra signing key, `/saml2` endpoints. */
export function entraSamlIdp(config: EntraConfig): Promise<IdentityProviderInstance> {
  let idp = idps.get(config);
  if (!idp) {
    idp = entraSamlCredential().then((credential) => samlify.IdentityProvider({
      entityID: entraSamlEntityId(config),
      signingCert: credential.certificatePem,
      privateKey: credential.privateKeyPem,
      nameIDFormat: [...ENTRA_NAME_ID_FORMATS],
      singleSignOnService: [
        { Binding: SAML_BINDING.redirect, Location: entraSamlEndpoint(config) },
        { Binding: SAML_BINDING.post, Location: entraSamlEndpoint(config) },
      ],
      singleLogoutService: [{ Binding: SAML_BINDING.redirect, Location: entraSamlEndpoint(config) }],
    }));
    idps.set(config, idp);
  }
  return idp;
}

const sps = new WeakMap<EntraSamlApp, ServiceProviderInstance>();

/**
 * The app as a samlify SP, built from its registration rather than its metadata (Entra never reads SP metadata).
 * Entra's default signs the assertion only, and signs the LogoutResponse it redirects back with.
 */
export function samlServiceProvider(app: EntraSamlRegistration): ServiceProviderInstance {
  let sp = sps.get(app.saml);
  if (!sp) {
    sp = samlify.ServiceProvider({
      entityID: app.saml.identifier,
      assertionConsumerService: app.saml.replyUrls.map((Location) => ({ Binding: SAML_BINDING.post, Location })),
      singleLogoutService: app.saml.logoutUrl ? [{ Binding: SAML_BINDING.redirect, Location: app.saml.logoutUrl }] : [],
      ...(app.saml.signingCertificate ? { signingCert: app.saml.signingCertificate } : {}),
      authnRequestsSigned: app.saml.signingCertificate !== undefined,
      wantAssertionsSigned: true,
      wantMessageSigned: false,
      wantLogoutResponseSigned: true,
    });
    sps.set(app.saml, sp);
  }
  return sp;
}
