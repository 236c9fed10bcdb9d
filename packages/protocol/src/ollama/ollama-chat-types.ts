/**
 * The subset of Ollama's native chat API the gateway writes and reads (POST /api/chat).
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */

export interface OllamaToolCall {
  /** Newer Ollama versions carry call ids; older ones ignore the field and match results by tool name. */
  id?: string;
  function: { index?: number; name: string; arguments: Record<string, unknown> };
}

export interface OllamaMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string;
  /** The model's thinking (responses, and earlier assistant turns). */
  thinking?: string;
  /** Base64 image bytes, without a data: prefix. */
  images?: string[];
  tool_calls?: OllamaToolCall[];
  /** On tool messages: the name of the tool whose result this is. */
  tool_name?: string;
  /** On tool messages: the call answered, for versions that match by id. */
  tool_call_id?: string;
}

export interface OllamaTool {
  type: "function";
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

/** Model options; the gateway sets only these. @see https://github.com/ollama/ollama/blob/main/docs/modelfile.md#valid-parameters-and-values */
export interface OllamaOptions {
  temperature?: number;
  top_p?: number;
  top_k?: number;
  seed?: number;
  stop?: string[];
  num_predict?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
}

/** The body of POST /api/chat. */
export interface OllamaChatRequest {
  model: string;
  messages: OllamaMessage[];
  tools?: OllamaTool[];
  /** "json" for JSON mode, or a JSON schema for structured output. */
  format?: "json" | Record<string, unknown>;
  options?: OllamaOptions;
  /** true/false, or an effort level for models that take one (gpt-oss). */
  think?: boolean | "low" | "medium" | "high";
  stream: boolean;
}

/** One chat answer, or one NDJSON frame of a streamed answer (the last has done: true and the counts). */
export interface OllamaChatResponse {
  model: string;
  created_at: string;
  message: OllamaMessage;
  done: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
}
