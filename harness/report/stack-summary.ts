import { displayName } from '../../mock-idp/users/test-users.js';
import type { Stack } from '../stack/stack.js';

/** What `up` prints: URLs, test users with passwords, and the client registrations to paste into a service. */
export function renderStackSummary(stack: Stack): string {
  const { registrations: r, topology } = stack;
  const lines = [
    'mpassid-harness is up. Open the service in a browser:',
    '',
    `  Sample service (${r.service.name})  ${r.urls.serviceHome}    signs in by ${(r.service.protocol ?? 'oidc').toUpperCase()}, logout strategy: ${r.service.logout}`,
    `  Second service (${r.serviceB.name})  ${topology.parties['service-b'].origin}/    signed in through the same MPASSid session, logs out locally`,
    `  Mock MPASSid                  ${topology.parties.mpassid.origin}/`,
    `  Mock Entra ID                 ${topology.parties.entra.origin}/${topology.tenantId}/`,
    '',
    'Test users (sign in at the mock Entra ID):',
    ...stack.users.map((u) => `  ${u.handle.padEnd(8)} ${displayName(u).padEnd(18)} ${u.username.padEnd(26)} password: ${u.password}`),
    '',
    'MPASSid (OpenID Connect, as a service registers with it):',
    `  issuer                  ${r.urls.mpassidIssuer}`,
    `  discovery               ${r.urls.mpassidDiscovery}`,
    `  logout                  ${r.urls.mpassidLogout}?return=<registered address>`,
    ...r.mpassid.services.flatMap((service) => (service.protocol === 'oidc' ? [
      `  client (${service.name})`,
      `    client_id             ${service.clientId}`,
      `    client_secret         ${service.clientSecret}`,
      `    redirect_uris         ${service.redirectUris.join(' ')}`,
      `    token auth method     ${service.tokenEndpointAuthMethod ?? 'client_secret_basic'}`,
      `    logout return URLs    ${service.logoutReturnUrls.join('\n                          ')}`,
    ] : [])),
    '',
    'MPASSid (SAML 2.0 IdP, as a service registers with it):',
    `  IdP metadata            ${r.urls.mpassidSamlMetadata}   (entityID = this URL)`,
    `  SSO (HTTP-Redirect)     ${r.urls.mpassidSamlSso}`,
    ...r.mpassid.services.flatMap((service) => (service.protocol === 'saml' ? [
      `  SP (${service.name})`,
      `    entityID              ${service.entityId}`,
      `    metadata              ${'url' in service.metadata ? service.metadata.url : '(inline)'}`,
      `    logout return URLs    ${service.logoutReturnUrls.join('\n                          ')}`,
    ] : [])),
    `  upstream to Entra ID    ${r.mpassid.upstream.protocol.toUpperCase()}`,
    '',
    'Entra ID tenant (the school directory behind MPASSid):',
    `  issuer                  ${r.urls.entraIssuer}`,
    `  discovery               ${r.urls.entraDiscovery}`,
    `  SAML metadata           ${r.urls.entraSamlMetadata}`,
    `  logout                  ${r.urls.entraLogout}?post_logout_redirect_uri=<registered address>`,
    ...r.entra.apps.map((a) => `  app ${a.clientId}: redirect ${a.redirectUris.join(' ')}; post-logout ${a.postLogoutRedirectUris.join(' ')}`),
    '',
    'Session ledgers: <origin>/__harness/sessions on every party. Ctrl-C stops the stack.',
  ];
  return lines.join('\n');
}
