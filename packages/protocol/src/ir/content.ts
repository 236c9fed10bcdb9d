/** Where an image's bytes are: a URL the upstream may fetch, or inline base64 data. */
export type IrImageSource =
  | { kind: "url"; url: string }
  | { kind: "base64"; mediaType: string; data: string };

/** Prompt-caching hint on a part (Anthropic's cache_control), kept so it survives conversion. */
export interface IrCacheControl {
  type: "ephemeral";
  ttl?: string;
}

export interface IrTextPart {
  type: "text";
  text: string;
  cacheControl?: IrCacheControl;
}

export interface IrImagePart {
  type: "image";
  source: IrImageSource;
  detail?: "auto" | "low" | "high";
  cacheControl?: IrCacheControl;
}

/**
 * Model reasoning ("thinking"). `signature` must be passed back byte-exact on later turns (Anthropic);
 * `redactedData` holds an opaque redacted_thinking payload instead of text.
 */
export interface IrReasoningPart {
  type: "reasoning";
  text: string;
  signature?: string;
  redactedData?: string;
}

/** A tool call made by the model. `arguments` is the JSON text exactly as the model produced it. */
export interface IrToolCallPart {
  type: "tool_call";
  id: string;
  name: string;
  arguments: string;
  /** Gemini's thoughtSignature on a functionCall part, passed back unchanged. */
  signature?: string;
}

/** The result of a tool call, sent back by the caller. */
export interface IrToolResultPart {
  type: "tool_result";
  toolCallId: string;
  /** The tool's name, when the caller's format carries it (Gemini needs it). */
  name?: string;
  content: Array<IrTextPart | IrImagePart>;
  isError?: boolean;
  cacheControl?: IrCacheControl;
}

export type IrPart = IrTextPart | IrImagePart | IrReasoningPart | IrToolCallPart | IrToolResultPart;

/**
 * One turn of the conversation. Tool results travel in `tool` messages (one or more tool_result parts);
 * encoders for formats that put them in user turns (Anthropic, Gemini) merge them there.
 */
export interface IrMessage {
  role: "user" | "assistant" | "tool";
  content: IrPart[];
  name?: string;
}
