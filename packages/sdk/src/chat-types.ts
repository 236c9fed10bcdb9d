/**
 * The OpenAI Chat Completions wire format, as the gateway's `/v1/chat/completions` takes and answers it.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @see https://platform.openai.com/docs/api-reference/chat/object
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */

export type ChatContentPart =
  | { type: "text"; text: string }
  | { type: "image_url"; image_url: { url: string; detail?: "auto" | "low" | "high" } };

export interface ChatToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export type ChatMessage =
  | { role: "system" | "developer"; content: string | ChatContentPart[]; name?: string }
  | { role: "user"; content: string | ChatContentPart[]; name?: string }
  | { role: "assistant"; content: string | null; name?: string; tool_calls?: ChatToolCall[] }
  | { role: "tool"; tool_call_id: string; content: string | ChatContentPart[] };

export interface ChatTool {
  type: "function";
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

/** The body of `POST /v1/chat/completions` (`stream` is set by `create` and `stream`). */
export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  tools?: ChatTool[];
  tool_choice?: "none" | "auto" | "required" | { type: "function"; function: { name: string } };
  max_completion_tokens?: number;
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  stop?: string | string[];
  seed?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  response_format?: { type: "text" } | { type: "json_object" } | { type: "json_schema"; json_schema: object };
  stream_options?: { include_usage: boolean };
  user?: string;
  /** Other fields the gateway or a provider accepts pass through unchanged. */
  [field: string]: unknown;
}

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
}

export type ChatFinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "function_call";

/** A complete answer (`chat.completion`). */
export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: {
      role: "assistant";
      content: string | null;
      refusal?: string | null;
      tool_calls?: ChatToolCall[];
    };
    finish_reason: ChatFinishReason | null;
  }>;
  usage?: ChatUsage;
}

/** One streamed piece of an answer (`chat.completion.chunk`). */
export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: {
      role?: "assistant";
      content?: string | null;
      refusal?: string | null;
      tool_calls?: Array<{
        index: number;
        id?: string;
        type?: "function";
        function?: { name?: string; arguments?: string };
      }>;
    };
    finish_reason: ChatFinishReason | null;
  }>;
  usage?: ChatUsage | null;
}
