// The anchor: a bare panva oidc-provider started the same way as the stack (plain node), with one client and its
// built-in development login (any username, no password): `node bench/children/oidc-provider.mjs <port>` on 127.0.0.6.
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? 6950);
const provider = new Provider(`http://127.0.0.6:${port}`, {
  clients: [{ client_id: 'bench', client_secret: 'bench-secret', redirect_uris: ['http://127.0.0.6:1/cb'], grant_types: ['authorization_code'], response_types: ['code'] }],
  pkce: { required: () => false },
  features: { devInteractions: { enabled: true } },
  findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  // Grant what is asked, as a first-party login does (the stack's MPASSid does the same).
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    await grant.save();
    return grant;
  },
});
http.createServer(provider.callback()).listen(port, '127.0.0.6');
process.once('SIGTERM', () => process.exit(0));
