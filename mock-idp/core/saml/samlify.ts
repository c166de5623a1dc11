import samlify from 'samlify';
import { validateSamlMessage } from './schema-validator.js';

// samlify refuses to parse any message until a schema validator is registered; ours is xmllint-wasm with the
// OASIS XSDs (no Java, no process-wide handlers). Importing this module registers it once per process.
samlify.setSchemaValidator({ validate: async (xml: string) => { await validateSamlMessage(xml); return 'valid'; } });

/** samlify with the harness's schema validator registered. Import samlify through this module only. */
export default samlify;
export type { IdentityProviderInstance, ServiceProviderInstance } from 'samlify';
