/**
 * The scenarios of the catalogue (`scenarios/catalogue/<id>.spec.ts`), by id: what `check --scenarios` and a
 * config file's `scenarios` name. A unit test keeps this list and the folder the same.
 */
export const SCENARIO_IDS = [
  'logout-ends-every-session',
  'sign-in-after-logout-asks-for-password',
  'next-pupil-gets-their-own-account',
  'browser-restart-asks-for-password-kmsi-no',
  'browser-restart-asks-for-password-kmsi-yes',
  'second-service-is-signed-out-too',
] as const;

/** One catalogue scenario's id. */
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** Whether a value is a {@link ScenarioId}. */
export function isScenarioId(value: string): value is ScenarioId {
  return (SCENARIO_IDS as readonly string[]).includes(value);
}
