// One progress line of a scenario on stdout, under its target's label.

/**
 * Writes `bench:   <label>: <message>`.
 *
 * @example
 * scenarioLog({ label: "Gatehouse" }, "warm-up 5 s");
 */
export function scenarioLog(ctx, message) {
  process.stdout.write(`bench:   ${ctx.label}: ${message}\n`);
}
