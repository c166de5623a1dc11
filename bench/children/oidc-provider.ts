// The anchor: a bare panva oidc-provider, started the same way as the stack (`node --import tsx …`), with one client
// and its built-in development login (any username, no password). `… <port>` on 127.0.0.6.
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? 6950);
const issuer = `http://127.0.0.6:${port}`;
const provider = new Provider(issuer, {
  clients: [{ client_id: 'bench', client_secret: 'bench-secret', redirect_uris: ['http://127.0.0.6:1/cb'], grant_types: ['authorization_code'], response_types: ['code'] }],
  pkce: { required: () => false },
  features: { devInteractions: { enabled: true } },
  findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  loadExistingGrant: async (ctx) => {
    // Grant everything asked, as a first-party login would (the stack's MPASSid does the same).
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
    grant.addOIDCScope('openid profile');
    await grant.save();
    return grant;
  },
});
const quiet = console.warn;
console.warn = () => undefined;
http.createServer(provider.callback()).listen(port, '127.0.0.6', () => {
  console.warn = quiet;
});
process.once('SIGTERM', () => process.exit(0));
