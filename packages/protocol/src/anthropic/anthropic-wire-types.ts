/**
 * The subset of the Anthropic Messages API wire format that Gatehouse reads and writes.
 * Field names follow the official reference; fields Gatehouse never produces are left out.
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */

/** @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching */
export interface AnthropicCacheControl {
  type: "ephemeral";
  ttl?: string;
}

export interface AnthropicTextBlock {
  type: "text";
  text: string;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicImageSource =
  | { type: "base64"; media_type: string; data: string }
  | { type: "url"; url: string };

export interface AnthropicImageBlock {
  type: "image";
  source: AnthropicImageSource;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolUseBlock {
  type: "tool_use";
  id: string;
  name: string;
  input: Record<string, unknown>;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolResultBlock {
  type: "tool_result";
  tool_use_id: string;
  content?: string | Array<AnthropicTextBlock | AnthropicImageBlock>;
  is_error?: boolean;
  cache_control?: AnthropicCacheControl;
}

/** @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking */
export interface AnthropicThinkingBlock {
  type: "thinking";
  thinking: string;
  signature: string;
}

export interface AnthropicRedactedThinkingBlock {
  type: "redacted_thinking";
  data: string;
}

export type AnthropicContentBlock =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicToolUseBlock
  | AnthropicToolResultBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock;

export interface AnthropicMessageParam {
  role: "user" | "assistant";
  content: string | AnthropicContentBlock[];
}

export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  cache_control?: AnthropicCacheControl;
  strict?: boolean;
}

export type AnthropicToolChoice =
  | { type: "auto"; disable_parallel_tool_use?: boolean }
  | { type: "any"; disable_parallel_tool_use?: boolean }
  | { type: "tool"; name: string; disable_parallel_tool_use?: boolean }
  | { type: "none" };

export type AnthropicThinkingConfig = { type: "enabled"; budget_tokens: number } | { type: "disabled" };

/** @see https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs */
export interface AnthropicOutputConfig {
  format?: { type: "json_schema"; schema: Record<string, unknown> };
}

/** A POST /v1/messages body as Gatehouse sends it upstream. */
export interface AnthropicRequestBody {
  model: string;
  max_tokens: number;
  messages: AnthropicMessageParam[];
  system?: string | AnthropicTextBlock[];
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: string[];
  metadata?: { user_id?: string };
  thinking?: AnthropicThinkingConfig;
  output_config?: AnthropicOutputConfig;
  stream?: boolean;
}

/**
 * Token usage. `input_tokens` EXCLUDES cache reads and writes: the total prompt is the sum of the three.
 * @see https://docs.anthropic.com/en/api/messages#response-usage
 */
export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  /** The cache writes by TTL (their sum is cache_creation_input_tokens). */
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  /** Reasoning tokens, already counted in output_tokens (newer API versions report it). */
  output_tokens_details?: { thinking_tokens: number };
}

/** @see https://docs.anthropic.com/en/api/messages#response-stop-reason */
export type AnthropicStopReason =
  | "end_turn"
  | "max_tokens"
  | "stop_sequence"
  | "tool_use"
  | "pause_turn"
  | "refusal"
  | "model_context_window_exceeded";

export type AnthropicResponseBlock =
  | { type: "text"; text: string }
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock
  | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> };

/** A non-streamed Message object. */
export interface AnthropicMessageResponse {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: AnthropicResponseBlock[];
  stop_reason: AnthropicStopReason | null;
  stop_sequence: string | null;
  usage: AnthropicUsage;
}

/** @see https://docs.anthropic.com/en/api/errors */
export interface AnthropicErrorBody {
  type: "error";
  error: { type: string; message: string };
  request_id?: string;
}

/** @see https://docs.anthropic.com/en/api/models-list */
export interface AnthropicModelInfo {
  type: "model";
  id: string;
  display_name: string;
  created_at: string;
}

export interface AnthropicModelList {
  data: AnthropicModelInfo[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}
