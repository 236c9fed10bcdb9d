import { type PlaygroundMessage, type PlaygroundSettings, parseTools } from "./playground-request";

/**
 * The OpenAI Responses body for a model, the settings and the conversation: the system prompt as
 * `instructions`, the turns as `input` items (assistant tool calls as `function_call` items, tool answers
 * as `function_call_output`), `max_output_tokens`, JSON mode as `text.format`, the tools in the
 * Responses API's flat shape. The Responses API has no stop sequences: they are not sent.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 *
 * @example
 * responsesRequestBody("gpt-5", settings, [{ role: "user", content: "Hi" }]);
 * // { model: "gpt-5", input: [{ role: "user", content: "Hi" }], stream: true }
 */
export function responsesRequestBody(
  model: string,
  settings: PlaygroundSettings,
  messages: readonly PlaygroundMessage[],
  stream = true,
): Record<string, unknown> {
  const tools = parseTools(settings.tools);
  return {
    model,
    ...(settings.system.trim() ? { instructions: settings.system } : {}),
    input: messages.flatMap(inputItems),
    ...(settings.temperature === "" ? {} : { temperature: settings.temperature }),
    ...(settings.maxTokens === "" ? {} : { max_output_tokens: settings.maxTokens }),
    ...(settings.topP === "" ? {} : { top_p: settings.topP }),
    ...(settings.jsonMode ? { text: { format: { type: "json_object" } } } : {}),
    ...(Array.isArray(tools) ? { tools: tools.map(flatTool) } : {}),
    ...(stream ? { stream: true } : {}),
  };
}

function inputItems(m: PlaygroundMessage): Record<string, unknown>[] {
  if (m.role === "tool") return [{ type: "function_call_output", call_id: m.toolCallId, output: m.content }];
  if (m.role === "assistant" && m.toolCalls?.length) {
    return [
      ...(m.content ? [{ role: "assistant", content: m.content }] : []),
      ...m.toolCalls.map((c) => ({
        type: "function_call",
        call_id: c.id,
        name: c.name,
        arguments: c.arguments,
      })),
    ];
  }
  return [{ role: m.role, content: m.content }];
}

/**
 * A tool as the Responses API takes it: Chat Completions' `{type:"function", function:{name,...}}` is
 * flattened to `{type:"function", name, ...}`; a tool already flat (or of another type) is kept.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
 */
function flatTool(tool: unknown): unknown {
  const t = tool as { type?: unknown; function?: unknown };
  if (t.type !== "function" || typeof t.function !== "object" || t.function === null) return tool;
  return { type: "function", ...(t.function as Record<string, unknown>) };
}
