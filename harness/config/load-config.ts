import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { TEST_USERS, customTestUser, type TestUser } from '../../mock-idp/users/test-users.js';
import { HarnessError } from '../errors.js';
import { harnessConfigSchema, type HarnessConfig } from './config-schema.js';
import { configJsonSchema, JSON_SCHEMA_FILE } from './json-schema.js';

/** The file names `--config` accepts, by format. */
export const CONFIG_EXTENSIONS = ['.json', '.yaml', '.yml', '.ts', '.mts', '.js', '.mjs'] as const;

/** A config file read, validated and resolved against its folder. */
export interface LoadedConfig {
  /** Absolute path of the file. */
  path: string;
  /** Its folder: relative paths in the file are relative to it. */
  dir: string;
  config: HarnessConfig;
  /** Built-in users plus `users.custom`. */
  users: TestUser[];
  /** `users.signIn` and `users.nextPupil`, looked up. */
  signInUser: TestUser;
  nextPupil: TestUser;
  /** The SP metadata XML when `registration.saml.metadataFile` is given. */
  samlMetadataXml?: string;
}

/**
 * Reads `mpassid-harness.config.{json,yaml,yml,ts,mts,js,mjs}`, validates it and resolves what it refers to.
 * Every problem is reported at once, each with the field's path and what to do, as a `HARNESS_CONFIG_INVALID`.
 */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  const path = resolve(file);
  const where = file;
  if (!existsSync(path)) throw invalid(`${where}: no such file; give the path of your mpassid-harness.config.json or .yaml`);
  const raw = await readRaw(path, where);
  const parsed = harnessConfigSchema.safeParse(raw);
  if (!parsed.success) {
    // zod skips whole-config checks while a field is invalid; say that one too, so every problem shows at once.
    const issues = describeIssues(parsed.error.issues, raw);
    const mismatch = issues.includes('registration.') ? undefined : registrationMismatch(raw);
    throw invalid(`${where} is not a valid mpassid-harness config:\n${issues}${mismatch ? `\n  - ${mismatch}` : ''}`);
  }
  const config = parsed.data;
  const dir = dirname(path);
  const problems: string[] = [];

  const users = [...TEST_USERS];
  for (const [i, custom] of config.users.custom.entries()) {
    if (users.some((u) => u.handle === custom.handle)) problems.push(`users.custom[${i}].handle: ${custom.handle} is taken; choose another handle`);
    else users.push(customTestUser(custom));
  }
  const pick = (field: 'signIn' | 'nextPupil') => {
    const user = users.find((u) => u.handle === config.users[field]);
    if (!user) problems.push(`users.${field}: no user ${JSON.stringify(config.users[field])}; known users are ${users.map((u) => u.handle).join(', ')} (add your own under users.custom)`);
    return user;
  };
  const signInUser = pick('signIn');
  const nextPupil = pick('nextPupil');
  if (signInUser && nextPupil && signInUser === nextPupil) problems.push('users.nextPupil: must be another user than users.signIn, or the next-pupil scenario proves nothing');

  let samlMetadataXml: string | undefined;
  const metadataFile = config.registration.saml?.metadataFile;
  if (metadataFile) {
    const metadataPath = resolve(dir, metadataFile);
    if (!existsSync(metadataPath)) problems.push(`registration.saml.metadataFile: ${metadataPath} does not exist; give the path of your SP metadata XML (relative to the config file) or use metadataUrl`);
    else samlMetadataXml = readFileSync(metadataPath, 'utf8');
  }
  if (config.service.start?.cwd && !existsSync(resolve(dir, config.service.start.cwd))) {
    problems.push(`service.start.cwd: folder ${resolve(dir, config.service.start.cwd)} does not exist`);
  }
  if (problems.length) throw invalid(`${where} is not a valid mpassid-harness config:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { path, dir, config, users, signInUser: signInUser!, nextPupil: nextPupil!, ...(samlMetadataXml ? { samlMetadataXml } : {}) };
}

async function readRaw(path: string, where: string): Promise<unknown> {
  const ext = extname(path).toLowerCase();
  if (!(CONFIG_EXTENSIONS as readonly string[]).includes(ext)) {
    throw invalid(`${where}: unknown config format ${ext || '(no extension)'}; use ${CONFIG_EXTENSIONS.join(', ')}`);
  }
  if (ext === '.json' || ext === '.yaml' || ext === '.yml') {
    const text = readFileSync(path, 'utf8');
    try {
      return ext === '.json' ? JSON.parse(text) : parseYaml(text);
    } catch (err) {
      throw invalid(`${where} is not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  try {
    // TypeScript configs load through tsx, which the package depends on; JavaScript ones through import().
    const module = ext === '.ts' || ext === '.mts'
      ? await (await import('tsx/esm/api')).tsImport(pathToFileURL(path).href, import.meta.url)
      : await import(pathToFileURL(path).href);
    // A CommonJS-compiled module wraps its default export once more.
    const first = (module as { default?: unknown }).default ?? module;
    return (first as { default?: unknown } | null)?.default ?? first;
  } catch (err) {
    throw invalid(`${where} could not be loaded: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** One line per problem: the field's path, what is wrong, and what would be right. */
function describeIssues(issues: z.core.$ZodIssue[], raw: unknown): string {
  return issues.map((issue) => {
    const path = fieldPath(issue.path);
    const value = valueAt(raw, issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        return `  - ${path ? `${path}: ` : ''}unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `${JSON.stringify(k)}${didYouMean(k, issue.path)}`).join(', ')}; check the spelling against the JSON Schema (mpassid-harness/schema.json, the package's ${JSON_SCHEMA_FILE})`;
      case 'invalid_type':
        return value === undefined
          ? `  - ${path}: is required (${issue.expected})`
          : `  - ${path}: must be ${article(issue.expected)}, not ${JSON.stringify(value)}`;
      case 'invalid_union':
        return `  - ${path}: give either { url: "/path" } or { selector: "css or text=…" }, not ${JSON.stringify(value)}`;
      case 'invalid_value':
        return `  - ${path}: ${JSON.stringify(value)} is not allowed; use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
      default:
        return `  - ${path || '(top level)'}: ${issue.message}${value !== undefined && typeof value !== 'object' ? ` (got ${JSON.stringify(value)})` : ''}`;
    }
  }).join('\n');
}

/** The registration a protocol needs, when the raw config lacks it. */
function registrationMismatch(raw: unknown): string | undefined {
  const protocol = valueAt(raw, ['service', 'protocol']);
  if ((protocol === 'oidc' || protocol === 'saml') && valueAt(raw, ['registration', protocol]) === undefined) {
    return `registration.${protocol}: is required because service.protocol is ${protocol}: give ${protocol === 'oidc' ? 'client_id and redirect_uris' : 'metadataUrl or metadataFile'}`;
  }
  return undefined;
}

function fieldPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function article(type: string): string {
  return type === 'array' || type === 'object' ? `an ${type}` : `a ${type}`;
}

function invalid(message: string): HarnessError {
  return new HarnessError('HARNESS_CONFIG_INVALID', message);
}

/** The fields the schema allows at a path of the config (objects, arrays and unions followed). */
function fieldsAt(path: readonly PropertyKey[]): string[] {
  let nodes: Record<string, unknown>[] = [configJsonSchema()];
  const expand = (n: Record<string, unknown>): Record<string, unknown>[] =>
    [n, ...((n.anyOf ?? n.oneOf ?? n.allOf ?? []) as Record<string, unknown>[]).flatMap(expand)];
  for (const key of path) {
    nodes = nodes.flatMap(expand).flatMap((n) => {
      if (typeof key === 'number') return n.items ? [n.items as Record<string, unknown>] : [];
      const child = (n.properties as Record<string, Record<string, unknown>> | undefined)?.[String(key)];
      return child ? [child] : [];
    });
  }
  return [...new Set(nodes.flatMap(expand).flatMap((n) => Object.keys((n.properties as object | undefined) ?? {})))];
}

/** ` (did you mean "protectedUrl"?)` for a field that differs from an allowed one by case or a letter or two. */
function didYouMean(key: string, path: readonly PropertyKey[]): string {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let diagonal = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const above = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length];
  };
  const best = fieldsAt(path)
    .map((field) => ({ field, d: field.toLowerCase() === key.toLowerCase() ? 0 : distance(field.toLowerCase(), key.toLowerCase()) }))
    .filter((c) => c.d <= Math.max(1, Math.floor(key.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  return best ? ` (did you mean ${JSON.stringify(best.field)}?)` : '';
}
