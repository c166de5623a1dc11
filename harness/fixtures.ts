import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { CONTEXT_HEADER } from '../mock-idp/core/hop-trace.js';
import type { TestUser } from '../mock-idp/users/test-users.js';
import type { LogoutStrategy } from '../sample-service/config.js';
import { HarnessError } from './errors.js';
import type { Protocol } from './registrations.js';
import { judgeLogout } from './flows/judge-logout.js';
import { withDiagnosis } from './flows/failure-diagnosis.js';
import type { ServiceTarget } from './flows/service-target.js';
import { browserRestart, type BrowserRestartOptions } from './probes/browser-restart-probe.js';
import { nextPupil } from './probes/next-pupil-probe.js';
import type { LogoutProbe } from './probes/probe.js';
import { protectedPage } from './probes/protected-page-run.js';
import { secondService } from './probes/second-service-probe.js';
import { silentRelogin } from './probes/silent-relogin-probe.js';
import { collectEvidence } from './report/collect-evidence.js';
import { configuredService } from './config/configured-service.js';
import { loadConfig } from './config/load-config.js';
import { runCaOfRun } from './playwright/harness-use.js';
import { ENV, runSettingsFromEnv } from './run-settings.js';
import { expectServiceAnswers } from './stack/service-answers.js';
import { startStack } from './stack/start-stack.js';
import { stackOptionsOf, type Stack, type StackMode } from './stack/stack.js';
import type { Verdict } from './verdict/verdict.js';

/** The attachment name under which a test records its verdict; the verdict reporter collects these. */
export const VERDICT_ATTACHMENT = 'mpassid-harness-verdict';
/** The attachment with the scenario's hop trace and ledger events (for the sequence diagram). */
export const EVIDENCE_ATTACHMENT = 'mpassid-harness-evidence';

/** Ports each worker's stack takes: parties at basePort + 10 × worker index + 0…9. */
const PORTS_PER_WORKER = 10;

/** Options a Playwright project sets with `use`. */
export interface HarnessOptions {
  /** The sample service's logout strategy for this project. */
  sampleLogout: LogoutStrategy;
  /** The protocol the service under test signs in with for this project. */
  protocol: Protocol;
  /**
   * A config file naming a service of your own (`mpassid-harness.config.{json,yaml,ts}`); the stack registers it
   * with the mock MPASSid, starts it when the config says how, and the scenarios judge it. Default: the
   * `MPASSID_HARNESS_CONFIG` environment variable, else the sample service.
   */
  harnessConfig: string | undefined;
  /**
   * How the stack runs: `in-process` (default), `containers` (one container per party, testcontainers) or
   * `attached` (a stack already running, e.g. `docker compose up`). Default: `MPASSID_HARNESS_MODE`.
   */
  stackMode: StackMode;
}

/** Per-test fixtures. */
export interface HarnessFixtures {
  /** The service under test as the browser drives it. */
  target: ServiceTarget;
  /** The second sample service ("Tehtäväpankki"), signed in through the same MPASSid session. */
  serviceB: ServiceTarget;
  /** The test users by handle (`pupil1`, `pupil2`, `teacher`, and a config's `users.custom`). */
  users: Record<string, TestUser>;
  /** The user the scenarios sign in (a config's `users.signIn`, default pupil1). */
  pupil: TestUser;
  /** The next pupil on the same device (a config's `users.nextPupil`, default pupil2). */
  nextPupil: TestUser;
  /** Opens another browser profile ("device"), tagged in the hop trace with its name. */
  newDevice(name: string): Promise<{ context: BrowserContext; page: Page }>;
  /** Records a verdict for the reports (the `check` command's table, JSON). */
  recordVerdict(verdict: Verdict): Promise<void>;
  /** The probes, ready to hand to {@link HarnessFixtures.verdict}. */
  probes: Probes;
  /**
   * Signs {@link HarnessFixtures.pupil} in on `page`, lets the probes prepare, presses the service's Log out, judges
   * every party (ledgers, then the probes in order) and records the verdict. Default probes: protected page, then
   * silent re-login.
   */
  verdict(options?: VerdictOptions): Promise<Verdict>;
}

/** Probe factories bound to the test's stack, users and browser. */
export interface Probes {
  /** Fetches the protected page after Log out without following redirects. */
  protectedPage(): LogoutProbe;
  /** Presses Sign in again: does anyone ask for a password? */
  silentRelogin(): LogoutProbe;
  /** The next pupil (default {@link HarnessFixtures.nextPupil}) presses Sign in on the same browser profile. */
  nextPupil(next?: TestUser): LogoutProbe;
  /** Closes the browser and opens it again with what a real browser keeps. */
  browserRestart(options?: BrowserRestartOptions): LogoutProbe;
  /** Signs in to the second sample service before Log out; is it still signed in after? */
  secondService(): LogoutProbe;
}

/** What {@link HarnessFixtures.verdict} takes. */
export interface VerdictOptions {
  probes?: LogoutProbe[];
  /** Answer to Entra ID's "Stay signed in?" during sign-in (default no). */
  staySignedIn?: boolean;
  /** Who signs in (default {@link HarnessFixtures.pupil}). */
  user?: TestUser;
}

/** Per-worker fixtures. */
export interface HarnessWorkerFixtures {
  /** The running stack: one per worker, reset before every test. */
  stack: Stack;
}

