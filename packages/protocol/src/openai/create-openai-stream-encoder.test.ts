import { describe, expect, it } from "vitest";
import type { IrStreamEvent } from "../ir/stream-event.js";
import {
  createOpenAIStreamEncoder,
  type OpenAIStreamEncoderOptions,
} from "./create-openai-stream-encoder.js";

function encodeAll(events: IrStreamEvent[], options: OpenAIStreamEncoderOptions): string {
  const encoder = createOpenAIStreamEncoder(options);
  return events.map((e) => encoder.push(e)).join("");
}

const head = '{"id":"msg_1","object":"chat.completion.chunk","created":1700000000,"model":"my-model"';
const frame = (choice: string, usage = "") => `data: ${head},"choices":[${choice}]${usage}}\n\n`;
const delta = (d: string, finish = "null") =>
  `{"index":0,"delta":${d},"logprobs":null,"finish_reason":${finish}}`;

const toolEvents: IrStreamEvent[] = [
  { type: "start", id: "msg_1", model: "claude-x", created: 1700000000 },
  { type: "block_start", index: 0, block: { type: "reasoning" } },
  { type: "block_delta", index: 0, delta: { type: "reasoning", text: "plan" } },
  { type: "block_delta", index: 0, delta: { type: "signature", signature: "SIG" } },
  { type: "block_end", index: 0, signature: "SIG" },
  { type: "block_start", index: 1, block: { type: "text" } },
  { type: "block_delta", index: 1, delta: { type: "text", text: "Checking." } },
  { type: "block_end", index: 1 },
  { type: "block_start", index: 2, block: { type: "tool_call", id: "toolu_a", name: "get_weather" } },
  { type: "block_delta", index: 2, delta: { type: "tool_arguments", json: '{"city":' } },
  { type: "block_delta", index: 2, delta: { type: "tool_arguments", json: '"Paris"}' } },
  { type: "block_end", index: 2 },
  { type: "block_start", index: 3, block: { type: "tool_call", id: "toolu_b", name: "get_time" } },
  { type: "block_delta", index: 3, delta: { type: "tool_arguments", json: "{}" } },
  { type: "block_end", index: 3 },
  { type: "usage", usage: { inputTokens: 10, outputTokens: 20, cacheReadTokens: 4, reasoningTokens: 5 } },
  { type: "finish", reason: "tool_calls" },
  { type: "end" },
];

describe("createOpenAIStreamEncoder", () => {
  it("writes role, reasoning, content and tool_calls deltas, the finish chunk and [DONE]", () => {
    expect(encodeAll(toolEvents, { model: "my-model" })).toBe(
      [
        frame(delta('{"role":"assistant","content":""}')),
        frame(delta('{"reasoning_content":"plan"}')),
        frame(delta('{"content":"Checking."}')),
        frame(
          delta(
            '{"tool_calls":[{"index":0,"id":"toolu_a","type":"function","function":{"name":"get_weather","arguments":""}}]}',
          ),
        ),
        frame(delta('{"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":"}}]}')),
        frame(delta('{"tool_calls":[{"index":0,"function":{"arguments":"\\"Paris\\"}"}}]}')),
        frame(
          delta(
            '{"tool_calls":[{"index":1,"id":"toolu_b","type":"function","function":{"name":"get_time","arguments":""}}]}',
          ),
        ),
        frame(delta('{"tool_calls":[{"index":1,"function":{"arguments":"{}"}}]}')),
        frame(delta("{}", '"tool_calls"')),
        "data: [DONE]\n\n",
      ].join(""),
    );
  });

  it("adds usage:null to every chunk and the usage chunk before [DONE] when asked", () => {
    const events: IrStreamEvent[] = [
      { type: "start", id: "msg_1", model: "x", created: 1700000000 },
      { type: "block_start", index: 0, block: { type: "text" } },
      { type: "block_delta", index: 0, delta: { type: "text", text: "Hi" } },
      { type: "block_end", index: 0 },
      { type: "finish", reason: "length" },
      { type: "usage", usage: { inputTokens: 3, outputTokens: 1 } },
      { type: "end" },
    ];
    const usage =
      '{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}';
    expect(encodeAll(events, { model: "my-model", includeUsage: true })).toBe(
      [
        frame(delta('{"role":"assistant","content":""}'), ',"usage":null'),
        frame(delta('{"content":"Hi"}'), ',"usage":null'),
        frame(delta("{}", '"length"'), ',"usage":null'),
        `data: ${head},"choices":[],"usage":${usage}}\n\n`,
        "data: [DONE]\n\n",
      ].join(""),
    );
  });

  it("writes OpenAI's in-stream error after an IR error, and no [DONE] or anything after", () => {
    const encoder = createOpenAIStreamEncoder({ model: "my-model" });
    const text = [
      encoder.push({ type: "start", id: "msg_1", model: "x", created: 1700000000 }),
      encoder.push({ type: "block_delta", index: 0, delta: { type: "text", text: "Par" } }),
      encoder.push({ type: "error", code: "stream_interrupted", message: "The upstream stream ended early" }),
      encoder.push({ type: "finish", reason: "stop" }),
      encoder.push({ type: "end" }),
    ].join("");
    expect(
      text.endsWith(
        'data: {"error":{"message":"The upstream stream ended early","type":"server_error","param":null,"code":"stream_interrupted"}}\n\n',
      ),
    ).toBe(true);
    expect(text).not.toContain("[DONE]");
    expect(text).not.toContain('finish_reason":"stop');
  });
});
