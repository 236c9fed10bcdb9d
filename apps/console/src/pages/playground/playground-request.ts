/** One turn of the conversation as the playground keeps it. */
export interface PlaygroundMessage {
  role: "user" | "assistant" | "tool";
  content: string;
  /** A user turn's content as parts (text and images: the chat's attachments); sent instead of `content`. */
  richContent?: readonly (
    | { type: "text"; text: string }
    | { type: "image_url"; image_url: { url: string } }
  )[];
  /** Tool calls the model asked for (assistant turns). */
  toolCalls?: ToolCall[];
  /** The call a tool turn answers. */
  toolCallId?: string;
}

export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** The API a playground request goes through: Chat Completions, or the Responses API (POST /v1/responses). */
export type PlaygroundApi = "chat" | "responses";

/** The settings that shape a request (model aside). Numbers stay strings until sent: empty = unset. */
export interface PlaygroundSettings {
  api: PlaygroundApi;
  system: string;
  temperature: number | "";
  maxTokens: number | "";
  topP: number | "";
  stop: string;
  jsonMode: boolean;
  /** The `tools` array as JSON text; empty = no tools. */
  tools: string;
}

export const DEFAULT_SETTINGS: PlaygroundSettings = {
  api: "chat",
  system: "",
  temperature: "",
  maxTokens: "",
  topP: "",
  stop: "",
  jsonMode: false,
  tools: "",
};

/**
 * The tools JSON parsed: undefined when empty; an Error (shown by the editor) when it is not a JSON array
 * of objects. The gateway validates each tool itself.
 */
export function parseTools(text: string): unknown[] | undefined | Error {
  if (text.trim() === "") return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value) || !value.every((t) => typeof t === "object" && t !== null)) {
      return new Error("Tools must be a JSON array of tool objects.");
    }
    return value;
  } catch (e) {
    return new Error(`Tools are not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * The OpenAI chat-completions body for a model, the settings and the conversation (streaming, with the
 * usage in the final chunk).
 */
export function chatRequestBody(
  model: string,
  settings: PlaygroundSettings,
  messages: readonly PlaygroundMessage[],
  stream = true,
): Record<string, unknown> {
  const tools = parseTools(settings.tools);
  const stop = settings.stop
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    model,
    messages: [
      ...(settings.system.trim() ? [{ role: "system", content: settings.system }] : []),
      ...messages.map(wireMessage),
    ],
    ...(settings.temperature === "" ? {} : { temperature: settings.temperature }),
    ...(settings.maxTokens === "" ? {} : { max_tokens: settings.maxTokens }),
    ...(settings.topP === "" ? {} : { top_p: settings.topP }),
    ...(stop.length === 0 ? {} : { stop }),
    ...(settings.jsonMode ? { response_format: { type: "json_object" } } : {}),
    ...(Array.isArray(tools) ? { tools } : {}),
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
}

function wireMessage(m: PlaygroundMessage): Record<string, unknown> {
  if (m.role === "tool") return { role: "tool", tool_call_id: m.toolCallId, content: m.content };
  if (m.role === "assistant" && m.toolCalls?.length) {
    return {
      role: "assistant",
      content: m.content || null,
      tool_calls: m.toolCalls.map((c) => ({
        id: c.id,
        type: "function",
        function: { name: c.name, arguments: c.arguments },
      })),
    };
  }
  if (m.role === "user" && m.richContent !== undefined) return { role: "user", content: m.richContent };
  return { role: m.role, content: m.content };
}
