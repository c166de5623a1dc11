import { displayName } from '../../mock-idp/users/test-users.js';
import type { ConfiguredService } from '../config/configured-service.js';
import type { Stack } from '../stack/stack.js';

/**
 * What `up` prints: URLs, test users with passwords, and the client registrations to paste into a service. With a
 * config file, what to paste into your service's configuration comes first.
 */
export function renderStackSummary(stack: Stack, own?: ConfiguredService): string {
  if (own) return renderOwnServiceSummary(stack, own);
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

function usersLines(stack: Stack): string[] {
  return [
    'Test users (sign in at the mock Entra ID):',
    ...stack.users.map((u) => `  ${u.handle.padEnd(8)} ${displayName(u).padEnd(18)} ${u.username.padEnd(26)} password: ${u.password}`),
  ];
}

/** `up --config`: the mocks, and exactly what your service's configuration needs to sign in through them. */
function renderOwnServiceSummary(stack: Stack, own: ConfiguredService): string {
  const { registrations: r } = stack;
  const { service, registration } = own.loaded.config;
  const mine = r.mpassid.services[r.mpassid.services.length - 1];
  const chain = mine.logoutReturnUrls.find((u) => u.startsWith(r.urls.entraLogout));
  const lines = [
    `mpassid-harness is up for ${service.name} (${service.baseUrl}), ${service.start ? 'started with the stack' : 'which you start yourself'}.`,
    '',
    `Paste into ${service.name}'s configuration:`,
  ];
  if (mine.protocol === 'oidc') {
    lines.push(
      '  MPASSid (OpenID Connect)',
      `    issuer                ${r.urls.mpassidIssuer}`,
      `    discovery             ${r.urls.mpassidDiscovery}`,
      `    client_id             ${mine.clientId}`,
      `    client_secret         ${mine.clientSecret}${registration.oidc?.client_secret ? '' : '   (test-only, derived from client_id; set registration.oidc.client_secret to choose one)'}`,
      `    token auth method     ${mine.tokenEndpointAuthMethod ?? 'client_secret_basic'}`,
      `    scope                 openid profile`,
      `    redirect_uris         ${mine.redirectUris.join(' ')}   (registered; matched exactly)`,
    );
  } else {
    lines.push(
      '  MPASSid (SAML 2.0 IdP)',
      `    IdP metadata URL      ${r.urls.mpassidSamlMetadata}   (entityID = this URL)`,
      `    SSO (HTTP-Redirect)   ${r.urls.mpassidSamlSso}`,
      `    your SP entityID      ${mine.entityId}   (registered by ${'url' in mine.metadata ? `metadata at ${mine.metadata.url}` : 'the metadata file in the config'})`,
    );
  }
  lines.push(
    '  Logout',
    `    MPASSid logout        ${r.urls.mpassidLogout}?return=<a registered address, URL-encoded>`,
    ...(mine.logoutReturnUrls.length
      ? [`    registered returns    ${mine.logoutReturnUrls.join('\n                          ')}`]
      : ['    registered returns    (none: add registration.logoutReturnUrls, or MPASSid will refuse every ?return=)']),
    `    Entra ID logout       ${r.urls.entraLogout}?post_logout_redirect_uri=<an accepted address>`,
    `    accepted by Entra ID  ${r.entra.apps[0].postLogoutRedirectUris.join(' ')}`,
    ...(chain ? [`    full logout link      ${r.urls.mpassidLogout}?return=${encodeURIComponent(chain)}`] : []),
    '',
    ...usersLines(stack),
    '',
    `Mock MPASSid ${stack.topology.parties.mpassid.origin}/ · mock Entra ID ${stack.topology.parties.entra.origin}/${stack.topology.tenantId}/ · second sample service ${stack.topology.parties['service-b'].origin}/`,
    'Session ledgers: <origin>/__harness/sessions on every mock. Ctrl-C stops the stack.',
  );
  return lines.join('\n');
}
