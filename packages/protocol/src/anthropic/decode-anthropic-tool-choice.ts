import type { IrToolChoice } from "../ir/chat-request.js";
import { optionalBoolean, requireEnum, requireRecord, requireString } from "./wire-validation.js";

export interface DecodedAnthropicToolChoice {
  toolChoice?: IrToolChoice;
  /** From `disable_parallel_tool_use` (negated), when the client set it. */
  parallelToolCalls?: boolean;
}

/**
 * `tool_choice` → IR tool choice: auto → auto, any → required, tool → tool(name), none → none;
 * `disable_parallel_tool_use: true` ↔ IR `parallelToolCalls: false`.
 * @see https://docs.anthropic.com/en/api/messages#body-tool-choice
 *
 * @example
 * decodeAnthropicToolChoice({ type: "any", disable_parallel_tool_use: true }, "tool_choice");
 * // { toolChoice: { type: "required" }, parallelToolCalls: false }
 */
export function decodeAnthropicToolChoice(value: unknown, param: string): DecodedAnthropicToolChoice {
  if (value === undefined || value === null) return {};
  const choice = requireRecord(value, param);
  const type = requireEnum(choice["type"], `${param}.type`, ["auto", "any", "tool", "none"] as const);
  const out: DecodedAnthropicToolChoice = {};
  if (type === "tool")
    out.toolChoice = { type: "tool", name: requireString(choice["name"], `${param}.name`) };
  else out.toolChoice = { type: type === "any" ? "required" : type };
  const disable = optionalBoolean(choice["disable_parallel_tool_use"], `${param}.disable_parallel_tool_use`);
  if (disable !== undefined && type !== "none") out.parallelToolCalls = !disable;
  return out;
}
