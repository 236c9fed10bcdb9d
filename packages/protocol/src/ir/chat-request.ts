import type { IrCacheControl, IrMessage, IrTextPart } from "./content.js";

/** A function the model may call. `parameters` is a JSON Schema object. */
export interface IrTool {
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
  strict?: boolean;
  cacheControl?: IrCacheControl;
}

export type IrToolChoice =
  | { type: "auto" }
  | { type: "none" }
  | { type: "required" }
  | { type: "tool"; name: string };

export type IrResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | {
      type: "json_schema";
      name: string;
      schema: Record<string, unknown>;
      strict?: boolean;
      description?: string;
    };

/** Reasoning controls: an effort level (OpenAI, Gemini 3) or a token budget (Anthropic, Gemini 2.5). */
export interface IrReasoningConfig {
  enabled: boolean;
  effort?: "minimal" | "low" | "medium" | "high";
  budgetTokens?: number;
  /** Whether the provider should return reasoning text / summaries to the caller. */
  includeThoughts?: boolean;
}

/** A chat request in the gateway's own terms, decoded from any client format. */
export interface IrChatRequest {
  model: string;
  system?: IrTextPart[];
  messages: IrMessage[];
  tools?: IrTool[];
  toolChoice?: IrToolChoice;
  parallelToolCalls?: boolean;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stop?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseFormat?: IrResponseFormat;
  reasoning?: IrReasoningConfig;
  stream: boolean;
  /** The client asked for usage in the stream (OpenAI stream_options.include_usage). */
  streamUsage?: boolean;
  /** An end-user id for abuse tracking (OpenAI `user`, Anthropic metadata.user_id). */
  user?: string;
}
