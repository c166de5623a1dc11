import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

const SCHEMA_DIR = new URL('./schemas/', import.meta.url);
const file = (fileName: string) => ({ fileName, contents: readFileSync(new URL(fileName, SCHEMA_DIR), 'utf8') });
let schemas: ReturnType<typeof loadSchemas> | undefined;

function loadSchemas() {
  return {
    schema: file('saml-schema-protocol-2.0.xsd'),
    preload: ['saml-schema-assertion-2.0.xsd', 'xmldsig-core-schema.xsd', 'xenc-schema.xsd', 'XMLSchema.dtd', 'datatypes.dtd'].map(file),
  };
}

/** Raised when a SAML protocol message does not conform to the SAML 2.0 protocol schema. */
export class SamlSchemaError extends Error {
  readonly code = 'SAML_SCHEMA_INVALID';
  constructor(readonly errors: string[]) {
    super(`the SAML message does not conform to the SAML 2.0 schema: ${errors.slice(0, 3).join('; ')}`);
    this.name = 'SamlSchemaError';
  }
}

/**
 * Validates a SAML protocol message (AuthnRequest, Response, LogoutRequest, …) against the OASIS SAML 2.0 XSDs
 * with xmllint compiled to WebAssembly: no Java, nothing printed, no process-wide handlers. Rejects documents with
 * a DTD before parsing (no entity expansion, no external entities).
 */
export async function validateSamlMessage(xml: string): Promise<void> {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new SamlSchemaError(['a DTD or entity declaration is not allowed in a SAML message']);
  // One xmllint run costs a WebAssembly worker (~150 ms); a receiver that checks a message and then hands it to
  // samlify (which checks it again) pays once.
  const key = createHash('sha256').update(xml).digest('base64');
  let result = recent.get(key);
  if (!result) {
    result = runXmllint(xml);
    result.catch(() => recent.delete(key));
    recent.set(key, result);
    if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  }
  const errors = await result;
  if (errors) throw new SamlSchemaError(errors);
}

const RECENT_LIMIT = 64;
const recent = new Map<string, Promise<string[] | undefined>>();

async function runXmllint(xml: string): Promise<string[] | undefined> {
  schemas ??= loadSchemas();
  const result = await validateXML({ xml: { fileName: 'message.xml', contents: xml }, ...schemas });
  return result.valid ? undefined : result.errors.map((e) => e.message);
}
