import type { IrChatRequest } from "../ir/chat-request.js";
import type { AnthropicOutputConfig, AnthropicTool, AnthropicToolChoice } from "./anthropic-wire-types.js";

/**
 * How JSON output is asked of Anthropic:
 * - "native": json_schema → `output_config.format` (structured outputs, GA on current models);
 * - "tool": a forced tool whose input_schema is the schema (works on every Claude model).
 * `json_object` has no native form (structured outputs need a schema) and always uses the tool.
 */
export type AnthropicJsonMode = "native" | "tool";

/** The tool name used for a schema-less json_object request. */
export const ANTHROPIC_JSON_OBJECT_TOOL = "json_response";

export interface EncodedAnthropicJsonOutput {
  output_config?: AnthropicOutputConfig;
  /** The forced tool to add, with the tool_choice forcing it. */
  tool?: AnthropicTool;
  tool_choice?: AnthropicToolChoice;
}

/**
 * The forced tool's name for a request, or undefined when the request needs no tool emulation.
 * Pass it as `jsonToolName` to decodeAnthropicResponse / createAnthropicStreamDecoder so the tool's
 * input comes back as the answer's text.
 *
 * @example
 * anthropicJsonToolName({ ...ir, responseFormat: { type: "json_schema", name: "Weather report", schema } }, "tool");
 * // "Weather_report"
 */
export function anthropicJsonToolName(ir: IrChatRequest, mode: AnthropicJsonMode): string | undefined {
  const format = ir.responseFormat;
  if (format === undefined || format.type === "text") return undefined;
  if (format.type === "json_schema" && mode === "native") return undefined;
  const base = format.type === "json_schema" ? toolSafeName(format.name) : ANTHROPIC_JSON_OBJECT_TOOL;
  const taken = new Set((ir.tools ?? []).map((t) => t.name));
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 60)}_${n}`;
  return name;
}

/**
 * IR responseFormat → Anthropic structured output or forced-tool emulation (see AnthropicJsonMode).
 * The forced tool sets disable_parallel_tool_use so exactly one call comes back.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use#json-mode
 */
export function encodeAnthropicJsonOutput(
  ir: IrChatRequest,
  mode: AnthropicJsonMode,
): EncodedAnthropicJsonOutput {
  const format = ir.responseFormat;
  if (format === undefined || format.type === "text") return {};
  const name = anthropicJsonToolName(ir, mode);
  if (name === undefined && format.type === "json_schema") {
    return { output_config: { format: { type: "json_schema", schema: format.schema } } };
  }
  const schema = format.type === "json_schema" ? format.schema : { type: "object" };
  const description =
    format.type === "json_schema" && format.description !== undefined
      ? format.description
      : "Respond by calling this tool with your answer as its input.";
  const toolName = name ?? ANTHROPIC_JSON_OBJECT_TOOL;
  return {
    tool: { name: toolName, description, input_schema: schema },
    tool_choice: { type: "tool", name: toolName, disable_parallel_tool_use: true },
  };
}

/** Anthropic tool names match ^[a-zA-Z0-9_-]{1,64}$. */
function toolSafeName(name: string): string {
  const safe = name.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64);
  return safe === "" ? ANTHROPIC_JSON_OBJECT_TOOL : safe;
}
