import type { IrChatRequest, IrTool } from "../ir/chat-request.js";
import type { AnthropicTool, AnthropicToolChoice } from "./anthropic-wire-types.js";
import { encodeAnthropicCacheControl } from "./encode-anthropic-part.js";

export interface EncodedAnthropicTools {
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
}

/**
 * IR tools, tool choice and parallelToolCalls → Anthropic `tools` and `tool_choice`:
 * auto → auto, required → any, tool → tool(name), none → none; `parallelToolCalls: false` →
 * `disable_parallel_tool_use: true` (on an `auto` choice when the IR named none). A schema without a
 * `type` gets `type: "object"` (Anthropic requires an object schema; OpenAI allows omitting it).
 * `strict` is sent only when true. A tool choice without tools is dropped (Anthropic rejects it).
 * @see https://docs.anthropic.com/en/api/messages#body-tools
 * @see https://docs.anthropic.com/en/api/messages#body-tool-choice
 *
 * @example
 * encodeAnthropicTools({ ...ir, tools: [t], toolChoice: { type: "required" }, parallelToolCalls: false }, []);
 * // { tools: [...], tool_choice: { type: "any", disable_parallel_tool_use: true } }
 */
export function encodeAnthropicTools(ir: IrChatRequest, warnings: string[]): EncodedAnthropicTools {
  if (ir.tools === undefined || ir.tools.length === 0) {
    if (ir.toolChoice !== undefined && ir.toolChoice.type !== "none") {
      warnings.push("tool_choice without tools is not supported by anthropic; dropped");
    }
    return {};
  }
  const out: EncodedAnthropicTools = { tools: ir.tools.map(encodeTool) };
  const choice = ir.toolChoice ?? (ir.parallelToolCalls === false ? { type: "auto" as const } : undefined);
  if (choice === undefined) return out;
  if (choice.type === "none") out.tool_choice = { type: "none" };
  else {
    const base: AnthropicToolChoice =
      choice.type === "tool"
        ? { type: "tool", name: choice.name }
        : { type: choice.type === "required" ? "any" : "auto" };
    if (ir.parallelToolCalls === false) Object.assign(base, { disable_parallel_tool_use: true });
    out.tool_choice = base;
  }
  return out;
}

function encodeTool(tool: IrTool): AnthropicTool {
  const schema = "type" in tool.parameters ? tool.parameters : { type: "object", ...tool.parameters };
  const out: AnthropicTool = {
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    input_schema: schema,
  };
  if (tool.cacheControl !== undefined) out.cache_control = encodeAnthropicCacheControl(tool.cacheControl);
  if (tool.strict === true) out.strict = true;
  return out;
}