/**
 * Playwright's `test` with the harness fixtures: a stack per worker (ports from the worker index), reset before
 * each test, every browser context tagged so the hop trace can tell devices apart.
 */
export const test = base.extend<HarnessFixtures & { resetStack: void }, HarnessWorkerFixtures & HarnessOptions>({
  sampleLogout: ['mpassid', { option: true, scope: 'worker' }],
  protocol: ['oidc', { option: true, scope: 'worker' }],
  harnessConfig: [process.env[ENV.config], { option: true, scope: 'worker' }],
  stackMode: [runSettingsFromEnv().mode, { option: true, scope: 'worker' }],

  stack: [async ({ sampleLogout, protocol, harnessConfig, stackMode }, use, workerInfo) => {
    const settings = runSettingsFromEnv();
    const start = async () => {
      if (harnessConfig) {
        // Your service is registered with one stack's URLs: every worker would need its own copy of it.
        if (workerInfo.parallelIndex > 0) throw new HarnessError('HARNESS_USAGE', 'a config file\'s service runs with one worker; set workers: 1 in playwright.config');
        const own = configuredService(await loadConfig(harnessConfig));
        const stack = await startStack(stackMode, stackOptionsOf(own, await runCaOfRun(own)));
        if (!own.loaded.config.service.start) {
          await expectServiceAnswers(stack, harnessConfig).catch(async (err: unknown) => {
            await stack.stop();
            throw err;
          });
        }
        return stack;
      }
      // An attached stack was started by someone else at the base port itself.
      if (stackMode === 'attached' && workerInfo.parallelIndex > 0) throw new HarnessError('HARNESS_USAGE', 'an attached stack serves one worker; set workers: 1');
      const tls = await runCaOfRun();
      return startStack(stackMode, {
        ...(tls ? { tls } : {}),
        sampleLogout,
        sampleProtocol: protocol,
        upstream: settings.upstream,
        ...(settings.publishSingleLogout ? { publishSingleLogout: true } : {}),
        hostMode: settings.hostMode,
        addresses: settings.addresses,
        basePort: settings.basePort + PORTS_PER_WORKER * workerInfo.parallelIndex,
      });
    };
    const stack = await start().catch((err: Error) => {
      throw new HarnessError('HARNESS_START_FAILED', `HARNESS_START_FAILED: the stack did not start: ${err.message}`, undefined, { cause: err });
    });
    await use(stack);
    await stack.stop();
  }, { scope: 'worker', timeout: 120_000 }],

  resetStack: [async ({ stack, sampleLogout, protocol }, use, testInfo) => {
    await stack.reset();
    if (stack.serviceUnderTest.hasLedger) await stack.setSampleLogout(sampleLogout);
    await stack.setSampleProtocol(protocol);
    await use();
    const evidence = await collectEvidence(stack).catch(() => undefined);
    if (evidence) await testInfo.attach(EVIDENCE_ATTACHMENT, { body: JSON.stringify(evidence), contentType: 'application/json' });
  }, { auto: true }],

  extraHTTPHeaders: async ({}, use, testInfo) => {
    await use({ [CONTEXT_HEADER]: `${testInfo.testId}/device-1` });
  },

  target: async ({ stack }, use) => {
    await use(stack.serviceUnderTest);
  },

  serviceB: async ({ stack }, use) => {
    await use(stack.secondService);
  },

  users: async ({ stack }, use) => {
    await use(Object.fromEntries(stack.users.map((u) => [u.handle, u])));
  },

  pupil: async ({ stack }, use) => {
    await use(stack.people.signIn);
  },

  nextPupil: async ({ stack }, use) => {
    await use(stack.people.nextPupil);
  },

  newDevice: async ({ browser }, use, testInfo) => {
    const contexts: BrowserContext[] = [];
    await use(async (name) => {
      const context = await browser.newContext({ extraHTTPHeaders: { [CONTEXT_HEADER]: `${testInfo.testId}/${name}` } });
      contexts.push(context);
      return { context, page: await context.newPage() };
    });
    await Promise.all(contexts.map((c) => c.close()));
  },

  recordVerdict: async ({}, use, testInfo) => {
    await use(async (verdict) => {
      await testInfo.attach(VERDICT_ATTACHMENT, { body: JSON.stringify(verdict), contentType: 'application/json' });
    });
  },

  probes: async ({ newDevice, nextPupil: next, serviceB, target }, use) => {
    await use({
      protectedPage: () => protectedPage,
      silentRelogin: () => silentRelogin,
      nextPupil: (user) => nextPupil(user ?? next),
      browserRestart: (options) => browserRestart(newDevice, options),
      secondService: () => secondService(serviceB, target.name),
    });
  },

  verdict: async ({ page, stack, target, pupil, protocol, recordVerdict }, use, testInfo) => {
    await use(async (options = {}) => {
      const verdict = await judgeLogout({
        page, stack, target, protocol, user: options.user ?? pupil, scenario: testInfo.title, project: testInfo.project.name,
        ...(options.probes ? { probes: options.probes } : {}),
        ...(options.staySignedIn !== undefined ? { staySignedIn: options.staySignedIn } : {}),
      }).catch(async (err: Error) => {
        throw await withDiagnosis(err, stack);
      });
      await recordVerdict(verdict);
      return verdict;
    });
  },
});

export { expect } from '@playwright/test';
