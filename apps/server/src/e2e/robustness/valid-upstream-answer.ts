import {
  encodeAnthropicMessage,
  encodeAnthropicStream,
  encodeGeminiResponse,
  encodeGeminiStreamChunks,
  encodeOpenAICompletion,
  encodeOpenAIStream,
  planFakeReply,
  type RecordedRequest,
  serializeGeminiStream,
} from "@gatehouse/test-support";
import type { ScriptedAnswer } from "./scripted-upstream.js";

/** The one reply every request gets: three words of text. */
const PLAN = planFakeReply({
  provider: "scripted",
  promptTexts: ["Hi"],
  lastUserText: "Hi",
  toolNames: [],
  chunks: 3,
  maxTokens: undefined,
  thinking: false,
});

const SSE = { "content-type": "text/event-stream" };

/**
 * A valid 200 answer to a chat request, whatever its body, in the protocol its path speaks: OpenAI chat
 * completions, Anthropic messages, Gemini generateContent; streamed when the request asked for a stream
 * (`"stream": true`, or Gemini's `:streamGenerateContent`). A body that is not JSON still gets a whole
 * answer: this upstream never refuses, so any 5xx a client sees is the gateway's own.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse
 */
export function validUpstreamAnswer(req: RecordedRequest): ScriptedAnswer {
  const stream = (req.json as { stream?: unknown } | undefined)?.stream === true;
  if (req.path.endsWith("/chat/completions")) {
    const meta = { id: "chatcmpl-scripted", created: 1_700_000_000, model: "up", callId: "call_1" };
    if (!stream) return { body: JSON.stringify(encodeOpenAICompletion(PLAN, meta)) };
    return { headers: SSE, body: encodeOpenAIStream(PLAN, meta, { include_usage: true }) };
  }
  if (req.path.endsWith("/messages")) {
    const meta = { id: "msg_scripted", model: "up", toolUseId: "toolu_1" };
    if (!stream) return { body: JSON.stringify(encodeAnthropicMessage(PLAN, meta)) };
    return { headers: SSE, body: encodeAnthropicStream(PLAN, meta) };
  }
  const meta = { model: "up", responseId: "resp-scripted" };
  if (!req.path.endsWith(":streamGenerateContent"))
    return { body: JSON.stringify(encodeGeminiResponse(PLAN, meta)) };
  const sse = req.query.alt === "sse";
  return {
    headers: sse ? SSE : { "content-type": "application/json" },
    body: serializeGeminiStream(encodeGeminiStreamChunks(PLAN, meta), sse),
  };
}
