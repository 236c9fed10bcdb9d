/**
 * The deterministic replies every fake gives, and the token counts it reports, so tests can predict both.
 *
 * Reply: `chunks` words, streamed one word per content chunk. The first three words are
 * "Hello from fake-<provider>", then "lorem ipsum dolor sit amet" repeating. Word i (i > 0) is streamed
 * with a leading space, so the concatenated chunks equal the text.
 * Tokens: prompt tokens = ceil(total characters of the request's message texts / 4), at least 1;
 * completion tokens = number of words (or of tool-argument fragments for a tool call).
 */
const FILLER = ["lorem", "ipsum", "dolor", "sit", "amet"] as const;

/** The text pieces the reply is streamed in: `count` words, each after the first with a leading space.
 *
 * @example
 * fakeReplyPieces("openai", 5); // ["Hello", " from", " fake-openai", " lorem", " ipsum"]
 */
export function fakeReplyPieces(provider: string, count: number): string[] {
  const words = ["Hello", "from", `fake-${provider}`];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const word = i < words.length ? words[i]! : FILLER[(i - words.length) % FILLER.length]!;
    out.push(i === 0 ? word : ` ${word}`);
  }
  return out;
}

/** The whole reply text for `count` words.
 *
 * @example
 * fakeReplyText("openai", 3); // "Hello from fake-openai"
 */
export function fakeReplyText(provider: string, count: number): string {
  return fakeReplyPieces(provider, count).join("");
}

/** Prompt tokens for a request whose message texts are `texts`: ceil(total characters / 4), at least 1.
 *
 * @example
 * estimatePromptTokens(["Hi there"]); // 2
 */
export function estimatePromptTokens(texts: readonly string[]): number {
  const chars = texts.reduce((sum, t) => sum + t.length, 0);
  return Math.max(1, Math.ceil(chars / 4));
}

/** The phrase that, in the last user message of a request declaring tools, makes a fake call a tool. */
export const TOOL_TRIGGER = "call tool";

/** The arguments of every fake tool call, and the fragments they are streamed in. */
export const FAKE_TOOL_ARGUMENTS = { q: "x" } as const;
export const FAKE_TOOL_ARGUMENT_FRAGMENTS = ['{"q"', ':"x"}'] as const;

/** The thinking text of fakes that think (Anthropic, Gemini, Ollama), streamed in these fragments. */
export const FAKE_THINKING_FRAGMENTS = ["Let me think", " about this."] as const;

/** Whether a request should get a tool call: it declares tools and its last user text asks for one. */
export function wantsToolCall(hasTools: boolean, lastUserText: string): boolean {
  return hasTools && lastUserText.toLowerCase().includes(TOOL_TRIGGER);
}

/** The phrase that, with two or more tools declared, makes a fake call the first two tools in one answer. */
export const PARALLEL_TOOLS_TRIGGER = "call tools";

/** The arguments of the second call of a parallel answer (distinct, so a swap is seen), and their fragments. */
export const FAKE_SECOND_TOOL_ARGUMENTS = { q: "y" } as const;
export const FAKE_SECOND_TOOL_ARGUMENT_FRAGMENTS = ['{"q"', ':"y"}'] as const;

/** Whether a request should get two parallel tool calls: two or more tools and "call tools" in its last user text. */
export function wantsParallelToolCalls(toolCount: number, lastUserText: string): boolean {
  return toolCount >= 2 && lastUserText.toLowerCase().includes(PARALLEL_TOOLS_TRIGGER);
}

/**
 * The id of the i-th tool call of an answer: the first keeps the fake's single-call id, later ones add
 * `_<i+1>`, so ids stay deterministic and unique within the answer.
 *
 * @example
 * fakeToolCallId("call_fake000001", 1); // "call_fake000001_2"
 */
export function fakeToolCallId(base: string, index: number): string {
  return index === 0 ? base : `${base}_${index + 1}`;
}

/** The reply length after a request's output cap: `chunks`, or the cap when it is smaller (then the reply is truncated). */
export function cappedChunks(chunks: number, maxTokens: unknown): { count: number; truncated: boolean } {
  if (typeof maxTokens === "number" && maxTokens >= 1 && maxTokens < chunks) {
    return { count: Math.floor(maxTokens), truncated: true };
  }
  return { count: chunks, truncated: false };
}
