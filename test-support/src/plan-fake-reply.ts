import {
  cappedChunks,
  estimatePromptTokens,
  FAKE_THINKING_FRAGMENTS,
  FAKE_TOOL_ARGUMENT_FRAGMENTS,
  fakeReplyPieces,
  wantsToolCall,
} from "./fake-reply.js";

/** What a fake needs to know of a request to decide its reply (each fake extracts it from its wire format). */
export interface FakeReplyInput {
  /** Provider name used in the reply text ("Hello from fake-<provider>"). */
  provider: string;
  /** Every message text of the request (system prompt included), for the prompt token count. */
  promptTexts: string[];
  /** The text of the last user message. */
  lastUserText: string;
  /** Names of the tools the request declares, in order. */
  toolNames: string[];
  /** Words in a text reply (the request's control). */
  chunks: number;
  /** The request's output token cap, if any. */
  maxTokens: unknown;
  /** Whether the request asked to see thinking. */
  thinking: boolean;
}

/** The reply a fake gives, independent of wire format. */
export interface FakeReplyPlan {
  /** Thinking fragments, when thinking was requested. */
  thinking: string[] | undefined;
  /** A call of the first tool, when the request declares tools and the last user text says "call tool". */
  tool: { name: string; fragments: string[] } | undefined;
  /** Text pieces (words), empty for a tool call. */
  pieces: string[];
  /** Whether the text was cut short by the request's output cap. */
  truncated: boolean;
  promptTokens: number;
  /** Words, or tool-argument fragments (thinking not included). */
  outputTokens: number;
  /** Thinking fragments (0 without thinking). */
  thinkingTokens: number;
}

/**
 * Decides a fake's reply: a call to the first tool when asked ("call tool" in the last user message and
 * tools declared), else `chunks` words (fewer, `truncated`, under a smaller output cap); thinking
 * fragments first when requested.
 *
 * @example
 * planFakeReply({ provider: "anthropic", promptTexts: ["Hi"], lastUserText: "Hi", toolNames: [],
 *   chunks: 2, maxTokens: 100, thinking: false }).pieces; // ["Hello", " from"]
 */
export function planFakeReply(input: FakeReplyInput): FakeReplyPlan {
  const thinking = input.thinking ? [...FAKE_THINKING_FRAGMENTS] : undefined;
  const base = {
    thinking,
    promptTokens: estimatePromptTokens(input.promptTexts),
    thinkingTokens: thinking?.length ?? 0,
  };
  if (wantsToolCall(input.toolNames.length > 0, input.lastUserText)) {
    const fragments = [...FAKE_TOOL_ARGUMENT_FRAGMENTS];
    const tool = { name: input.toolNames[0]!, fragments };
    return { ...base, tool, pieces: [], truncated: false, outputTokens: fragments.length };
  }
  const cap = cappedChunks(input.chunks, input.maxTokens);
  const pieces = fakeReplyPieces(input.provider, cap.count);
  return { ...base, tool: undefined, pieces, truncated: cap.truncated, outputTokens: pieces.length };
}
