import type { IrChatRequest } from "../ir/chat-request.js";
import type { BedrockConverseRequest, BedrockMessage, BedrockTool } from "./bedrock-wire-types.js";

/** Names of the tools called in the history: Converse refuses toolUse/toolResult blocks without a toolConfig. */
function calledTools(messages: BedrockMessage[]): string[] {
  const names = messages.flatMap((m) => m.content.flatMap((b) => ("toolUse" in b ? [b.toolUse.name] : [])));
  const results = messages.some((m) => m.content.some((b) => "toolResult" in b));
  return names.length > 0 || results ? [...new Set(names)] : [];
}

/**
 * IR tools and tool choice → Bedrock `toolConfig`: each tool a `toolSpec` with its JSON Schema under
 * `inputSchema.json`; auto → `{auto:{}}`, required → `{any:{}}`, one tool → `{tool:{name}}`. Converse has
 * no "none": without tool blocks in the history the tools are simply not sent; with them (Converse then
 * requires a toolConfig) they are sent with auto, and a warning. Tools called in the history but not
 * declared get a minimal spec for the same reason.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolConfiguration.html
 */
export function encodeBedrockTools(
  ir: Pick<IrChatRequest, "tools" | "toolChoice" | "parallelToolCalls">,
  messages: BedrockMessage[],
  warnings: string[],
): BedrockConverseRequest["toolConfig"] {
  const history = calledTools(messages);
  const declared = ir.tools ?? [];
  if (ir.parallelToolCalls === false)
    warnings.push("parallel_tool_calls=false is not supported by bedrock; dropped");
  if (declared.length === 0 && history.length === 0) return undefined;
  const none = ir.toolChoice?.type === "none";
  if (none && history.length === 0) return undefined;
  if (none)
    warnings.push(
      "tool_choice none is not supported by bedrock with tool calls in the history; sent as auto",
    );
  const tools: BedrockTool[] = [];
  for (const t of declared) {
    const spec = { name: t.name, inputSchema: { json: t.parameters } };
    tools.push({ toolSpec: t.description === undefined ? spec : { ...spec, description: t.description } });
    if (t.cacheControl !== undefined) tools.push({ cachePoint: { type: "default" } });
  }
  for (const name of history) {
    if (!declared.some((t) => t.name === name))
      tools.push({ toolSpec: { name, inputSchema: { json: { type: "object" } } } });
  }
  const choice = ir.toolChoice;
  if (choice?.type === "required") return { tools, toolChoice: { any: {} } };
  if (choice?.type === "tool") return { tools, toolChoice: { tool: { name: choice.name } } };
  if (choice?.type === "auto") return { tools, toolChoice: { auto: {} } };
  return { tools };
}
