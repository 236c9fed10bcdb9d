import type { IrReasoningConfig } from "../ir/chat-request.js";
import { invalidField, optionalNumber, requireEnum, requireRecord } from "./wire-validation.js";

type Effort = NonNullable<IrReasoningConfig["effort"]>;

/**
 * `thinking` (enabled with budget_tokens ≥ 1024 / adaptive / disabled) and `output_config.effort`
 * → IR reasoning config. Anthropic's effort levels above `high` (`xhigh`, `max`) have no IR word and
 * become `high`. An effort without a `thinking` field reads as reasoning enabled at that effort, the
 * closest meaning for other providers. `display: "omitted"` → includeThoughts false.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 * @see https://docs.anthropic.com/en/api/messages#body-thinking
 *
 * @example
 * decodeAnthropicReasoning({ type: "enabled", budget_tokens: 2048 }, undefined, "thinking");
 * // { enabled: true, budgetTokens: 2048 }
 */
export function decodeAnthropicReasoning(
  thinking: unknown,
  outputConfig: Record<string, unknown> | undefined,
  param: string,
): IrReasoningConfig | undefined {
  const effort = decodeEffort(outputConfig?.["effort"], "output_config.effort");
  if (thinking === undefined || thinking === null)
    return effort === undefined ? undefined : { enabled: true, effort };
  const obj = requireRecord(thinking, param);
  const type = requireEnum(obj["type"], `${param}.type`, ["enabled", "disabled", "adaptive"] as const);
  if (type === "disabled") return { enabled: false };
  const out: IrReasoningConfig = { enabled: true };
  if (type === "enabled") {
    const budget = optionalNumber(obj["budget_tokens"], `${param}.budget_tokens`, {
      integer: true,
      min: 1024,
    });
    if (budget === undefined)
      throw invalidField(`${param}.budget_tokens`, 'is required when type is "enabled"');
    out.budgetTokens = budget;
  }
  if (effort !== undefined) out.effort = effort;
  const display = obj["display"];
  if (display !== undefined && display !== null) {
    out.includeThoughts =
      requireEnum(display, `${param}.display`, ["summarized", "omitted"] as const) === "summarized";
  }
  return out;
}

function decodeEffort(value: unknown, param: string): Effort | undefined {
  if (value === undefined || value === null) return undefined;
  const effort = requireEnum(value, param, ["low", "medium", "high", "xhigh", "max"] as const);
  return effort === "xhigh" || effort === "max" ? "high" : effort;
}
