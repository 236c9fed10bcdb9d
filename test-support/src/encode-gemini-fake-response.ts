import type { FakeReplyPlan } from "./plan-fake-reply.js";

/** Identity of one response: shared by the object and every chunk of its stream. */
export interface GeminiResponseMeta {
  model: string;
  responseId: string;
}

/** The thoughtSignature the first part after fake thoughts carries. */
export const FAKE_THOUGHT_SIGNATURE = "ZmFrZS10aG91Z2h0LXNpZ25hdHVyZQ==";

/** Gemini's finishReason: function calls end with STOP too. @see https://ai.google.dev/api/generate-content#FinishReason */
function finishReason(plan: FakeReplyPlan): "MAX_TOKENS" | "STOP" {
  return plan.truncated ? "MAX_TOKENS" : "STOP";
}

/** Full usage (last chunk), or the prompt-only usage intermediate stream chunks carry. */
function usageMetadata(plan: FakeReplyPlan, final: boolean): Record<string, unknown> {
  // promptTokenCount includes cachedContentTokenCount (https://ai.google.dev/api/generate-content#UsageMetadata).
  const cached = plan.promptCache?.read ?? 0;
  const promptTokens = plan.promptTokens + cached;
  const prompt = {
    promptTokenCount: promptTokens,
    ...(cached > 0 && { cachedContentTokenCount: cached }),
  };
  const details = { promptTokensDetails: [{ modality: "TEXT", tokenCount: promptTokens }] };
  if (!final) return { ...prompt, totalTokenCount: promptTokens, ...details };
  const total = promptTokens + plan.outputTokens + plan.thinkingTokens;
  return {
    ...prompt,
    candidatesTokenCount: plan.outputTokens,
    totalTokenCount: total,
    ...details,
    ...(plan.thinking === undefined ? {} : { thoughtsTokenCount: plan.thinkingTokens }),
  };
}

function response(
  meta: GeminiResponseMeta,
  parts: unknown[],
  usage: Record<string, unknown>,
  finish?: string,
) {
  const candidate: Record<string, unknown> = { content: { parts, role: "model" } };
  if (finish !== undefined) candidate["finishReason"] = finish;
  candidate["index"] = 0;
  return {
    candidates: [candidate],
    usageMetadata: usage,
    modelVersion: meta.model,
    responseId: meta.responseId,
  };
}

/** The answer parts after thoughts: text pieces or the functionCalls; the first carries the thought signature. */
function answerParts(plan: FakeReplyPlan): Array<Record<string, unknown>> {
  const parts: Array<Record<string, unknown>> =
    plan.tools.length === 0
      ? plan.pieces.map((text) => ({ text }))
      : plan.tools.map((tool) => ({ functionCall: { name: tool.name, args: { ...tool.args } } }));
  if (plan.thinking !== undefined && parts[0] !== undefined)
    parts[0]["thoughtSignature"] = FAKE_THOUGHT_SIGNATURE;
  return parts;
}

/**
 * A GenerateContentResponse: a thought part (`thought: true`) when thoughts were requested, then the
 * text (one part) or the functionCall parts (two for parallel calls); usageMetadata with thoughtsTokenCount when thinking.
 * @see https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse
 * @see https://ai.google.dev/gemini-api/docs/thinking#signatures
 */
export function encodeGeminiResponse(plan: FakeReplyPlan, meta: GeminiResponseMeta): Record<string, unknown> {
  const parts: Array<Record<string, unknown>> = [];
  if (plan.thinking !== undefined) parts.push({ text: plan.thinking.join(""), thought: true });
  const answer = answerParts(plan);
  if (plan.tools.length === 0) {
    const text: Record<string, unknown> = { text: plan.pieces.join("") };
    if (answer[0]?.["thoughtSignature"] !== undefined)
      text["thoughtSignature"] = answer[0]["thoughtSignature"];
    parts.push(text);
  } else parts.push(...answer);
  return response(meta, parts, usageMetadata(plan, true), finishReason(plan));
}

/**
 * The chunks of streamGenerateContent: one per thought fragment, one per text piece (or one with every
 * functionCall part, as Gemini sends parallel calls together); every chunk has usageMetadata (prompt counts only until the last), the last one has
 * finishReason and the full counts.
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
export function encodeGeminiStreamChunks(
  plan: FakeReplyPlan,
  meta: GeminiResponseMeta,
): Array<Record<string, unknown>> {
  const partial = usageMetadata(plan, false);
  const thoughts = (plan.thinking ?? []).map((text) => response(meta, [{ text, thought: true }], partial));
  const answer = answerParts(plan);
  const groups = plan.tools.length === 0 ? answer.map((part) => [part]) : [answer];
  const last = groups.length - 1;
  const chunks = groups.map((parts, i) =>
    i === last
      ? response(meta, parts, usageMetadata(plan, true), finishReason(plan))
      : response(meta, parts, partial),
  );
  return [...thoughts, ...chunks];
}

/**
 * Serializes stream chunks as Gemini does: with `alt=sse`, `data: <json>` events separated by CRLF
 * pairs; without it, one JSON array written element by element.
 */
export function serializeGeminiStream(chunks: Array<Record<string, unknown>>, sse: boolean): string[] {
  if (sse) return chunks.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`);
  return [...chunks.map((c, i) => `${i === 0 ? "[" : ",\r\n"}${JSON.stringify(c)}`), "]"];
}
