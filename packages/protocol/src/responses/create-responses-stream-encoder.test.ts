import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IrChatResponse } from "../ir/chat-response.js";
import type { IrStreamEvent } from "../ir/stream-event.js";
import { createResponsesStreamEncoder } from "./create-responses-stream-encoder.js";
import { encodeResponsesResponse } from "./encode-responses-response.js";
import type { ResponsesSettings } from "./responses-settings.js";

const SETTINGS: ResponsesSettings = { echo: { store: false, tool_choice: "auto" }, encryptedReasoning: true };

/** The SSE text parsed into events, each checked to name its own type. */
function parse(text: string): Array<Record<string, unknown>> {
  return text
    .split("\n\n")
    .filter((b) => b !== "")
    .map((b) => {
      const [event, data] = b.split("\n");
      const json = JSON.parse(data!.slice("data: ".length)) as Record<string, unknown>;
      expect(event).toBe(`event: ${json.type}`);
      return json;
    });
}

/** An IR answer as the stream events a decoder would give, each part's text cut into `pieces`. */
function streamOf(answer: IrChatResponse, pieces: number): IrStreamEvent[] {
  const cut = (s: string) => {
    const size = Math.max(1, Math.ceil(s.length / pieces));
    const out: string[] = [];
    for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
    return out;
  };
  const events: IrStreamEvent[] = [{ type: "start", id: answer.id, model: "up", created: answer.created }];
  answer.content.forEach((part, index) => {
    if (part.type === "text") {
      events.push({ type: "block_start", index, block: { type: "text" } });
      for (const t of cut(part.text))
        events.push({ type: "block_delta", index, delta: { type: "text", text: t } });
      events.push({ type: "block_end", index });
    } else if (part.type === "reasoning") {
      events.push({ type: "block_start", index, block: { type: "reasoning" } });
      for (const t of cut(part.text))
        events.push({ type: "block_delta", index, delta: { type: "reasoning", text: t } });
      events.push(
        part.signature === undefined
          ? { type: "block_end", index }
          : { type: "block_end", index, signature: part.signature },
      );
    } else if (part.type === "tool_call") {
      events.push({ type: "block_start", index, block: { type: "tool_call", id: part.id, name: part.name } });
      for (const j of cut(part.arguments))
        events.push({ type: "block_delta", index, delta: { type: "tool_arguments", json: j } });
      events.push({ type: "block_end", index });
    }
  });
  events.push(
    { type: "usage", usage: answer.usage },
    { type: "finish", reason: answer.finishReason },
    { type: "end" },
  );
  return events;
}

const partArb = fc.oneof(
  fc.record({ type: fc.constant("text" as const), text: fc.string() }),
  fc.record({
    type: fc.constant("reasoning" as const),
    text: fc.string(),
    signature: fc.string({ minLength: 1 }),
  }),
  fc.record({
    type: fc.constant("tool_call" as const),
    id: fc.stringMatching(/^call_[a-z0-9]{1,8}$/),
    name: fc.stringMatching(/^[a-z_]{1,10}$/),
    arguments: fc.json(),
  }),
);

const answerArb: fc.Arbitrary<IrChatResponse> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 20 }),
  model: fc.constant("up"),
  created: fc.nat(),
  content: fc.array(partArb, { maxLength: 5 }),
  finishReason: fc.constantFrom("stop", "length", "tool_calls", "content_filter", "stop_sequence" as const),
  usage: fc.record({
    inputTokens: fc.nat(),
    outputTokens: fc.nat(),
    reasoningTokens: fc.nat(),
    cacheReadTokens: fc.nat(),
  }),
});

function encodeAll(events: IrStreamEvent[]): Array<Record<string, unknown>> {
  const encoder = createResponsesStreamEncoder({ model: "public", settings: SETTINGS });
  return parse(events.map((e) => encoder.push(e)).join(""));
}

describe("createResponsesStreamEncoder", () => {
  it("writes a text answer as OpenAI documents the event sequence", () => {
    const out = encodeAll(
      streamOf(
        {
          id: "abc",
          model: "up",
          created: 7,
          content: [{ type: "text", text: "Hi there" }],
          finishReason: "stop",
          usage: { inputTokens: 3, outputTokens: 2 },
        },
        2,
      ),
    );
    expect(out.map((e) => e.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(out[4]).toEqual({
      type: "response.output_text.delta",
      sequence_number: 4,
      item_id: "msg_abc_0",
      output_index: 0,
      content_index: 0,
      delta: "Hi t",
      logprobs: [],
    });
    expect(out[0]).toMatchObject({
      response: { id: "resp_abc", status: "in_progress", output: [], usage: null, store: false },
    });
    expect(out.at(-1)).toMatchObject({
      response: {
        status: "completed",
        model: "public",
        usage: {
          input_tokens: 3,
          output_tokens: 2,
          total_tokens: 5,
          input_tokens_details: { cached_tokens: 0 },
        },
      },
    });
  });

  it("for any answer and any cut of its deltas: numbered events, and the final response equals the whole answer's", () => {
    fc.assert(
      fc.property(answerArb, fc.integer({ min: 1, max: 6 }), (answer, pieces) => {
        const out = encodeAll(streamOf(answer, pieces));
        expect(out.map((e) => e.sequence_number)).toEqual(out.map((_, i) => i));
        const last = out.at(-1)!;
        const whole = encodeResponsesResponse(answer, "public", SETTINGS);
        expect(last.type).toBe(whole.status === "incomplete" ? "response.incomplete" : "response.completed");
        expect(last.response).toEqual(whole);
        const text = out.flatMap((e) => (e.type === "response.output_text.delta" ? [e.delta] : [])).join("");
        expect(text).toBe(answer.content.flatMap((p) => (p.type === "text" ? [p.text] : [])).join(""));
      }),
      { numRuns: 300 },
    );
  });

  it("after an error at any point: response.failed last, no success, nothing more written", () => {
    fc.assert(
      fc.property(answerArb, fc.nat(), (answer, at) => {
        const events = streamOf(answer, 2).filter((e) => e.type !== "end");
        const cutAt = at % (events.length + 1);
        const encoder = createResponsesStreamEncoder({ model: "public", settings: SETTINGS });
        let text = events
          .slice(0, cutAt)
          .map((e) => encoder.push(e))
          .join("");
        text += encoder.push({ type: "error", code: "stream_interrupted", message: "cut" });
        expect(encoder.push({ type: "end" })).toBe("");
        const out = parse(text);
        expect(out.map((e) => e.sequence_number)).toEqual(out.map((_, i) => i));
        expect(out.at(-1)).toMatchObject({
          type: "response.failed",
          response: { status: "failed", error: { code: "server_error", message: "cut" } },
        });
        expect(out.map((e) => e.type)).not.toContain("response.completed");
      }),
      { numRuns: 300 },
    );
  });

  it("names rate limits in a failed response with OpenAI's rate_limit_exceeded", () => {
    const out = encodeAll([{ type: "error", code: "upstream_rate_limited", message: "slow down" }]);
    expect(out.map((e) => e.type)).toEqual(["response.created", "response.in_progress", "response.failed"]);
    expect(out[2]).toMatchObject({ response: { error: { code: "rate_limit_exceeded" } } });
  });
});
