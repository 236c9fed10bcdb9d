import {
  cappedChunks,
  estimatePromptTokens,
  FAKE_SECOND_TOOL_ARGUMENT_FRAGMENTS,
  FAKE_SECOND_TOOL_ARGUMENTS,
  FAKE_THINKING_FRAGMENTS,
  FAKE_TOOL_ARGUMENT_FRAGMENTS,
  FAKE_TOOL_ARGUMENTS,
  fakeReplyPieces,
  wantsParallelToolCalls,
  wantsToolCall,
} from "./fake-reply.js";
import type { FakePromptCache } from "./fake-upstream-options.js";

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

/** One tool call a fake makes: the tool's name, its arguments, and the fragments they are streamed in. */
export interface FakeToolCall {
  name: string;
  args: Record<string, string>;
  fragments: string[];
}

/** The reply a fake gives, independent of wire format. */
export interface FakeReplyPlan {
  /** Thinking fragments, when thinking was requested. */
  thinking: string[] | undefined;
  /**
   * The tool calls, empty for a text reply: the first tool when the request declares tools and the last
   * user text says "call tool"; the first two tools (in one answer) when it declares two or more and says
   * "call tools".
   */
  tools: FakeToolCall[];
  /** Text pieces (words), empty for a tool call. */
  pieces: string[];
  /** Whether the text was cut short by the request's output cap. */
  truncated: boolean;
  promptTokens: number;
  /** Words, or tool-argument fragments of every call (thinking not included). */
  outputTokens: number;
  /** Thinking fragments (0 without thinking). */
  thinkingTokens: number;
  /** Prompt-cache use to report, if any (see FakePromptCache). */
  promptCache?: FakePromptCache;
}

/**
 * Decides a fake's reply: a call to the first tool when asked ("call tool" in the last user message and
 * tools declared), calls to the first two tools ({q:"x"} then {q:"y"}) when "call tools" is asked with two
 * or more declared, else `chunks` words (fewer, `truncated`, under a smaller output cap); thinking
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
    const tools: FakeToolCall[] = [
      {
        name: input.toolNames[0]!,
        args: { ...FAKE_TOOL_ARGUMENTS },
        fragments: [...FAKE_TOOL_ARGUMENT_FRAGMENTS],
      },
    ];
    if (wantsParallelToolCalls(input.toolNames.length, input.lastUserText)) {
      const fragments = [...FAKE_SECOND_TOOL_ARGUMENT_FRAGMENTS];
      tools.push({ name: input.toolNames[1]!, args: { ...FAKE_SECOND_TOOL_ARGUMENTS }, fragments });
    }
    const outputTokens = tools.reduce((n, t) => n + t.fragments.length, 0);
    return { ...base, tools, pieces: [], truncated: false, outputTokens };
  }
  const cap = cappedChunks(input.chunks, input.maxTokens);
  const pieces = fakeReplyPieces(input.provider, cap.count);
  return { ...base, tools: [], pieces, truncated: cap.truncated, outputTokens: pieces.length };
}
