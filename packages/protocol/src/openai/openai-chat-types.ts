/**
 * The subset of OpenAI's Chat Completions wire format the gateway reads and writes.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @see https://platform.openai.com/docs/api-reference/chat/object
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */

export interface OpenAITextPart {
  type: "text";
  text: string;
}

export interface OpenAIImagePart {
  type: "image_url";
  image_url: { url: string; detail?: "auto" | "low" | "high" };
}

export type OpenAIContentPart = OpenAITextPart | OpenAIImagePart;

export interface OpenAIToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export type OpenAIMessage =
  | { role: "system" | "developer"; content: string | OpenAITextPart[]; name?: string }
  | { role: "user"; content: string | OpenAIContentPart[]; name?: string }
  | {
      role: "assistant";
      content: string | null;
      name?: string;
      tool_calls?: OpenAIToolCall[];
      /** Vendor extension (DeepSeek and others): the reasoning of an earlier turn. */
      reasoning_content?: string;
    }
  | { role: "tool"; tool_call_id: string; content: string | OpenAITextPart[] };

export interface OpenAITool {
  type: "function";
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

export type OpenAIToolChoice =
  | "none"
  | "auto"
  | "required"
  | { type: "function"; function: { name: string } };

export type OpenAIResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | {
      type: "json_schema";
      json_schema: { name: string; schema?: Record<string, unknown>; strict?: boolean; description?: string };
    };

export type OpenAIReasoningEffort = "none" | "minimal" | "low" | "medium" | "high" | "xhigh" | "max";

/** The body of POST /v1/chat/completions, as the gateway sends it upstream. */
export interface OpenAIChatRequest {
  model: string;
  messages: OpenAIMessage[];
  tools?: OpenAITool[];
  tool_choice?: OpenAIToolChoice;
  parallel_tool_calls?: boolean;
  max_completion_tokens?: number;
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  /** Not OpenAI's: an extension many OpenAI-compatible servers accept (vLLM, OpenRouter, Together). */
  top_k?: number;
  stop?: string[];
  seed?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  response_format?: OpenAIResponseFormat;
  reasoning_effort?: OpenAIReasoningEffort;
  stream?: boolean;
  stream_options?: { include_usage: boolean };
  user?: string;
}

/** @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage */
export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
}

export type OpenAIFinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "function_call";

export interface OpenAIResponseMessage {
  role: "assistant";
  content: string | null;
  refusal: string | null;
  /** Vendor extension (DeepSeek and others); OpenAI itself never returns its models' reasoning text. */
  reasoning_content?: string;
  tool_calls?: OpenAIToolCall[];
}

/** A non-streamed answer (`chat.completion`). */
export interface OpenAIChatResponse {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: OpenAIResponseMessage;
    logprobs: null;
    finish_reason: OpenAIFinishReason;
  }>;
  usage: OpenAIUsage;
}

export interface OpenAIToolCallDelta {
  index: number;
  id?: string;
  type?: "function";
  function?: { name?: string; arguments?: string };
}

export interface OpenAIChunkDelta {
  role?: "assistant";
  content?: string | null;
  reasoning_content?: string;
  refusal?: string | null;
  tool_calls?: OpenAIToolCallDelta[];
}

/** One streamed chunk (`chat.completion.chunk`). */
export interface OpenAIChatChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: OpenAIChunkDelta;
    logprobs: null;
    finish_reason: OpenAIFinishReason | null;
  }>;
  usage?: OpenAIUsage | null;
}

/** @see https://platform.openai.com/docs/guides/error-codes */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}
