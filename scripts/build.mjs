#!/usr/bin/env node
// Builds the npm package's JavaScript: tsc into dist/, plus the files the code reads at run time (SAML schemas).
// Playwright does not transform TypeScript inside node_modules, so an installed package must ship JavaScript.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/dist`, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', `${root}/tsconfig.build.json`], { stdio: 'inherit' });
cpSync(`${root}/mock-idp/core/saml/schemas`, `${root}/dist/mock-idp/core/saml/schemas`, { recursive: true });
cpSync(`${root}/mock-idp/core/saml/xmllint-worker.cjs`, `${root}/dist/mock-idp/core/saml/xmllint-worker.cjs`);
console.log('built dist/');
