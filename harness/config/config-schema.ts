import { z } from 'zod';
import { SCENARIO_IDS } from '../catalogue-ids.js';

/**
 * The schema of `mpassid-harness.config.{json,yaml,ts}`: the service under test, its registration with the mock
 * MPASSid (as with the real one), the test users, the scenarios and where the mocks run. The JSON Schema for
 * editors (`schema/mpassid-harness.config.schema.json`) is generated from it.
 */

const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|[a-z0-9-]+(\.[a-z0-9-]+)*\.localhost|\[::1\])$/i;

/** An absolute http(s) URL. */
const httpUrl = z.string().refine((v) => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}, { message: 'must be an absolute http:// or https:// URL' });

/** An absolute URL on a loopback host: the harness never sends traffic off loopback. */
const loopbackUrl = httpUrl.refine((v) => LOOPBACK_HOST.test(new URL(v).hostname), {
  message: 'must be on a loopback host (127.x.y.z, localhost or *.localhost): the harness never sends traffic off this machine',
});

/** A path on the service (`/login`) or an absolute URL on a loopback host. */
const serviceUrl = z.string().min(1).refine((v) => v.startsWith('/') || LOOPBACK_HOST.test(safeHost(v)), {
  message: 'must be a path on the service (starting with /) or an absolute URL on a loopback host',
});

function safeHost(v: string): string {
  try {
    return new URL(v).hostname;
  } catch {
    return '';
  }
}

const action = (what: string) => z.union([
  z.strictObject({ url: serviceUrl.describe(`Open this URL to ${what} (a path on the service or an absolute URL).`) }),
  z.strictObject({ selector: z.string().min(1).describe(`Click this Playwright selector to ${what}: on the current page when it is there, else on the service's home page.`) }),
]).describe(`How to ${what}: { url } or { selector }.`);

const loopbackAddress = z.string().regex(/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/, 'must be a loopback address 127.x.y.z');

export const serviceSchema = z.strictObject({
  name: z.string().min(1).default('Your service').describe('A name for reports.'),
  baseUrl: loopbackUrl.describe('Where the service runs, e.g. http://127.0.0.20:3000. Its home page is this URL.'),
  protocol: z.enum(['oidc', 'saml']).describe('How the service signs in with MPASSid.'),
  signIn: action('start sign-in'),
  logout: action('log out'),
  protectedUrl: serviceUrl.describe('A page only a signed-in user sees (a path or an absolute URL).'),
  signedIn: z.strictObject({
    selector: z.string().min(1).optional().describe('A Playwright selector that is visible only when someone is signed in; its text shows the user.'),
    text: z.string().min(1).optional().describe('Text the page shows for the signed-in user, with placeholders {name}, {givenName}, {familyName}, {username}, {uid}. Default {name} ("Testi1 Oppilas1").'),
  }).refine((v) => v.selector !== undefined || v.text !== undefined, { message: 'give a selector, a text, or both' })
    .describe('How to tell that the user is signed in.'),
  start: z.strictObject({
    command: z.string().min(1).describe('A shell command that starts the service (run in cwd, stopped at the end).'),
    cwd: z.string().optional().describe('Working folder of the command, relative to the config file. Default: the config file\'s folder.'),
    env: z.record(z.string(), z.string()).optional().describe('Extra environment variables for the command.'),
    readyUrl: loopbackUrl.optional().describe('Polled until it answers 2xx/3xx; default baseUrl.'),
    timeoutMs: z.number().int().min(1_000).max(300_000).default(30_000).describe('How long to wait for readyUrl.'),
  }).optional().describe('Start the service with the mocks (otherwise start it yourself before check).'),
});

export const oidcRegistrationSchema = z.strictObject({
  client_id: z.string().min(1),
  client_secret: z.string().min(1).optional().describe('Default: a test-only secret derived from client_id (the same every run; printed by up).'),
  redirect_uris: z.array(loopbackUrl).min(1).describe('Matched exactly, as MPASSid does.'),
  post_logout_redirect_uris: z.array(loopbackUrl).default([]).describe('Kept with the registration (MPASSid has no OIDC end_session endpoint; logout goes through /idp/profile/Logout?return=).'),
  token_endpoint_auth_method: z.enum(['client_secret_basic', 'client_secret_post']).default('client_secret_basic'),
  id_token_signed_response_alg: z.enum(['RS256', 'HS256']).default('RS256'),
});

