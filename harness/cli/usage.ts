/** The CLI's help text. */
export const USAGE = `mpassid-harness: does your service's logout really end the MPASSid and Entra ID sessions?

Usage:
  mpassid-harness up     [--config FILE] [--tls] [--mode in-process|containers]
                         [--sample-logout local|mpassid|full] [--protocol oidc|saml] [--upstream saml|oidc]
                         [--base-port N] [--hosts MODE] [--addresses LIST] [--publish-slo]
  mpassid-harness check  [--config FILE] [--tls] [--mode MODE] [--scenarios LIST] [--report DIR] [--json FILE]
                         [--shard I/N] [--repeat-each N]
                         [--sample-logout local|mpassid|full|all] [--protocol oidc|saml|both] [--upstream saml|oidc]
                         [--workers N] [--base-port N] [--hosts MODE] [--addresses LIST] [--publish-slo]
  mpassid-harness help

Commands:
  up      Start mock Entra ID, mock MPASSid and the sample service (or, with --config, register your service and
          start it if the config says how); print URLs, test users and what to paste into a service's
          configuration. Ctrl-C stops them.
  check   Run the scenario catalogue in headless Chromium against the stack and print the verdict table.

Options:
  --config FILE       mpassid-harness.config.{json,yaml,ts}: your service, its registration with MPASSid, users,
                      scenarios and where the mocks run. Your service is judged in the browser (no ledger).
                      With --config, the mocks' settings come from the file (mocks.*), not from the flags below.
  --tls               Serve every party over HTTPS with a CA made for the run (the browser trusts it; the path
                      is printed, and written to the --report folder, so your service can trust it too).
  --mode MODE         How the stack runs: in-process (default: every party in this process), containers (each
                      party in its own container of the mpassid-harness image, via testcontainers; needs a container
                      engine) or attached (check only: a stack already running, e.g. docker compose up, at the
                      topology's URLs; with docker-compose.yml add --hosts single-loopback).
  --scenarios LIST    Catalogue scenarios to run, e.g. logout-ends-every-session,next-pupil-gets-their-own-account
                      (default all: logout-ends-every-session, sign-in-after-logout-asks-for-password,
                      next-pupil-gets-their-own-account, browser-restart-asks-for-password-kmsi-no,
                      browser-restart-asks-for-password-kmsi-yes, second-service-is-signed-out-too).
  --shard I/N         Run part I of N of the catalogue (each part starts its own stack): split a pipeline's
                      catalogue over N runners; the parts together are the whole catalogue.
  --repeat-each N     Run every scenario N times (looking for flakes; every run gets its verdict).
  --report DIR        Write the reports into DIR (created if missing): report.html (summary, a sequence diagram
                      per scenario with the surviving sessions marked, session tables, findings, traces and
                      screenshots of failures), junit.xml for CI, verdicts.json, evidence.json and assets/.
  --json FILE         Write the verdicts as JSON (per scenario and party: ended/survived; outcome; survivors;
                      consequences).
  --sample-logout S   The sample service's logout: local (its own session), mpassid (+ MPASSid Logout),
                      full (+ Entra ID logout, chained). check also takes a comma list or all. Default: mpassid.
  --protocol P        How the sample service signs in with MPASSid: oidc, saml, or (check only) both.
                      Default: both for check (every scenario runs once per protocol), oidc for up.
  --upstream P        How MPASSid reaches Entra ID: saml (default, as production) or oidc.
  --publish-slo       What-if: MPASSid's SAML metadata publishes a SingleLogoutService (production publishes
                      none; MPASSid has no single logout, so the endpoint answers with a page saying so).
  --workers N         Browsers running scenarios side by side, each with its own stack on its own ports
                      (default: half the cores, at least 2).
  --base-port N       First port of the stack (default 5600); parties take N…N+3, workers N+10… .
  --hosts MODE        loopback-addresses (default: each party on its own 127.0.0.x) or single-loopback
                      (every party on 127.0.0.1 as <party>.localhost, for machines with only 127.0.0.1).
  --addresses LIST    Loopback address per party, e.g. service=127.0.0.12,mpassid=127.0.0.13
                      (defaults service 127.0.0.2, mpassid 127.0.0.3, entra 127.0.0.4, service-b 127.0.0.5).

Exit codes (check): 0 every logout FULL · 1 any PARTIAL or BROKEN · 2 usage, config or start-up error.
`;
