// Runs one scenario so that its failure is recorded as a figure and the scenarios after it still run.
import { scenarioLog } from "./scenario-log.mjs";

/**
 * `run()`'s result, or `{ failed: message }` (also logged) when it throws.
 *
 * @example
 * figures.streaming = await attemptScenario(ctx, "streaming", () => streaming(handle, ctx));
 */
export async function attemptScenario(ctx, name, run) {
  try {
    return await run();
  } catch (error) {
    scenarioLog(ctx, `${name} failed: ${error.message}`);
    return { failed: error.message };
  }
}
