import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

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
  // A receiver that checks a message and then hands it to samlify (which checks it again) pays once.
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

const KEY = 'mpassid-harness-xmllint';
let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (r: XmllintResult) => void; reject: (e: Error) => void }>();

interface XmllintResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** The long-lived xmllint worker (xmllint-worker.cjs): started on first use, and again if it dies. */
function xmllintWorker(): Worker {
  if (worker) return worker;
  schemas ??= loadSchemas();
  const started = new Worker(new URL('./xmllint-worker.cjs', import.meta.url), {
    workerData: {
      schemaFiles: [schemas.schema, ...schemas.preload],
      args: ['--schema', schemas.schema.fileName, '--noout', 'message.xml'],
      initialPages: 256,
      maxPages: 512,
    },
    // xmllint's memory is the WebAssembly memory above; the worker's own JavaScript needs little.
    resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 },
  });
  started.on('message', (message: { [KEY]?: boolean; id: number; result: XmllintResult }) => {
    if (message?.[KEY] !== true) return;
    pending.get(message.id)?.resolve(message.result);
    pending.delete(message.id);
    if (pending.size === 0) started.unref();
  });
  const fail = (err: Error) => {
    if (worker === started) worker = undefined;
    for (const [id, p] of pending) {
      p.reject(err);
      pending.delete(id);
    }
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`the xmllint worker exited (${code})`)));
  // Held (ref) only while a validation is pending, so an idle worker never keeps the process alive.
  started.unref();
  worker = started;
  return started;
}

async function runXmllint(xml: string): Promise<string[] | undefined> {
  const id = ++nextId;
  const result = await new Promise<XmllintResult>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const running = xmllintWorker();
    running.ref();
    running.postMessage({ [KEY]: true, id, xml });
  });
  if (result.exitCode === 0) return undefined;
  // xmllint: 3 and 4 are validation errors; anything else is a failure of the tool, not of the message.
  if (result.exitCode !== 3 && result.exitCode !== 4) throw new Error(`xmllint failed (${result.exitCode}): ${result.stderr.trim()}`);
  return result.stderr.split('\n').slice(0, -2).map((line) => {
    const [fileName, lineNumber, ...rest] = line.split(':');
    return fileName && lineNumber && rest.length ? rest.join(':').trim() : line;
  }).filter((line) => line && !line.trim().endsWith(' validates'));
}
