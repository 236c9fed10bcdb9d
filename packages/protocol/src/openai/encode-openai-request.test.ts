import { describe, expect, it } from "vitest";
import type { IrChatRequest } from "../ir/chat-request.js";
import { fixtureJson } from "./__fixtures__/fixtures.js";
import { decodeOpenAIRequest } from "./decode-openai-request.js";
import { encodeOpenAIRequest } from "./encode-openai-request.js";

const base: IrChatRequest = {
  model: "public",
  messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
  stream: false,
};

describe("encodeOpenAIRequest", () => {
  it("writes the body OpenAI expects for a recorded request", () => {
    const ir = decodeOpenAIRequest(fixtureJson("chat-request-full.json"));
    const { body, warnings } = encodeOpenAIRequest(ir, "gpt-4o-2024-08-06");
    expect(warnings).toEqual([]);
    expect(body).toEqual({
      model: "gpt-4o-2024-08-06",
      messages: [
        {
          role: "system",
          content: [
            { type: "text", text: "You are a weather bot." },
            { type: "text", text: "Answer in French." },
          ],
        },
        {
          role: "user",
          name: "alice",
          content: [
            { type: "text", text: "What is the weather here and in this picture?" },
            { type: "image_url", image_url: { url: "https://example.com/sky.png", detail: "high" } },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
          ],
        },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: "call_a",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Paris"}' },
            },
            {
              id: "call_b",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Lyon"}' },
            },
          ],
        },
        { role: "tool", tool_call_id: "call_a", content: "18C, sunny" },
        { role: "tool", tool_call_id: "call_b", content: "error: station offline" },
        { role: "assistant", content: "Paris: 18C." },
        { role: "user", content: "Thanks" },
      ],
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            description: "Current weather for a city",
            parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
            strict: true,
          },
        },
      ],
      tool_choice: { type: "function", function: { name: "get_weather" } },
      parallel_tool_calls: true,
      max_completion_tokens: 512,
      temperature: 0.2,
      top_p: 0.9,
      stop: ["END", "STOP"],
      seed: 42,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "weather",
          schema: { type: "object", properties: { summary: { type: "string" } } },
          strict: true,
          description: "A weather report",
        },
      },
      reasoning_effort: "low",
      user: "user-123",
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("asks for the usage chunk on every stream, even when the client did not", () => {
    const { body } = encodeOpenAIRequest({ ...base, stream: true, streamUsage: false }, "m");
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(
      encodeOpenAIRequest({ ...base, stream: true }, "m", { streamUsage: false }).body.stream_options,
    ).toBeUndefined();
    expect(encodeOpenAIRequest(base, "m").body.stream).toBeUndefined();
  });

  it("uses max_tokens when told to, without a warning", () => {
    const { body, warnings } = encodeOpenAIRequest({ ...base, maxTokens: 9 }, "m", {
      maxTokensField: "max_tokens",
    });
    expect(body.max_tokens).toBe(9);
    expect(body.max_completion_tokens).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it("drops top_k with a warning unless the upstream accepts it", () => {
    expect(encodeOpenAIRequest({ ...base, topK: 40 }, "m")).toMatchObject({
      warnings: ["top_k is not supported by openai; dropped"],
    });
    expect(encodeOpenAIRequest({ ...base, topK: 40 }, "m").body.top_k).toBeUndefined();
    expect(encodeOpenAIRequest({ ...base, topK: 40 }, "m", { acceptsTopK: true })).toMatchObject({
      body: { top_k: 40 },
      warnings: [],
    });
  });

  it("turns a thinking budget into the nearest effort and leaves disabled reasoning unsaid", () => {
    const effort = (budgetTokens: number) =>
      encodeOpenAIRequest({ ...base, reasoning: { enabled: true, budgetTokens } }, "m").body.reasoning_effort;
    expect([effort(1024), effort(8000), effort(32000)]).toEqual(["low", "medium", "high"]);
    expect(
      encodeOpenAIRequest({ ...base, reasoning: { enabled: false } }, "m").body.reasoning_effort,
    ).toBeUndefined();
  });

  it("leaves tool_choice and parallel_tool_calls out without tools (OpenAI refuses them)", () => {
    const { body } = encodeOpenAIRequest(
      { ...base, toolChoice: { type: "auto" }, parallelToolCalls: false },
      "m",
    );
    expect(body).not.toHaveProperty("tool_choice");
    expect(body).not.toHaveProperty("parallel_tool_calls");
  });

  it("sends earlier reasoning as reasoning_content only when asked, never signatures", () => {
    const ir: IrChatRequest = {
      ...base,
      messages: [
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "hmm", signature: "sig" },
            { type: "text", text: "a" },
            { type: "text", text: "b" },
          ],
        },
      ],
    };
    expect(encodeOpenAIRequest(ir, "m").body.messages).toEqual([{ role: "assistant", content: "ab" }]);
    expect(encodeOpenAIRequest(ir, "m", { sendReasoningContent: true }).body.messages).toEqual([
      { role: "assistant", content: "ab", reasoning_content: "hmm" },
    ]);
  });

  it("splits tool results out of user turns and drops their images with one warning", () => {
    const ir: IrChatRequest = {
      ...base,
      messages: [
        {
          role: "user",
          content: [
            {
              type: "tool_result",
              toolCallId: "t1",
              isError: true,
              content: [
                { type: "text", text: "boom" },
                { type: "image", source: { kind: "url", url: "https://x/y.png" } },
              ],
            },
            {
              type: "tool_result",
              toolCallId: "t2",
              content: [{ type: "image", source: { kind: "url", url: "https://x/z.png" } }],
            },
            { type: "text", text: "go on" },
          ],
        },
      ],
    };
    const { body, warnings } = encodeOpenAIRequest(ir, "m");
    expect(body.messages).toEqual([
      { role: "tool", tool_call_id: "t1", content: "boom" },
      { role: "tool", tool_call_id: "t2", content: "" },
      { role: "user", content: "go on" },
    ]);
    expect(warnings).toEqual(["images in tool results are not supported by openai; dropped"]);
  });
});
