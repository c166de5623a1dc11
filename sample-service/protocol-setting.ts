import type { SignInProtocol } from './config.js';
import { samlNotConfigured } from './saml-login.js';

/** The sign-in protocol `/login` uses: the configured one, until the harness switches it. */
export class ProtocolSetting {
  current: SignInProtocol;

  /**
   * @param configured the protocol from the service config
   * @param samlConfigured whether the config has a SAML registration; without one, SAML cannot be selected
   * @throws PartyError `saml_not_configured` when `configured` is `saml` without a SAML registration
   */
  constructor(private readonly configured: SignInProtocol, private readonly samlConfigured: boolean) {
    this.check(configured, 500);
    this.current = configured;
  }

  /**
   * Switches the protocol.
   * @throws PartyError `saml_not_configured` (400) for `saml` without a SAML registration
   */
  set(protocol: SignInProtocol): void {
    this.check(protocol, 400);
    this.current = protocol;
  }

  /** Throws unless `protocol` can be selected (400 for the harness's request, 500 for the service config). */
  check(protocol: SignInProtocol, status: number): void {
    if (protocol === 'saml' && !this.samlConfigured) throw samlNotConfigured(status);
  }

  /** Back to the configured protocol (harness reset). */
  restore(): void {
    this.current = this.configured;
  }
}
