import type { SurfaceName } from "../routing/surface-client.js";

type Json = Record<string, unknown>;

/** A valid chat body of the surface, rich enough (system, tools, tool calls and results) to reach every decoder. */
export function validChatBody(surface: SurfaceName, model: string, stream: boolean): Json {
  const schema = { type: "object", properties: { a: { type: "integer" } } };
  if (surface === "openai")
    return {
      model,
      stream,
      ...(stream ? { stream_options: { include_usage: true } } : {}),
      messages: [
        { role: "system", content: "Be brief" },
        { role: "user", content: [{ type: "text", text: "Hi" }] },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: '{"a":1}' } }],
        },
        { role: "tool", tool_call_id: "c1", content: "ok" },
        { role: "user", content: "Go on" },
      ],
      tools: [{ type: "function", function: { name: "f", description: "d", parameters: schema } }],
      tool_choice: "auto",
      temperature: 0.5,
      max_tokens: 50,
      stop: ["x"],
    };
  if (surface === "anthropic")
    return {
      model,
      stream,
      max_tokens: 50,
      system: [{ type: "text", text: "Be brief" }],
      messages: [
        { role: "user", content: "Hi" },
        {
          role: "assistant",
          content: [
            { type: "text", text: "ok" },
            { type: "tool_use", id: "t1", name: "f", input: { a: 1 } },
          ],
        },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "t1", content: "ok" },
            { type: "text", text: "Go on" },
          ],
        },
      ],
      tools: [{ name: "f", description: "d", input_schema: schema }],
      tool_choice: { type: "auto" },
      temperature: 0.5,
      stop_sequences: ["x"],
    };
  return {
    systemInstruction: { parts: [{ text: "Be brief" }] },
    contents: [
      { role: "user", parts: [{ text: "Hi" }] },
      { role: "model", parts: [{ functionCall: { name: "f", args: { a: 1 } } }] },
      {
        role: "user",
        parts: [{ functionResponse: { name: "f", response: { ok: true } } }, { text: "Go on" }],
      },
    ],
    tools: [
      {
        functionDeclarations: [
          {
            name: "f",
            description: "d",
            parameters: { type: "OBJECT", properties: { a: { type: "INTEGER" } } },
          },
        ],
      },
    ],
    toolConfig: { functionCallingConfig: { mode: "AUTO" } },
    generationConfig: { temperature: 0.5, maxOutputTokens: 50, stopSequences: ["x"] },
  };
}

/**
 * The fields of {@link validChatBody} each surface's decoder leans on most (the turns, their roles and
 * content, tools and their schemas, the system prompt, limits), as dotted paths (`messages.0.role`).
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://ai.google.dev/api/generate-content#request-body
 */
export const KEY_FIELDS: Record<SurfaceName, readonly string[]> = {
  openai: [
    ...["model", "messages", "messages.0", "messages.0.role", "messages.0.content", "messages.1.content"],
    ...[
      "messages.1.content.0",
      "messages.1.content.0.type",
      "messages.2.tool_calls",
      "messages.2.tool_calls.0",
    ],
    ...[
      "messages.2.tool_calls.0.function",
      "messages.2.tool_calls.0.function.arguments",
      "messages.3.tool_call_id",
    ],
    ...["tools", "tools.0", "tools.0.function", "tools.0.function.parameters", "tool_choice", "max_tokens"],
    ...["stream", "stop", "temperature"],
  ],
  anthropic: [
    ...["model", "max_tokens", "system", "system.0", "messages", "messages.0", "messages.0.role"],
    ...["messages.0.content", "messages.1.content", "messages.1.content.1", "messages.1.content.1.input"],
    ...["messages.2.content.0", "messages.2.content.0.content", "messages.2.content.0.tool_use_id"],
    ...["tools", "tools.0", "tools.0.input_schema", "tool_choice", "stream", "stop_sequences", "temperature"],
  ],
  gemini: [
    ...["contents", "contents.0", "contents.0.role", "contents.0.parts", "contents.0.parts.0"],
    ...["contents.0.parts.0.text", "contents.1.parts.0.functionCall", "contents.1.parts.0.functionCall.args"],
    ...["contents.2.parts.0.functionResponse", "systemInstruction", "systemInstruction.parts", "tools"],
    ...["tools.0", "tools.0.functionDeclarations", "tools.0.functionDeclarations.0.parameters", "toolConfig"],
    ...["generationConfig", "generationConfig.maxOutputTokens", "generationConfig.stopSequences"],
  ],
};
