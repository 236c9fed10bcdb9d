import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IrChatRequest } from "../ir/chat-request.js";
import type { IrMessage } from "../ir/content.js";
import { jsonValueArb } from "../testing/json-value-arb.js";
import { fixtureJson } from "./__fixtures__/load-fixture.js";
import { decodeAnthropicRequest } from "./decode-anthropic-request.js";
import { encodeAnthropicRequest } from "./encode-anthropic-request.js";

const user = (text: string): IrMessage => ({ role: "user", content: [{ type: "text", text }] });
const ir = (extra: Partial<IrChatRequest> = {}): IrChatRequest => ({
  model: "m",
  messages: [user("Hi")],
  stream: false,
  ...extra,
});
const tool = {
  name: "get_weather",
  parameters: { type: "object", properties: { city: { type: "string" } } },
};

describe("encodeAnthropicRequest", () => {
  it("re-encodes a decoded documented request to the same body (tool result shorthand aside)", () => {
    const fixture = fixtureJson("request-full.json");
    const { body, warnings } = encodeAnthropicRequest(decodeAnthropicRequest(fixture), "claude-sonnet-4-5");
    const messages = fixture["messages"] as Array<{ content: Array<Record<string, unknown>> }>;
    messages[2]!.content[1]!["content"] = "Service unavailable"; // one plain text block → string form
    expect(body).toEqual(fixture);
    expect(warnings).toEqual([]);
  });

  it("sends the default max_tokens (4096) or the configured one when the IR has none", () => {
    expect(encodeAnthropicRequest(ir(), "claude-x").body).toEqual({
      model: "claude-x",
      max_tokens: 4096,
      messages: [{ role: "user", content: "Hi" }],
    });
    expect(encodeAnthropicRequest(ir(), "claude-x", { defaultMaxTokens: 1000 }).body.max_tokens).toBe(1000);
  });

  it("merges consecutive tool messages and a following user message, tool_result blocks first", () => {
    const { body } = encodeAnthropicRequest(
      ir({
        messages: [
          user("Weather?"),
          {
            role: "assistant",
            content: [
              { type: "tool_call", id: "a", name: "get_weather", arguments: '{"city":"Paris"}' },
              { type: "tool_call", id: "b", name: "get_weather", arguments: '{"city":"Rome"}' },
            ],
          },
          user("(also, be brief)"),
          {
            role: "tool",
            content: [{ type: "tool_result", toolCallId: "a", content: [{ type: "text", text: "15C" }] }],
          },
          {
            role: "tool",
            content: [
              {
                type: "tool_result",
                toolCallId: "b",
                content: [{ type: "text", text: "boom" }],
                isError: true,
              },
            ],
          },
        ],
      }),
      "m",
    );
    expect(body.messages).toEqual([
      { role: "user", content: "Weather?" },
      {
        role: "assistant",
        content: [
          { type: "tool_use", id: "a", name: "get_weather", input: { city: "Paris" } },
          { type: "tool_use", id: "b", name: "get_weather", input: { city: "Rome" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "a", content: "15C" },
          { type: "tool_result", tool_use_id: "b", content: "boom", is_error: true },
          { type: "text", text: "(also, be brief)" },
        ],
      },
    ]);
  });

  it("wraps unparsable or non-object tool arguments instead of crashing, with a warning", () => {
    const { body, warnings } = encodeAnthropicRequest(
      ir({
        messages: [
          user("go"),
          {
            role: "assistant",
            content: [
              { type: "tool_call", id: "a", name: "f", arguments: '{"city":' },
              { type: "tool_call", id: "b", name: "f", arguments: "[1,2]" },
              { type: "tool_call", id: "c", name: "f", arguments: "" },
            ],
          },
        ],
      }),
      "m",
    );
    expect(body.messages[1]!.content).toEqual([
      { type: "tool_use", id: "a", name: "f", input: { _raw_arguments: '{"city":' } },
      { type: "tool_use", id: "b", name: "f", input: { _raw_arguments: "[1,2]" } },
      { type: "tool_use", id: "c", name: "f", input: {} },
    ]);
    expect(warnings).toEqual([
      "tool call a arguments are not a JSON object; wrapped in _raw_arguments",
      "tool call b arguments are not a JSON object; wrapped in _raw_arguments",
    ]);
  });

  it("maps tools, required tool choice and parallelToolCalls false", () => {
    const { body } = encodeAnthropicRequest(
      ir({ tools: [{ ...tool, strict: true }], toolChoice: { type: "required" }, parallelToolCalls: false }),
      "m",
    );
    expect(body.tools).toEqual([{ name: "get_weather", input_schema: tool.parameters, strict: true }]);
    expect(body.tool_choice).toEqual({ type: "any", disable_parallel_tool_use: true });
    const auto = encodeAnthropicRequest(
      ir({ tools: [{ name: "f", parameters: {} }], parallelToolCalls: false }),
      "m",
    );
    expect(auto.body.tools).toEqual([{ name: "f", input_schema: { type: "object" } }]);
    expect(auto.body.tool_choice).toEqual({ type: "auto", disable_parallel_tool_use: true });
  });

  it("drops a tool choice without tools, and what Anthropic cannot express, with warnings", () => {
    const { body, warnings } = encodeAnthropicRequest(
      ir({
        toolChoice: { type: "required" },
        seed: 7,
        presencePenalty: 1,
        frequencyPenalty: 1,
        temperature: 1.6,
      }),
      "m",
    );
    expect(body.tool_choice).toBeUndefined();
    expect(body.temperature).toBe(1);
    expect(warnings).toEqual([
      "tool_choice without tools is not supported by anthropic; dropped",
      "temperature 1.6 is above anthropic's maximum; clamped to 1",
      "seed is not supported by anthropic; dropped",
      "presence_penalty is not supported by anthropic; dropped",
      "frequency_penalty is not supported by anthropic; dropped",
    ]);
  });

  it("maps sampling, stop sequences and user", () => {
    const { body } = encodeAnthropicRequest(
      ir({ temperature: 0.3, topP: 0.8, topK: 20, stop: ["END"], user: "u1", maxTokens: 50, stream: true }),
      "m",
    );
    expect(body).toMatchObject({
      temperature: 0.3,
      top_p: 0.8,
      top_k: 20,
      stop_sequences: ["END"],
      max_tokens: 50,
    });
    expect(body.metadata).toEqual({ user_id: "u1" });
    expect(body.stream).toBe(true);
  });

  it.each([
    ["low", undefined, 1024, 4096],
    ["medium", undefined, 4096, 8192],
    ["high", undefined, 16384, 20480],
    ["high", 32000, 16384, 32000],
  ] as const)(
    "maps effort %s (max_tokens %s) to budget %d under max_tokens %d",
    (effort, maxTokens, budget, max) => {
      const { body } = encodeAnthropicRequest(ir({ reasoning: { enabled: true, effort }, maxTokens }), "m");
      expect(body.thinking).toEqual({ type: "enabled", budget_tokens: budget });
      expect(body.max_tokens).toBe(max);
    },
  );

  it("keeps budget below a client max_tokens, or drops thinking when no room is left", () => {
    const cut = encodeAnthropicRequest(
      ir({ reasoning: { enabled: true, budgetTokens: 8000 }, maxTokens: 2000 }),
      "m",
    );
    expect(cut.body.thinking).toEqual({ type: "enabled", budget_tokens: 1999 });
    expect(cut.warnings).toEqual(["thinking budget 8000 must be below max_tokens 2000; cut to 1999"]);
    const none = encodeAnthropicRequest(ir({ reasoning: { enabled: true }, maxTokens: 1000 }), "m");
    expect(none.body.thinking).toBeUndefined();
    expect(none.warnings).toHaveLength(1);
    const off = encodeAnthropicRequest(ir({ reasoning: { enabled: false } }), "m");
    expect(off.body.thinking).toEqual({ type: "disabled" });
  });

  it("drops sampling settings that thinking forbids, and thinking under a forced tool", () => {
    const sampled = encodeAnthropicRequest(
      ir({ reasoning: { enabled: true, budgetTokens: 2048 }, temperature: 0.5, topK: 5, topP: 0.5 }),
      "m",
    );
    expect(sampled.body).not.toHaveProperty("temperature");
    expect(sampled.body).not.toHaveProperty("top_k");
    expect(sampled.body).not.toHaveProperty("top_p");
    expect(sampled.warnings).toHaveLength(3);
    const forced = encodeAnthropicRequest(
      ir({ reasoning: { enabled: true }, tools: [tool], toolChoice: { type: "tool", name: "get_weather" } }),
      "m",
    );
    expect(forced.body.thinking).toBeUndefined();
    expect(forced.warnings).toEqual([
      "thinking is not compatible with a forced tool choice on anthropic; thinking dropped",
    ]);
  });

  it("asks for JSON schema output natively by default", () => {
    const schema = {
      type: "object",
      properties: { t: { type: "number" } },
      required: ["t"],
      additionalProperties: false,
    };
    const out = encodeAnthropicRequest(
      ir({ responseFormat: { type: "json_schema", name: "weather", schema } }),
      "m",
    );
    expect(out.body.output_config).toEqual({ format: { type: "json_schema", schema } });
    expect(out.jsonToolName).toBeUndefined();
  });

  it("emulates JSON output with a forced tool in tool mode and for json_object", () => {
    const schema = { type: "object", properties: { t: { type: "number" } } };
    const out = encodeAnthropicRequest(
      ir({ tools: [tool], responseFormat: { type: "json_schema", name: "Weather report", schema } }),
      "m",
      { jsonMode: "tool" },
    );
    expect(out.jsonToolName).toBe("Weather_report");
    expect(out.body.tools?.at(-1)).toEqual({
      name: "Weather_report",
      description: "Respond by calling this tool with your answer as its input.",
      input_schema: schema,
    });
    expect(out.body.tool_choice).toEqual({
      type: "tool",
      name: "Weather_report",
      disable_parallel_tool_use: true,
    });
    expect(out.body.output_config).toBeUndefined();
    const obj = encodeAnthropicRequest(ir({ responseFormat: { type: "json_object" } }), "m");
    expect(obj.jsonToolName).toBe("json_response");
    expect(obj.body.tools).toEqual([
      { name: "json_response", description: expect.any(String), input_schema: { type: "object" } },
    ]);
  });

  it("turns data URLs into base64 images and drops unreplayable parts with warnings", () => {
    const { body, warnings } = encodeAnthropicRequest(
      ir({
        messages: [
          {
            role: "user",
            content: [
              { type: "image", source: { kind: "url", url: "data:image/png;base64,AAAA" }, detail: "high" },
            ],
          },
          {
            role: "assistant",
            content: [
              { type: "reasoning", text: "other provider's thoughts" },
              { type: "text", text: "ok" },
            ],
          },
          { role: "assistant", content: [{ type: "text", text: "" }] },
        ],
      }),
      "m",
    );
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: "AAAA" } }],
      },
      { role: "assistant", content: "ok" },
    ]);
    expect(warnings).toEqual([
      "image detail is not supported by anthropic; dropped",
      "reasoning without an anthropic signature cannot be sent back to anthropic; dropped",
      "message 2 has no content anthropic accepts; dropped",
    ]);
  });

  it("keeps text and tool calls through encode → decode", () => {
    const text = fc.string({ minLength: 1 });
    const call = fc.record({
      id: fc.stringMatching(/^toolu_[A-Za-z0-9]{1,12}$/),
      name: fc.stringMatching(/^[a-z_]{1,16}$/),
      args: fc.dictionary(fc.string(), jsonValueArb).map((o) => JSON.stringify(o)),
    });
    fc.assert(
      fc.property(text, fc.array(call, { minLength: 1, maxLength: 3 }), text, (question, calls, answer) => {
        const messages: IrMessage[] = [
          user(question),
          {
            role: "assistant",
            content: calls.map((c) => ({
              type: "tool_call" as const,
              id: c.id,
              name: c.name,
              arguments: c.args,
            })),
          },
          {
            role: "tool",
            content: calls.map((c) => ({
              type: "tool_result" as const,
              toolCallId: c.id,
              content: [{ type: "text" as const, text: answer }],
            })),
          },
        ];
        const back = decodeAnthropicRequest(
          encodeAnthropicRequest(ir({ messages, maxTokens: 100 }), "m").body,
        );
        expect(back.messages).toEqual(messages);
      }),
    );
  });
});
