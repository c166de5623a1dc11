// A SAML 2.0 learning service built the way many are: Express with passport and @node-saml/passport-saml. It knows
// nothing of the harness: it reads MPASSid's IdP metadata and its own URLs from the environment, as it would in
// production. Its "Log out" is a full logout: it ends its own session, then sends the browser through MPASSid's
// /idp/profile/Logout and, chained in the return address, Entra ID's logout, so all three sessions end.
import { readFileSync } from 'node:fs';
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import { Strategy, ValidateInResponseTo } from '@node-saml/passport-saml';

const need = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
};
const baseURL = need('SERVICE_BASE_URL');
const { hostname, port } = new URL(baseURL);
const entityId = `${baseURL}/saml/metadata`;
const privateKey = readFileSync(new URL('./test-only-sp.key.pem', import.meta.url), 'utf8');
const publicCert = readFileSync(new URL('./test-only-sp.crt.pem', import.meta.url), 'utf8');

// What a SAML SP copies out of the IdP metadata: the Redirect SSO location and the signing certificate.
const idpMetadata = await (await fetch(need('MPASSID_SAML_METADATA_URL'))).text();
const entryPoint = /<(?:\w+:)?SingleSignOnService[^>]*Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"[^>]*Location="([^"]+)"/.exec(idpMetadata)?.[1]
  ?? /<(?:\w+:)?SingleSignOnService[^>]*Location="([^"]+)"[^>]*Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"/.exec(idpMetadata)?.[1];
const idpCert = /<(?:\w+:)?X509Certificate>([^<]+)</.exec(idpMetadata)?.[1].replace(/\s+/g, '');
const idpIssuer = /entityID="([^"]+)"/.exec(idpMetadata)?.[1];
if (!entryPoint || !idpCert || !idpIssuer) throw new Error('the IdP metadata has no Redirect SSO, certificate or entityID');

const strategy = new Strategy({
  callbackUrl: `${baseURL}/saml/acs`,
  entryPoint,
  issuer: entityId,
  audience: entityId,
  idpIssuer,
  idpCert,
  privateKey,
  publicCert,
  signatureAlgorithm: 'sha256',
  identifierFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  wantAssertionsSigned: true,
  wantAuthnResponseSigned: true,
  validateInResponseTo: ValidateInResponseTo.always,
}, (profile, done) => done(null, {
  givenName: profile['urn:oid:2.5.4.42'],
  familyName: profile['urn:oid:2.5.4.4'],
  uid: profile['urn:mpass.id:uid'],
}), (profile, done) => done(null, profile));
passport.use('saml', strategy);
passport.serializeUser((user, done) => done(null, user));
passport.deserializeUser((user, done) => done(null, user));

const app = express();
app.use(session({ secret: 'example-only-session-secret', resave: false, saveUninitialized: false, name: 'tehtavakirja.sid' }));
app.use(passport.initialize());
app.use(passport.session());

const page = (body) => `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Tehtäväkirja</title></head><body><h1>Tehtäväkirja</h1>${body}</body></html>`;
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

app.get('/', (req, res) => {
  if (!req.user) {
    res.send(page('<p>Et ole kirjautunut.</p><form action="/login"><button id="sign-in">Kirjaudu MPASSidillä</button></form>'));
    return;
  }
  res.send(page(`<p class="whoami">${esc(req.user.givenName)} ${esc(req.user.familyName)}</p><p><a href="/tasks">Tehtävät</a></p><form method="post" action="/logout"><button id="sign-out">Kirjaudu ulos</button></form>`));
});
app.get('/tasks', (req, res) => {
  if (!req.user) {
    res.redirect('/login');
    return;
  }
  res.send(page(`<h2>Tehtävät: ${esc(req.user.givenName)} ${esc(req.user.familyName)}</h2><ol><li>Murtoluvut</li></ol>`));
});
app.get('/login', passport.authenticate('saml'));
app.post('/saml/acs', express.urlencoded({ extended: false }), passport.authenticate('saml', { failureRedirect: '/?failed' }), (_req, res) => res.redirect('/'));
app.get('/saml/metadata', (_req, res) => res.type('application/samlmetadata+xml').send(strategy.generateServiceProviderMetadata(null, publicCert)));
app.post('/logout', (req, res, next) => {
  req.logout((err) => {
    if (err) return next(err);
    const backHere = `${baseURL}/`;
    const entra = `${need('ENTRA_LOGOUT_URL')}?post_logout_redirect_uri=${encodeURIComponent(backHere)}`;
    res.redirect(`${need('MPASSID_LOGOUT_URL')}?return=${encodeURIComponent(entra)}`);
  });
});
app.get('/health', (_req, res) => res.send('ok'));

app.listen(Number(port), hostname, () => console.log(`Tehtäväkirja (passport-saml) at ${baseURL}`));