export const samlRegistrationSchema = z.strictObject({
  metadataUrl: loopbackUrl.optional().describe('The SP metadata URL (usually also its entityID).'),
  metadataFile: z.string().min(1).optional().describe('The SP metadata XML file, relative to the config file.'),
  entityId: z.string().min(1).optional().describe('The SP entityID (the AuthnRequest Issuer). Default: the entityID in metadataFile, or metadataUrl.'),
  wantAssertionsSigned: z.boolean().optional().describe('Sign the Assertion too. Default: what the metadata says.'),
}).refine((v) => (v.metadataUrl === undefined) !== (v.metadataFile === undefined), { message: 'give exactly one of metadataUrl and metadataFile' });

export const registrationSchema = z.strictObject({
  oidc: oidcRegistrationSchema.optional().describe('OpenID Connect client registration at MPASSid.'),
  saml: samlRegistrationSchema.optional().describe('SAML 2.0 SP registration at MPASSid, by its metadata.'),
  logoutReturnUrls: z.array(z.string().min(1)).default([]).describe('Addresses MPASSid\'s /idp/profile/Logout?return= may redirect to, matched exactly (registered with OPH in production). To chain the directory logout, register the chained Entra logout URL too; {entraLogout} stands for the Entra tenant\'s logout URL.'),
  entraPostLogoutRedirectUris: z.array(loopbackUrl).default([]).describe('post_logout_redirect_uri values the Entra tenant accepts (the end of a chained directory logout).'),
});

const customUserSchema = z.strictObject({
  handle: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'must be 2–31 lower-case letters, digits or -, starting with a letter'),
  givenName: z.string().min(1),
  familyName: z.string().min(1),
  role: z.enum(['pupil', 'teacher']).default('pupil'),
  password: z.string().min(8).optional().describe('Default: <handle>-Salasana1!'),
});

export const usersSchema = z.strictObject({
  signIn: z.string().default('pupil1').describe('The user every scenario signs in (a handle).'),
  nextPupil: z.string().default('pupil2').describe('The next pupil on the same device (a handle).'),
  custom: z.array(customUserSchema).default([]).describe('More users besides pupil1, pupil2 and teacher.'),
});

export const mocksSchema = z.strictObject({
  hostMode: z.enum(['loopback-addresses', 'single-loopback']).default('loopback-addresses'),
  basePort: z.number().int().min(1024).max(65_000).default(5600).describe('Entra at basePort, MPASSid at +1, the second sample service at +3.'),
  addresses: z.strictObject({
    mpassid: loopbackAddress.optional(),
    entra: loopbackAddress.optional(),
    'service-b': loopbackAddress.optional(),
  }).default({}),
  tls: z.boolean().default(false).describe('Serve every mock over HTTPS with a CA made for the run.'),
  upstream: z.enum(['saml', 'oidc']).default('saml').describe('How MPASSid reaches Entra ID.'),
  publishSingleLogout: z.boolean().default(false).describe('Publish a SingleLogoutService in MPASSid\'s SAML metadata (what-if: production publishes none, and MPASSid has no SAML single logout).'),
});

export const harnessConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  service: serviceSchema,
  registration: registrationSchema,
  users: usersSchema.default({ signIn: 'pupil1', nextPupil: 'pupil2', custom: [] }),
  scenarios: z.array(z.enum(SCENARIO_IDS)).min(1).optional().describe('Catalogue scenarios to run; default all.'),
  mocks: mocksSchema.default({ hostMode: 'loopback-addresses', basePort: 5600, addresses: {}, tls: false, upstream: 'saml', publishSingleLogout: false }),
}).superRefine((config, ctx) => {
  for (const protocol of ['oidc', 'saml'] as const) {
    if (config.service.protocol === protocol && !config.registration[protocol]) {
      ctx.addIssue({ code: 'custom', path: ['registration', protocol], message: `is required because service.protocol is ${protocol}: give ${protocol === 'oidc' ? 'client_id and redirect_uris' : 'metadataUrl or metadataFile'}` });
    }
  }
});

/** A config file as written (defaults not yet applied). */
export type HarnessConfigInput = z.input<typeof harnessConfigSchema>;
/** A validated config, every default applied. */
export type HarnessConfig = z.output<typeof harnessConfigSchema>;
