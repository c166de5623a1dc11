/** The CLI's help text. */
export const USAGE = `mpassid-harness: does your service's logout really end the MPASSid and Entra ID sessions?

Usage:
  mpassid-harness up     [--sample-logout local|mpassid|full] [--protocol oidc|saml] [--upstream saml|oidc]
                         [--base-port N] [--hosts MODE] [--addresses LIST]
  mpassid-harness check  [--sample-logout local|mpassid|full|all] [--protocol oidc|saml|both] [--upstream saml|oidc]
                         [--report DIR] [--json FILE] [--workers N] [--base-port N] [--hosts MODE] [--addresses LIST]
  mpassid-harness help

Commands:
  up      Start mock Entra ID, mock MPASSid and the sample service; print URLs, test users and registrations.
          Ctrl-C stops them.
  check   Run the scenario catalogue in headless Chromium against the stack and print the verdict table.

Options:
  --sample-logout S   The sample service's logout: local (its own session), mpassid (+ MPASSid Logout),
                      full (+ Entra ID logout, chained). check also takes a comma list or all. Default: mpassid.
  --protocol P        How the sample service signs in with MPASSid: oidc, saml, or (check only) both.
                      Default: both for check (every scenario runs once per protocol), oidc for up.
  --upstream P        How MPASSid reaches Entra ID: saml (default, as production) or oidc.
  --report DIR        Write the reports into DIR (created if missing): report.html (summary, a sequence diagram
                      per scenario with the surviving sessions marked, session tables, findings, traces and
                      screenshots of failures), junit.xml for CI, verdicts.json, evidence.json and assets/.
  --json FILE         Write the verdicts as JSON (per scenario and party: ended/survived; outcome; survivors;
                      consequences).
  --workers N         Browsers running scenarios side by side, each with its own stack on its own ports
                      (default: half the cores, at least 2).
  --base-port N       First port of the stack (default 5600); parties take N…N+3, workers N+10… .
  --hosts MODE        loopback-addresses (default: each party on its own 127.0.0.x) or single-loopback
                      (every party on 127.0.0.1 as <party>.localhost, for machines with only 127.0.0.1).
  --addresses LIST    Loopback address per party, e.g. service=127.0.0.12,mpassid=127.0.0.13
                      (defaults service 127.0.0.2, mpassid 127.0.0.3, entra 127.0.0.4, service-b 127.0.0.5).

Exit codes (check): 0 every logout FULL · 1 any PARTIAL or BROKEN · 2 usage or start-up error.
`;
