/**
 * A token estimate from text length, for the rare records whose upstream reported no usage (a stream
 * cut before its usage chunk, a client gone mid-stream). About four characters per token for English
 * text in OpenAI's and Anthropic's tokenizers; such records are marked `usageEstimated`.
 */
export function estimateTokens(chars: number): number {
  return chars <= 0 ? 0 : Math.ceil(chars / 4);
}

/** The characters of prompt text in an OpenAI-style messages array (strings and text parts). */
export function promptChars(messages: unknown): number {
  if (!Array.isArray(messages)) return 0;
  let n = 0;
  for (const m of messages) {
    const content = (m as { content?: unknown } | null)?.content;
    if (typeof content === "string") n += content.length;
    else if (Array.isArray(content)) {
      for (const p of content) {
        const text = (p as { text?: unknown } | null)?.text;
        if (typeof text === "string") n += text.length;
      }
    }
  }
  return n;
}
