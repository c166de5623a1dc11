import { z } from 'zod';
import { harnessConfigSchema } from './config-schema.js';

/** The committed JSON Schema's path in the package (for editors: `"$schema": "…/mpassid-harness.config.schema.json"`). */
export const JSON_SCHEMA_FILE = 'schema/mpassid-harness.config.schema.json';

/**
 * The JSON Schema of a config file as written (defaults optional), generated from the zod schema. Checks a schema
 * cannot say (exactly one of two fields, the registration matching the protocol) are the loader's.
 */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(harnessConfigSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://github.com/mpassid-harness/mpassid-harness/schema/mpassid-harness.config.schema.json',
    title: 'mpassid-harness configuration',
    description: 'The service under test, its registration with the mock MPASSid, test users, scenarios and where the mocks run.',
  };
}
