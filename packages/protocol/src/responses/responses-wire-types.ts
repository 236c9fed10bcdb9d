/**
 * The OpenAI Responses API's wire shapes the gateway writes: the `response` object, its output items and
 * usage. Only what the encoders produce; requests are read field by field with a FieldReader.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */

/** @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage */
export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export interface ResponsesOutputText {
  type: "output_text";
  text: string;
  annotations: unknown[];
  logprobs: unknown[];
}

export interface ResponsesMessageItem {
  type: "message";
  id: string;
  status: "in_progress" | "completed" | "incomplete";
  role: "assistant";
  content: ResponsesOutputText[];
}

export interface ResponsesFunctionCallItem {
  type: "function_call";
  id: string;
  call_id: string;
  name: string;
  arguments: string;
  status: "in_progress" | "completed" | "incomplete";
}

export interface ResponsesSummaryText {
  type: "summary_text";
  text: string;
}

export interface ResponsesReasoningItem {
  type: "reasoning";
  id: string;
  summary: ResponsesSummaryText[];
  /** Present only when the client asked for it (`include: ["reasoning.encrypted_content"]`). */
  encrypted_content?: string | null;
}

export type ResponsesOutputItem = ResponsesMessageItem | ResponsesFunctionCallItem | ResponsesReasoningItem;

export type ResponsesStatus = "in_progress" | "completed" | "incomplete" | "failed";

/** @see https://platform.openai.com/docs/api-reference/responses/object */
export interface ResponsesResponse {
  id: string;
  object: "response";
  created_at: number;
  status: ResponsesStatus;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: "max_output_tokens" | "content_filter" } | null;
  model: string;
  output: ResponsesOutputItem[];
  usage: ResponsesUsage | null;
  /** The request's settings, echoed as OpenAI does (instructions, tools, text, reasoning, ...). */
  [echoed: string]: unknown;
}
