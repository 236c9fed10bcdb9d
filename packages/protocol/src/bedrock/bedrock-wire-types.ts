/**
 * The Amazon Bedrock Converse / ConverseStream wire shapes Gatehouse writes and reads (JSON over HTTP, so
 * binary fields are base64 strings). Only the fields the codecs use are typed.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlock.html
 */

export type BedrockImageFormat = "png" | "jpeg" | "gif" | "webp";

export interface BedrockImageBlock {
  format: BedrockImageFormat;
  source: { bytes: string } | { s3Location: { uri: string } };
}

export interface BedrockToolUseBlock {
  toolUseId: string;
  name: string;
  input: unknown;
}

export type BedrockToolResultContent = { text: string } | { json: unknown } | { image: BedrockImageBlock };

export interface BedrockToolResultBlock {
  toolUseId: string;
  content: BedrockToolResultContent[];
  status?: "success" | "error";
}

export type BedrockReasoningBlock =
  | { reasoningText: { text: string; signature?: string } }
  | { redactedContent: string };

export type BedrockContentBlock =
  | { text: string }
  | { image: BedrockImageBlock }
  | { toolUse: BedrockToolUseBlock }
  | { toolResult: BedrockToolResultBlock }
  | { reasoningContent: BedrockReasoningBlock }
  | { cachePoint: { type: "default" } };

export interface BedrockMessage {
  role: "user" | "assistant";
  content: BedrockContentBlock[];
}

export type BedrockSystemBlock = { text: string } | { cachePoint: { type: "default" } };

export type BedrockTool =
  | { toolSpec: { name: string; description?: string; inputSchema: { json: unknown } } }
  | { cachePoint: { type: "default" } };

export type BedrockToolChoice =
  | { auto: Record<string, never> }
  | { any: Record<string, never> }
  | { tool: { name: string } };

/** The body of `POST /model/{modelId}/converse` (and `/converse-stream`). */
export interface BedrockConverseRequest {
  messages: BedrockMessage[];
  system?: BedrockSystemBlock[];
  inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: string[] };
  toolConfig?: { tools: BedrockTool[]; toolChoice?: BedrockToolChoice };
  additionalModelRequestFields?: Record<string, unknown>;
}
