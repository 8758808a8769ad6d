/** For tests: the ScenarioError that loading a scenario raises (anything else thrown, or no error, fails the test). */
import { ScenarioError } from './scenario-error.js';

export function scenarioFailure(load: () => unknown, what = 'the scenario'): ScenarioError {
  try {
    load();
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw new Error(`${what}: not a ScenarioError: ${(e as Error).stack}`);
  }
  throw new Error(`${what}: loaded without complaint, expected a ScenarioError`);
}
