import { describe, expect, it } from "vitest";
import type { IrChatResponse } from "../ir/chat-response.js";
import { SseParser } from "../sse/sse-parser.js";
import { createResponsesStreamEncoder } from "./create-responses-stream-encoder.js";
import { encodeResponsesResponse } from "./encode-responses-response.js";
import { responsesReplayEvents } from "./responses-replay-events.js";
import type { ResponsesResponse } from "./responses-wire-types.js";

const settings = {
  echo: { instructions: "Be brief", store: true },
  encryptedReasoning: true,
  id: "resp_abc",
};

function replay(response: ResponsesResponse): Array<{ type: string; response?: ResponsesResponse }> {
  const encoder = createResponsesStreamEncoder({
    model: response.model,
    settings: { echo: response, encryptedReasoning: true, id: response.id },
  });
  const text = responsesReplayEvents(response)
    .map((e) => encoder.push(e))
    .join("");
  return new SseParser().push(Buffer.from(text)).map((e) => JSON.parse(e.data));
}

const answer = (finishReason: IrChatResponse["finishReason"]): IrChatResponse => ({
  id: "up_1",
  model: "up",
  created: 9,
  content: [
    { type: "reasoning", text: "Thinking", signature: "sig" },
    { type: "text", text: "Calling." },
    { type: "tool_call", id: "toolu_1", name: "lookup", arguments: '{"q":"x"}' },
  ],
  finishReason,
  usage: { inputTokens: 10, outputTokens: 6, reasoningTokens: 2, cacheReadTokens: 4 },
});

describe("responsesReplayEvents", () => {
  it.each(["tool_calls", "length"] as const)(
    "replays a stored answer (%s) as a stream whose final response is the stored one",
    (finish) => {
      const stored = encodeResponsesResponse(answer(finish), "public-model", settings);
      const events = replay(stored);
      expect(events[0]).toMatchObject({ type: "response.created", response: { id: "resp_abc" } });
      const last = events.at(-1)!;
      expect(last.type).toBe(finish === "length" ? "response.incomplete" : "response.completed");
      expect(last.response).toEqual(stored);
    },
  );

  it("replays a failed response as response.failed with its error", () => {
    const stored = encodeResponsesResponse(answer("error"), "public-model", settings);
    const last = replay(stored).at(-1)!;
    expect(last.type).toBe("response.failed");
    expect(last.response).toMatchObject({
      id: "resp_abc",
      status: "failed",
      error: { code: "server_error" },
    });
  });
});
