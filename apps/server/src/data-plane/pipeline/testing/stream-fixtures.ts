import {
  encodeAnthropicStream,
  encodeOpenAIStream,
  type FakeReplyPlan,
  fakeReplyText,
  planFakeReply,
} from "@gatehouse/test-support";

/** The plan of a text reply of `words` words, as the provider fakes answer. */
function textPlan(provider: string, words: number): FakeReplyPlan {
  return planFakeReply({
    provider,
    promptTexts: ["Hi"],
    lastUserText: "Hi",
    toolNames: [],
    chunks: words,
    maxTokens: undefined,
    thinking: false,
  });
}

/** An Anthropic Messages stream's SSE events (the fakes' bytes), and the text they carry. */
export function anthropicStreamEvents(words: number): { events: string[]; text: string } {
  const events = encodeAnthropicStream(textPlan("anthropic", words), {
    id: "msg_1",
    model: "claude-x",
    toolUseId: "t",
  });
  return { events, text: fakeReplyText("anthropic", words) };
}

/** An OpenAI chat completion stream's SSE events (with the usage chunk when asked), and its text. */
export function openAIStreamEvents(words: number, includeUsage: boolean): { events: string[]; text: string } {
  const events = encodeOpenAIStream(
    textPlan("openai", words),
    { id: "chatcmpl-1", created: 1, model: "gpt-x", callId: "call_1" },
    { include_usage: includeUsage },
  );
  return { events, text: fakeReplyText("openai", words) };
}

/** `bytes` cut at the given offsets (taken modulo its length, deduplicated): every byte, in order. */
export function splitAt(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let at = 0;
  for (const p of [...points, bytes.length]) {
    if (p > at) out.push(bytes.subarray(at, p));
    at = p;
  }
  return out;
}
