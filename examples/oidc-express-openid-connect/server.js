// An OpenID Connect learning service built the way many are: Express with Auth0's express-openid-connect. It knows
// nothing of the harness: it reads MPASSid's issuer and its client registration from the environment, as it would
// in production. Its "Log out" ends only its own session (express-openid-connect's default without idpLogout), so
// the harness must find the MPASSid and Entra ID sessions surviving: a partial logout.
import express from 'express';
import openid from 'express-openid-connect';

const { auth, requiresAuth } = openid;

const need = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
};
const baseURL = need('SERVICE_BASE_URL');
const { hostname, port } = new URL(baseURL);

const app = express();
app.use(auth({
  issuerBaseURL: need('MPASSID_ISSUER'),
  baseURL,
  clientID: need('MPASSID_CLIENT_ID'),
  clientSecret: need('MPASSID_CLIENT_SECRET'),
  clientAuthMethod: 'client_secret_basic',
  secret: 'example-only-cookie-secret-0123456789abcdef',
  authRequired: false,
  idpLogout: false,
  authorizationParams: { response_type: 'code', scope: 'openid profile' },
}));

const page = (body) => `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Lukudiplomi</title></head><body><h1>Lukudiplomi</h1>${body}</body></html>`;
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

app.get('/', (req, res) => {
  if (!req.oidc.isAuthenticated()) {
    res.send(page('<p>Et ole kirjautunut.</p><p><a id="login" href="/login">Kirjaudu MPASSidillä</a></p>'));
    return;
  }
  const { given_name: given, family_name: family } = req.oidc.user;
  res.send(page(`<p id="user">Hei ${esc(given)} ${esc(family)}!</p><p><a href="/books">Omat kirjat</a> · <a id="logout" href="/logout">Kirjaudu ulos</a></p>`));
});

app.get('/books', requiresAuth(), (req, res) => {
  const { given_name: given, family_name: family } = req.oidc.user;
  res.send(page(`<h2>${esc(given)} ${esc(family)}: omat kirjat</h2><ul><li>Seitsemän veljestä</li></ul>`));
});

app.get('/health', (_req, res) => res.send('ok'));

app.listen(Number(port), hostname, () => console.log(`Lukudiplomi (express-openid-connect) at ${baseURL}`));
