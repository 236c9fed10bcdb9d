import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import type { IrStreamEvent } from "../ir/stream-event.js";
import { createOpenAIStreamEncoder } from "./create-openai-stream-encoder.js";
import { encodeOpenAIError } from "./encode-openai-error.js";
import { encodeOpenAIResponse } from "./encode-openai-response.js";

/** The official SDK over a fetch that answers with what our encoders write: the client is the judge. */
function clientAnswering(status: number, body: string, headers: Record<string, string> = {}): OpenAI {
  const fetch = async () =>
    new Response(body, { status, headers: { "content-type": "application/json", ...headers } });
  return new OpenAI({ apiKey: "test", baseURL: "http://gateway.test/v1", fetch, maxRetries: 0 });
}

const events: IrStreamEvent[] = [
  { type: "start", id: "msg_1", model: "x", created: 1700000000 },
  { type: "block_start", index: 0, block: { type: "text" } },
  { type: "block_delta", index: 0, delta: { type: "text", text: "Hel" } },
  { type: "block_delta", index: 0, delta: { type: "text", text: "lo" } },
  { type: "block_end", index: 0 },
  { type: "block_start", index: 1, block: { type: "tool_call", id: "call_1", name: "f" } },
  { type: "block_delta", index: 1, delta: { type: "tool_arguments", json: '{"a":' } },
  { type: "block_delta", index: 1, delta: { type: "tool_arguments", json: "1}" } },
  { type: "block_end", index: 1 },
  { type: "usage", usage: { inputTokens: 4, outputTokens: 6 } },
  { type: "finish", reason: "tool_calls" },
  { type: "end" },
];

describe("the official OpenAI SDK reads what the gateway writes", () => {
  it("accumulates our stream into the right final message and usage", async () => {
    const encoder = createOpenAIStreamEncoder({ model: "my-model", includeUsage: true });
    const sse = events.map((e) => encoder.push(e)).join("");
    const client = clientAnswering(200, sse, { "content-type": "text/event-stream" });
    const stream = client.chat.completions.stream({
      model: "my-model",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
    });
    const final = await stream.finalChatCompletion();
    expect(final.model).toBe("my-model");
    expect(final.choices[0]!.message.content).toBe("Hello");
    expect(final.choices[0]!.message.tool_calls).toEqual([
      { id: "call_1", type: "function", function: { name: "f", arguments: '{"a":1}' } },
    ]);
    expect(final.choices[0]!.finish_reason).toBe("tool_calls");
    expect(final.usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 });
  });

  it("raises our in-stream error as an APIError", async () => {
    const encoder = createOpenAIStreamEncoder({ model: "my-model" });
    const sse = [
      encoder.push(events[0]!),
      encoder.push({ type: "error", code: "upstream_overloaded", message: "try later" }),
    ].join("");
    const client = clientAnswering(200, sse, { "content-type": "text/event-stream" });
    const stream = await client.chat.completions.create({
      model: "m",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
    });
    const read = async () => {
      for await (const _ of stream) {
        // drain
      }
    };
    await expect(read()).rejects.toMatchObject({
      message: "try later",
      code: "upstream_overloaded",
      type: "server_error",
    });
  });

  it("reads our non-stream answer and our error answers", async () => {
    const body = encodeOpenAIResponse(
      {
        id: "x",
        model: "up",
        created: 1,
        content: [{ type: "text", text: "ok" }],
        finishReason: "stop",
        usage: { inputTokens: 1, outputTokens: 1 },
      },
      "my-model",
    );
    const ok = await clientAnswering(200, JSON.stringify(body)).chat.completions.create({
      model: "m",
      messages: [],
    });
    expect(ok.choices[0]!.message.content).toBe("ok");

    const err = encodeOpenAIError(new GatewayError("rate_limited", "slow down", { retryAfterSeconds: 3 }));
    const failing = clientAnswering(err.status, JSON.stringify(err.body), err.headers);
    await expect(failing.chat.completions.create({ model: "m", messages: [] })).rejects.toBeInstanceOf(
      OpenAI.RateLimitError,
    );
    await expect(failing.chat.completions.create({ model: "m", messages: [] })).rejects.toMatchObject({
      status: 429,
      code: "rate_limited",
      type: "rate_limit_error",
    });
  });
});
