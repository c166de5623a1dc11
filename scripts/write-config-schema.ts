// Writes schema/mpassid-harness.config.schema.json from the zod schema: `npm run schema`.
// test/unit/config-schema.test.ts fails when the committed file is not what this writes.
import { writeFileSync } from 'node:fs';
import { configJsonSchema, JSON_SCHEMA_FILE } from '../harness/config/json-schema.js';

writeFileSync(new URL(`../${JSON_SCHEMA_FILE}`, import.meta.url), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${JSON_SCHEMA_FILE}`);
