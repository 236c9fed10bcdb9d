import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IrChatResponse } from "../ir/chat-response.js";
import type { IrStreamEvent } from "../ir/stream-event.js";
import { jsonValueArb } from "../testing/json-value-arb.js";
import { parseSse } from "./__fixtures__/fixtures.js";
import { createOpenAIStreamDecoder } from "./create-openai-stream-decoder.js";
import { createOpenAIStreamEncoder } from "./create-openai-stream-encoder.js";
import { decodeOpenAIRequest } from "./decode-openai-request.js";
import { decodeOpenAIResponse } from "./decode-openai-response.js";
import { encodeOpenAIRequest } from "./encode-openai-request.js";
import { encodeOpenAIResponse } from "./encode-openai-response.js";

const text = fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 });
const id = fc.stringMatching(/^call_[A-Za-z0-9]{1,12}$/);
const name = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_-]{0,20}$/);
const args = jsonValueArb.map((v) => JSON.stringify(v));
const toolCall = fc.record({ id, name, args });

/** Messages in the normal form the encoder writes, so decode → encode must give them back unchanged. */
const message = fc.oneof(
  text.map((content) => ({ role: "user", content })),
  fc.record({ content: text, calls: fc.array(toolCall, { maxLength: 3 }) }).map(({ content, calls }) => ({
    role: "assistant",
    content,
    ...(calls.length === 0
      ? {}
      : {
          tool_calls: calls.map((c) => ({
            id: c.id,
            type: "function",
            function: { name: c.name, arguments: c.args },
          })),
        }),
  })),
  fc.array(toolCall, { minLength: 1, maxLength: 3 }).map((calls) => ({
    role: "assistant",
    content: null,
    tool_calls: calls.map((c) => ({
      id: c.id,
      type: "function",
      function: { name: c.name, arguments: c.args },
    })),
  })),
  fc
    .record({ id, content: fc.string({ maxLength: 30 }) })
    .map((t) => ({ role: "tool", tool_call_id: t.id, content: t.content })),
);

describe("OpenAI round trips", () => {
  it("request: text and tool calls survive decode → encode", () => {
    fc.assert(
      fc.property(text, fc.array(message, { minLength: 1, maxLength: 6 }), (system, messages) => {
        const body = { model: "m", messages: [{ role: "system", content: system }, ...messages] };
        expect(encodeOpenAIRequest(decodeOpenAIRequest(body), "m").body).toEqual(body);
      }),
    );
  });

  it("response: text and tool calls survive encode → decode", () => {
    const response = fc.record({
      text: fc.option(text, { nil: undefined }),
      calls: fc.array(toolCall, { maxLength: 3 }),
      finishReason: fc.constantFrom("stop", "length", "tool_calls", "content_filter" as const),
    });
    fc.assert(
      fc.property(response, ({ text: t, calls, finishReason }) => {
        const ir: IrChatResponse = {
          id: "chatcmpl-1",
          model: "m",
          created: 1,
          content: [
            ...(t === undefined ? [] : [{ type: "text" as const, text: t }]),
            ...calls.map((c) => ({ type: "tool_call" as const, id: c.id, name: c.name, arguments: c.args })),
          ],
          finishReason,
          usage: { inputTokens: 3, outputTokens: 5, cacheReadTokens: 1, reasoningTokens: 2 },
        };
        expect(decodeOpenAIResponse(JSON.parse(JSON.stringify(encodeOpenAIResponse(ir, "m"))))).toEqual(ir);
      }),
    );
  });

  it("stream: text, reasoning and streamed tool arguments survive encode → decode", () => {
    const stream = fc.record({
      reasoning: fc.array(text, { maxLength: 3 }),
      text: fc.array(text, { maxLength: 3 }),
      calls: fc.array(fc.record({ id, name, parts: fc.array(text, { maxLength: 4 }) }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(stream, ({ reasoning, text: texts, calls }) => {
        const events: IrStreamEvent[] = [{ type: "start", id: "chatcmpl-9", model: "m", created: 5 }];
        let index = 0;
        const block = (start: IrStreamEvent & { type: "block_start" }, deltas: IrStreamEvent[]) => {
          events.push(start, ...deltas, { type: "block_end", index: index++ });
        };
        if (reasoning.length > 0) {
          block(
            { type: "block_start", index, block: { type: "reasoning" } },
            reasoning.map((t) => ({ type: "block_delta", index, delta: { type: "reasoning", text: t } })),
          );
        }
        if (texts.length > 0) {
          block(
            { type: "block_start", index, block: { type: "text" } },
            texts.map((t) => ({ type: "block_delta", index, delta: { type: "text", text: t } })),
          );
        }
        for (const c of calls) {
          block(
            { type: "block_start", index, block: { type: "tool_call", id: c.id, name: c.name } },
            c.parts.map((json) => ({ type: "block_delta", index, delta: { type: "tool_arguments", json } })),
          );
        }
        events.push(
          { type: "usage", usage: { inputTokens: 7, outputTokens: 9 } },
          { type: "finish", reason: calls.length > 0 ? "tool_calls" : "stop" },
          { type: "end" },
        );
        const encoder = createOpenAIStreamEncoder({ model: "m", includeUsage: true });
        const wire = events.map((e) => encoder.push(e)).join("");
        const decoder = createOpenAIStreamDecoder();
        const decoded = [...parseSse(wire).flatMap((f) => decoder.push(f)), ...decoder.end()];
        expect(decoded).toEqual(events);
      }),
    );
  });
});
