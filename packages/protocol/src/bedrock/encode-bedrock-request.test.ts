import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import type { IrChatRequest } from "../ir/chat-request.js";
import type { IrMessage } from "../ir/content.js";
import { jsonValueArb } from "../testing/json-value-arb.js";
import { encodeBedrockRequest } from "./encode-bedrock-request.js";

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8"));
const CLAUDE = "us.anthropic.claude-sonnet-4-20250514-v1:0";
const user = (text: string): IrMessage => ({ role: "user", content: [{ type: "text", text }] });
const base: IrChatRequest = { model: "m", stream: false, messages: [user("Hi")] };

describe("encodeBedrockRequest", () => {
  it("encodes a full conversation: images as bytes or S3, reasoning, tool use and results, cache points", () => {
    const { body, warnings } = encodeBedrockRequest(
      fixture<IrChatRequest>("converse-request-ir.json"),
      CLAUDE,
    );
    expect(body).toEqual(fixture("converse-request-expected.json"));
    expect(warnings).toEqual([]);
  });

  it("refuses web image URLs, which the caller must fetch into bytes first", () => {
    const ir: IrChatRequest = {
      ...base,
      messages: [
        { role: "user", content: [{ type: "image", source: { kind: "url", url: "https://x.test/a.png" } }] },
      ],
    };
    expect(() => encodeBedrockRequest(ir, CLAUDE)).toThrow(GatewayError);
  });

  it("drops tools for tool_choice none, unless the history holds tool blocks", () => {
    const tools = [{ name: "f", parameters: { type: "object" } }];
    const plain = encodeBedrockRequest({ ...base, tools, toolChoice: { type: "none" } }, CLAUDE);
    expect(plain.body.toolConfig).toBeUndefined();
    expect(plain.warnings).toEqual([]);
    const history: IrMessage[] = [
      user("q"),
      { role: "assistant", content: [{ type: "tool_call", id: "t1", name: "g", arguments: "{}" }] },
      {
        role: "tool",
        content: [{ type: "tool_result", toolCallId: "t1", content: [{ type: "text", text: "ok" }] }],
      },
    ];
    const withHistory = encodeBedrockRequest(
      { ...base, messages: history, tools, toolChoice: { type: "none" } },
      CLAUDE,
    );
    expect(withHistory.body.toolConfig).toEqual({
      tools: [
        { toolSpec: { name: "f", inputSchema: { json: { type: "object" } } } },
        { toolSpec: { name: "g", inputSchema: { json: { type: "object" } } } },
      ],
    });
    expect(withHistory.warnings).toEqual([
      "tool_choice none is not supported by bedrock with tool calls in the history; sent as auto",
    ]);
  });

  it("maps one named tool and auto", () => {
    const tools = [{ name: "f", parameters: {} }];
    expect(
      encodeBedrockRequest({ ...base, tools, toolChoice: { type: "tool", name: "f" } }, CLAUDE).body
        .toolConfig?.toolChoice,
    ).toEqual({
      tool: { name: "f" },
    });
    expect(
      encodeBedrockRequest({ ...base, tools, toolChoice: { type: "auto" } }, CLAUDE).body.toolConfig
        ?.toolChoice,
    ).toEqual({ auto: {} });
  });

  it.each([
    [CLAUDE, { enabled: true, effort: "high" }, { thinking: { type: "enabled", budget_tokens: 24576 } }, 0],
    [CLAUDE, { enabled: false }, undefined, 0],
    ["openai.gpt-oss-120b-1:0", { enabled: true, effort: "minimal" }, { reasoning_effort: "low" }, 0],
    ["meta.llama3-70b-instruct-v1:0", { enabled: true, budgetTokens: 100 }, undefined, 1],
    ["meta.llama3-70b-instruct-v1:0", { enabled: false }, undefined, 0],
  ] as const)("maps reasoning for %s: %j", (model, reasoning, fields, warningCount) => {
    const { body, warnings } = encodeBedrockRequest({ ...base, reasoning }, model);
    expect(body.additionalModelRequestFields).toEqual(fields);
    expect(warnings).toHaveLength(warningCount);
  });

  it("puts top_k where each model family reads it", () => {
    expect(
      encodeBedrockRequest({ ...base, topK: 5 }, "amazon.nova-pro-v1:0").body.additionalModelRequestFields,
    ).toEqual({
      inferenceConfig: { topK: 5 },
    });
    expect(
      encodeBedrockRequest({ ...base, topK: 5 }, "mistral.mistral-large-2407-v1:0").body
        .additionalModelRequestFields,
    ).toEqual({
      top_k: 5,
    });
  });

  it("warns about every setting Converse cannot carry", () => {
    const { warnings } = encodeBedrockRequest(
      {
        ...base,
        seed: 1,
        presencePenalty: 0,
        frequencyPenalty: 0,
        user: "u",
        responseFormat: { type: "json_object" },
        parallelToolCalls: false,
      },
      CLAUDE,
    );
    expect(warnings).toEqual([
      "parallel_tool_calls=false is not supported by bedrock; dropped",
      "seed is not supported by bedrock; dropped",
      "presence_penalty is not supported by bedrock; dropped",
      "frequency_penalty is not supported by bedrock; dropped",
      "user is not supported by bedrock; dropped",
      "response_format json_object is not supported by bedrock; dropped",
    ]);
  });

  it("keeps every text and tool call, in order, with alternating roles", () => {
    const partArb = fc.oneof(
      fc.string().map((text) => ({ type: "text" as const, text })),
      fc
        .record({
          id: fc.stringMatching(/^tooluse_[a-zA-Z0-9]{1,8}$/),
          name: fc.stringMatching(/^[a-z_]{1,8}$/),
          args: fc.dictionary(fc.string(), jsonValueArb),
        })
        .map((c) => ({
          type: "tool_call" as const,
          id: c.id,
          name: c.name,
          arguments: JSON.stringify(c.args),
        })),
    );
    const messageArb = fc.oneof(
      fc
        .array(
          fc.string().map((text) => ({ type: "text" as const, text })),
          { minLength: 1, maxLength: 3 },
        )
        .map((content): IrMessage => ({ role: "user", content })),
      fc
        .array(partArb, { minLength: 1, maxLength: 3 })
        .map((content): IrMessage => ({ role: "assistant", content })),
    );
    fc.assert(
      fc.property(fc.array(messageArb, { minLength: 1, maxLength: 6 }), (messages) => {
        const { body } = encodeBedrockRequest({ ...base, messages }, CLAUDE);
        const sent = body.messages.flatMap((m) =>
          m.content.map((b) =>
            "text" in b
              ? b.text
              : "toolUse" in b
                ? [b.toolUse.toolUseId, b.toolUse.name, b.toolUse.input]
                : null,
          ),
        );
        const expected = messages.flatMap((m) =>
          m.content
            .filter((p) => p.type !== "text" || p.text !== "")
            .map((p) =>
              p.type === "text"
                ? p.text
                : p.type === "tool_call"
                  ? [p.id, p.name, JSON.parse(p.arguments)]
                  : null,
            ),
        );
        expect(sent).toEqual(expected);
        for (const [i, m] of body.messages.entries()) expect(m.role).not.toBe(body.messages[i - 1]?.role);
      }),
    );
  });
});
