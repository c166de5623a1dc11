import type { Request, Response } from 'express';
import type Provider from 'oidc-provider';
import { PartyError } from './errors.js';

/** The pending authorization behind an interaction page, or a page error that tells the user to start again. */
export async function interactionFor(provider: Provider, req: Request, res: Response) {
  try {
    return await provider.interactionDetails(req, res);
  } catch (err) {
    throw new PartyError('interaction_expired', 400,
      'this sign-in step is not part of a running sign-in (it expired, was already completed, or its cookie is missing)',
      'go back to the service and press Sign in again', { cause: err });
  }
}
