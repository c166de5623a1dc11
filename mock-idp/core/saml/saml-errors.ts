import { PartyError } from '../errors.js';

/**
 * A SAML message the party cannot accept. Rendered like every {@link PartyError}: an HTML page naming the problem
 * and the fix for a browser (SAML errors reach a person, not an API client), JSON otherwise.
 */
export const samlError = (code: string, description: string, fix?: string, options?: { cause?: unknown }) =>
  new PartyError(code, 400, description, fix, options);
