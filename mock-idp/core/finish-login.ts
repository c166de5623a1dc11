import type { Response } from 'express';
import type Provider from 'oidc-provider';
import { endStoredSession } from './end-session.js';
import { PartyError } from './errors.js';
import type { SessionLedger } from './ledger.js';
import type { MemoryOidcStore } from './oidc-memory-adapter.js';

/** The login a party's own pages established. */
export interface FinishedLogin {
  accountId: string;
  acr?: string;
  /** false: a browser-session cookie; true: a persistent one. */
  remember: boolean;
}

/**
 * Records the login on the pending authorization and sends the browser back to oidc-provider to finish it.
 *
 * When someone else signs in over an existing session in the same browser, the old session ends (`replaced`)
 * here. oidc-provider would otherwise stop at its end-session confirmation, which neither MPASSid nor Entra shows;
 * the interaction forgets the old session's uid, as oidc-provider itself does in that case, so the resumed
 * authorization starts a fresh session instead of failing on the mismatch.
 */
export async function finishLogin(
  provider: Provider,
  res: Response,
  input: { interactionUid: string; login: FinishedLogin; store: MemoryOidcStore; ledger: SessionLedger },
): Promise<void> {
  const interaction = await provider.Interaction.find(input.interactionUid);
  if (!interaction) {
    throw new PartyError('interaction_expired', 400, 'this sign-in expired before it was finished', 'go back to the service and press Sign in again');
  }
  const previous = interaction.session as { accountId?: string; uid?: string; cookie?: string } | undefined;
  const replacing = previous?.accountId !== undefined && previous.accountId !== input.login.accountId;
  interaction.result = { login: { ...input.login } };
  if (replacing) delete previous.uid;
  await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
  if (replacing && previous.cookie) endStoredSession(input.store, input.ledger, previous.cookie, 'replaced');
  res.redirect(303, interaction.returnTo);
}
