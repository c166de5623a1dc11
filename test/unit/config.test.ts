import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { SCENARIO_IDS } from '../../harness/catalogue-ids.js';
import { configuredService, defaultClientSecret } from '../../harness/config/configured-service.js';
import { configJsonSchema, JSON_SCHEMA_FILE } from '../../harness/config/json-schema.js';
import { loadConfig } from '../../harness/config/load-config.js';
import { HarnessError } from '../../harness/errors.js';

const EXAMPLES = ['examples/oidc-express-openid-connect/mpassid-harness.config.yaml', 'examples/saml-passport-saml/mpassid-harness.config.yaml'];
const dir = mkdtempSync(join(tmpdir(), 'mpassid-harness-config-'));
const schema = JSON.parse(readFileSync(JSON_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const minimal = {
  service: {
    baseUrl: 'http://127.0.0.30:7100', protocol: 'oidc', signIn: { url: '/login' }, logout: { url: '/logout' },
    protectedUrl: '/me', signedIn: { text: '{name}' },
  },
  registration: { oidc: { client_id: 'mine', redirect_uris: ['http://127.0.0.30:7100/cb'] } },
};

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function problems(content: unknown, name = 'c.json'): Promise<string> {
  const err = await loadConfig(write(name, content)).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof HarnessError, `expected a HarnessError, got ${String(err)}`);
  assert.equal(err.code, 'HARNESS_CONFIG_INVALID');
  return err.message;
}

test('the committed JSON Schema is the one the zod schema makes (npm run schema)', () => {
  assert.deepEqual(schema, JSON.parse(JSON.stringify(configJsonSchema())));
});

test('the JSON Schema validates both examples, and the loader accepts them', async () => {
  for (const file of EXAMPLES) {
    const raw = parseYaml(readFileSync(file, 'utf8'));
    assert.ok(validate(raw), `${file}: ${JSON.stringify(validate.errors)}`);
    const loaded = await loadConfig(file);
    assert.equal(loaded.signInUser.handle, 'pupil1');
    assert.equal(loaded.nextPupil.handle, 'pupil2');
  }
});

test('the JSON Schema refuses what the loader refuses for structure: an unknown field, a wrong type, a bad protocol', () => {
  assert.equal(validate({ ...minimal, servcie: {} }), false);
  assert.equal(validate({ ...minimal, service: { ...minimal.service, protocol: 'ws-fed' } }), false);
  assert.equal(validate({ ...minimal, mocks: { basePort: 'high' } }), false);
  assert.equal(validate(minimal), true);
});

test('a minimal config gets its defaults: users, every scenario, mocks on loopback over http, the SAML upstream, no SingleLogoutService', async () => {
  const loaded = await loadConfig(write('minimal.json', minimal));
  assert.equal(loaded.config.service.name, 'Your service');
  assert.deepEqual(loaded.config.mocks, { hostMode: 'loopback-addresses', basePort: 5600, addresses: {}, tls: false, upstream: 'saml', publishSingleLogout: false });
  assert.equal(loaded.config.scenarios, undefined);
  assert.equal(loaded.config.registration.oidc?.token_endpoint_auth_method, 'client_secret_basic');
  const own = configuredService(loaded);
  assert.equal(own.clientSecret, defaultClientSecret('mine'));
  assert.deepEqual(own.target.signIn, { url: 'http://127.0.0.30:7100/login' });
  assert.equal(own.target.protectedUrl, 'http://127.0.0.30:7100/me');
  assert.equal(own.target.hasLedger, false);
});

test('YAML and TypeScript configs load like JSON', async () => {
  const yaml = await loadConfig(write('c.yaml', 'service:\n  baseUrl: http://127.0.0.30:7100\n  protocol: saml\n  signIn: { selector: "#in" }\n  logout: { selector: "#out" }\n  protectedUrl: /me\n  signedIn: { selector: ".who" }\nregistration:\n  saml: { metadataUrl: "http://127.0.0.30:7100/md" }\n'));
  assert.equal(yaml.config.service.protocol, 'saml');
  const ts = await loadConfig(write('c.ts', `const config: Record<string, unknown> = ${JSON.stringify(minimal)};\nexport default config;\n`));
  assert.equal(ts.config.registration.oidc?.client_id, 'mine');
});

test('every problem is named with its field and what to do, all at once', async () => {
  const message = await problems({
    service: { ...minimal.service, baseUrl: 'https://service.example.com/', protocol: 'saml', signIn: { click: '#x' } },
    registration: {},
    servcie: 1,
  });
  assert.match(message, /c\.json is not a valid mpassid-harness config/);
  assert.match(message, /service\.baseUrl: must be on a loopback host/);
  assert.match(message, /service\.signIn: give either \{ url: "\/path" \} or \{ selector:/);
  assert.match(message, /unknown field "servcie" \(did you mean "service"\?\); check the spelling against the JSON Schema \(mpassid-harness\/schema\.json/);
  assert.match(message, /registration\.saml: is required because service\.protocol is saml/);
});

test('a misspelt field gets the allowed field it is closest to, at any depth; a field like none gets no guess', async () => {
  const message = await problems({
    ...minimal,
    service: { ...minimal.service, protectedURL: '/me' },
    registration: { oidc: { client_id: 'mine', redirect_uri: ['http://127.0.0.30:7100/cb'] } },
    mocks: { basePrt: 6000, zzzzzzzz: 1 },
  });
  assert.match(message, /service: unknown field "protectedURL" \(did you mean "protectedUrl"\?\)/);
  assert.match(message, /registration\.oidc: unknown field "redirect_uri" \(did you mean "redirect_uris"\?\)/);
  assert.match(message, /mocks: unknown fields "basePrt" \(did you mean "basePort"\?\), "zzzzzzzz";/);
});

test('a missing field, a wrong type and an unknown value say which and what is allowed', async () => {
  const { protectedUrl: _, ...noProtected } = minimal.service;
  assert.match(await problems({ ...minimal, service: noProtected }), /service\.protectedUrl: is required \(string\)/);
  assert.match(await problems({ ...minimal, mocks: { basePort: 'high' } }), /mocks\.basePort: must be a number, not "high"/);
  assert.match(await problems({ ...minimal, registration: { oidc: { ...minimal.registration.oidc, token_endpoint_auth_method: 'private_key_jwt' } } }),
    /registration\.oidc\.token_endpoint_auth_method: "private_key_jwt" is not allowed; use one of "client_secret_basic", "client_secret_post"/);
  assert.match(await problems({ ...minimal, scenarios: ['logout-ends-everything'] }), /scenarios\[0\]: "logout-ends-everything" is not allowed; use one of "logout-ends-every-session"/);
  assert.match(await problems({ ...minimal, service: { ...minimal.service, signedIn: {} } }), /service\.signedIn: give a selector, a text, or both/);
});

test('users, files and folders the config names must exist', async () => {
  assert.match(await problems({ ...minimal, users: { signIn: 'pupil9' } }), /users\.signIn: no user "pupil9"; known users are pupil1, pupil2, teacher/);
  assert.match(await problems({ ...minimal, users: { signIn: 'pupil2' } }), /users\.nextPupil: must be another user than users\.signIn/);
  assert.match(await problems({ ...minimal, users: { custom: [{ handle: 'pupil1', givenName: 'A', familyName: 'B' }] } }), /users\.custom\[0\]\.handle: pupil1 is taken/);
  assert.match(await problems({ ...minimal, service: { ...minimal.service, protocol: 'saml' }, registration: { saml: { metadataFile: 'nope.xml' } } }),
    /registration\.saml\.metadataFile: .*nope\.xml does not exist/);
  assert.match(await problems({ ...minimal, service: { ...minimal.service, start: { command: 'true', cwd: 'no-such-folder' } } }), /service\.start\.cwd: folder .*no-such-folder does not exist/);
});

test('custom users join the built-in ones with stable identifiers', async () => {
  const loaded = await loadConfig(write('custom.json', { ...minimal, users: { signIn: 'maija', custom: [{ handle: 'maija', givenName: 'Maija', familyName: 'Meikäläinen' }] } }));
  assert.equal(loaded.signInUser.username, 'maija@mansikkala.test');
  assert.equal(loaded.signInUser.password, 'maija-Salasana1!');
  const again = await loadConfig(write('custom2.json', { ...minimal, users: { signIn: 'maija', custom: [{ handle: 'maija', givenName: 'Maija', familyName: 'Meikäläinen' }] } }));
  assert.equal(again.signInUser.mpass['urn:mpass.id:uid'], loaded.signInUser.mpass['urn:mpass.id:uid']);
  assert.match(loaded.signInUser.mpass['urn:mpass.id:role'][0], /;Oppilas;1;/);
});

test('files that are not a config say so', async () => {
  assert.match(await problems('{ "service": ', 'broken.json'), /broken\.json is not valid JSON/);
  assert.match(await problems('service: [unclosed', 'broken.yaml'), /broken\.yaml is not valid YAML/);
  assert.match(await problems('x', 'config.toml'), /unknown config format \.toml; use \.json, \.yaml/);
  const missing = await loadConfig(join(dir, 'absent.yaml')).catch((e: HarnessError) => e.message);
  assert.match(String(missing), /absent\.yaml: no such file/);
});

test('the catalogue ids are exactly the spec files of scenarios/catalogue', () => {
  const files = readdirSync('scenarios/catalogue').filter((f) => f.endsWith('.spec.ts')).map((f) => f.replace(/\.spec\.ts$/, ''));
  assert.deepEqual([...files].sort(), [...SCENARIO_IDS].sort());
});

test('SAML metadata from a file registers the SP by the entityID inside it; by URL, by the URL', async () => {
  const xml = '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://lms.example/sp"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>';
  writeFileSync(join(dir, 'sp-metadata.xml'), xml);
  const saml = { ...minimal, service: { ...minimal.service, protocol: 'saml' } };
  const fromFile = configuredService(await loadConfig(write('saml-file.json', { ...saml, registration: { saml: { metadataFile: 'sp-metadata.xml' } } })));
  const registration = fromFile.registration({ entraLogout: 'http://127.0.0.4:5600/t/oauth2/v2.0/logout' });
  assert.equal(registration.protocol === 'saml' && registration.entityId, 'https://lms.example/sp');
  assert.deepEqual(registration.protocol === 'saml' && registration.metadata, { xml });
  const byUrl = configuredService(await loadConfig(write('saml-url.json', {
    ...saml, registration: { saml: { metadataUrl: 'http://127.0.0.30:7100/md' }, logoutReturnUrls: ['{entraLogout}?post_logout_redirect_uri=x'] },
  }))).registration({ entraLogout: 'http://127.0.0.4:5600/t/oauth2/v2.0/logout' });
  assert.equal(byUrl.protocol === 'saml' && byUrl.entityId, 'http://127.0.0.30:7100/md');
  assert.deepEqual(byUrl.logoutReturnUrls, ['http://127.0.0.4:5600/t/oauth2/v2.0/logout?post_logout_redirect_uri=x']);
});
