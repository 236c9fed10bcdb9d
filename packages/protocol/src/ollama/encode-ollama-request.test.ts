import { describe, expect, it } from "vitest";
import type { IrChatRequest } from "../ir/chat-request.js";
import { encodeOllamaRequest } from "./encode-ollama-request.js";

const full: IrChatRequest = {
  model: "public",
  system: [
    { type: "text", text: "You are a weather bot." },
    { type: "text", text: "Answer in French." },
  ],
  messages: [
    {
      role: "user",
      content: [
        { type: "text", text: "What is in this picture?" },
        { type: "image", source: { kind: "base64", mediaType: "image/png", data: "iVBORw0KGgo=" } },
      ],
    },
    {
      role: "assistant",
      content: [
        { type: "reasoning", text: "Need the weather.", signature: "sig" },
        { type: "text", text: "Checking." },
        { type: "tool_call", id: "toolu_1", name: "get_weather", arguments: '{"city":"Toronto"}' },
      ],
    },
    {
      role: "tool",
      content: [
        {
          type: "tool_result",
          toolCallId: "toolu_1",
          content: [{ type: "text", text: "11 degrees celsius" }],
        },
      ],
    },
  ],
  tools: [
    {
      name: "get_weather",
      description: "Get the weather in a given city",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
      strict: true,
    },
  ],
  toolChoice: { type: "auto" },
  maxTokens: 256,
  temperature: 0.3,
  topP: 0.9,
  topK: 40,
  seed: 7,
  stop: ["END"],
  presencePenalty: 0.1,
  frequencyPenalty: 0.2,
  responseFormat: {
    type: "json_schema",
    name: "weather",
    schema: { type: "object", properties: { t: { type: "number" } } },
  },
  reasoning: { enabled: true, effort: "high" },
  stream: true,
  user: "u-1",
};

describe("encodeOllamaRequest", () => {
  it("writes the /api/chat body for every supported field", () => {
    const { body, warnings } = encodeOllamaRequest(full, "llama3.2");
    expect(warnings).toEqual([]);
    expect(body).toEqual({
      model: "llama3.2",
      messages: [
        { role: "system", content: "You are a weather bot.\nAnswer in French." },
        { role: "user", content: "What is in this picture?", images: ["iVBORw0KGgo="] },
        {
          role: "assistant",
          content: "Checking.",
          thinking: "Need the weather.",
          tool_calls: [{ id: "toolu_1", function: { name: "get_weather", arguments: { city: "Toronto" } } }],
        },
        { role: "tool", content: "11 degrees celsius", tool_call_id: "toolu_1", tool_name: "get_weather" },
      ],
      stream: true,
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            description: "Get the weather in a given city",
            parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
          },
        },
      ],
      options: {
        temperature: 0.3,
        top_p: 0.9,
        top_k: 40,
        seed: 7,
        stop: ["END"],
        num_predict: 256,
        presence_penalty: 0.1,
        frequency_penalty: 0.2,
      },
      format: { type: "object", properties: { t: { type: "number" } } },
      think: "high",
    });
  });

  it("maps JSON mode and reasoning switches", () => {
    const base: IrChatRequest = {
      model: "m",
      messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
      stream: false,
    };
    expect(encodeOllamaRequest({ ...base, responseFormat: { type: "json_object" } }, "m").body.format).toBe(
      "json",
    );
    expect(encodeOllamaRequest({ ...base, reasoning: { enabled: false } }, "m").body.think).toBe(false);
    expect(
      encodeOllamaRequest({ ...base, reasoning: { enabled: true, budgetTokens: 2048 } }, "m").body.think,
    ).toBe(true);
    expect(
      encodeOllamaRequest({ ...base, reasoning: { enabled: true, effort: "minimal" } }, "m").body.think,
    ).toBe("low");
    expect(encodeOllamaRequest(base, "m").body).toEqual({
      model: "m",
      messages: [{ role: "user", content: "hi" }],
      stream: false,
    });
  });

  it("drops URL images and forced tool choice with warnings, and sends no tools for tool_choice none", () => {
    const ir: IrChatRequest = {
      model: "m",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "look" },
            { type: "image", source: { kind: "url", url: "https://example.com/a.png" } },
          ],
        },
      ],
      tools: [{ name: "f", parameters: { type: "object" } }],
      toolChoice: { type: "tool", name: "f" },
      stream: false,
    };
    const { body, warnings } = encodeOllamaRequest(ir, "m");
    expect(body.messages).toEqual([{ role: "user", content: "look" }]);
    expect(warnings).toEqual([
      "image URLs are not supported by ollama (fetch them into base64 first); dropped",
      "tool_choice is not supported by ollama; dropped",
    ]);
    expect(encodeOllamaRequest({ ...ir, toolChoice: { type: "none" } }, "m").body.tools).toBeUndefined();
  });

  it("sends arguments that are not a JSON object as {} with a warning", () => {
    const ir: IrChatRequest = {
      model: "m",
      messages: [
        { role: "assistant", content: [{ type: "tool_call", id: "c", name: "f", arguments: "[1," }] },
      ],
      stream: false,
    };
    const { body, warnings } = encodeOllamaRequest(ir, "m");
    expect(body.messages[0]!.tool_calls).toEqual([{ id: "c", function: { name: "f", arguments: {} } }]);
    expect(warnings).toHaveLength(1);
  });
});

describe("encodeOllamaRequest on deep tool arguments", () => {
  it("sends arguments nested too deeply to re-serialize as {} with a warning", () => {
    const ir: IrChatRequest = {
      model: "m",
      stream: false,
      messages: [
        {
          role: "assistant",
          content: [
            {
              type: "tool_call",
              id: "c",
              name: "f",
              arguments: `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
            },
          ],
        },
      ],
    };
    const { body, warnings } = encodeOllamaRequest(ir, "llama3.2");
    expect(JSON.stringify(body)).toContain('"arguments":{}');
    expect(warnings).toEqual([expect.stringMatching(/not a JSON object/)]);
  });
});
