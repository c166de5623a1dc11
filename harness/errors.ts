/**
 * Stable codes for everything the harness reports as a failure. Tests assert on codes, never on message text;
 * the evidence (a verdict, a page address, a party's answer) is in `cause` or `details`.
 */
export type HarnessErrorCode =
  | 'HARNESS_SESSION_SURVIVED_LOGOUT'
  | 'HARNESS_LOGOUT_BROKEN'
  | 'HARNESS_FINDING'
  | 'HARNESS_SIGN_IN_FAILED'
  | 'HARNESS_UNEXPECTED_PAGE'
  | 'HARNESS_USAGE'
  | 'HARNESS_START_FAILED'
  | 'HARNESS_REPORT_FAILED'
  | 'HARNESS_CONFIG_INVALID'
  | 'HARNESS_SERVICE_START_FAILED';

/** The harness's one error type. */
export class HarnessError extends Error {
  constructor(
    readonly code: HarnessErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HarnessError';
  }
}
