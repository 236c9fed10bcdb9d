import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import type { IrChatRequest } from "../ir/chat-request.js";
import { jsonValueArb } from "../testing/json-value-arb.js";
import { decodeGeminiRequest } from "./decode-gemini-request.js";
import { GEMINI_SKIP_SIGNATURE } from "./encode-gemini-contents.js";
import { encodeGeminiRequest } from "./encode-gemini-request.js";
import type { GeminiContent, GeminiPart } from "./gemini-wire-types.js";

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8"));

const user = (text: string) => ({ role: "user" as const, content: [{ type: "text" as const, text }] });
const base: IrChatRequest = { model: "m", stream: false, messages: [user("Hi")] };

describe("encodeGeminiRequest", () => {
  it("encodes a full conversation, looking up tool names by call id and merging tool results with the next user turn", () => {
    const { body, warnings } = encodeGeminiRequest(
      fixture<IrChatRequest>("encode-request-ir.json"),
      "gemini-2.5-flash",
    );
    expect(body).toEqual(fixture("encode-request-expected.json"));
    expect(warnings).toEqual([
      "parallel_tool_calls=false is not supported by gemini; dropped",
      "user is not supported by gemini; dropped",
    ]);
  });

  it("signs the first unsigned function call of each model turn for Gemini 3, never for 2.5", () => {
    const ir: IrChatRequest = {
      ...base,
      messages: [
        user("q"),
        {
          role: "assistant",
          content: [
            { type: "tool_call", id: "a", name: "f", arguments: "{}" },
            { type: "tool_call", id: "b", name: "f", arguments: "{}" },
          ],
        },
        {
          role: "tool",
          content: [{ type: "tool_result", toolCallId: "a", content: [{ type: "text", text: "1" }] }],
        },
        {
          role: "tool",
          content: [{ type: "tool_result", toolCallId: "b", content: [{ type: "text", text: "2" }] }],
        },
        {
          role: "assistant",
          content: [{ type: "tool_call", id: "c", name: "f", arguments: "{}", signature: "real" }],
        },
        {
          role: "tool",
          content: [{ type: "tool_result", toolCallId: "c", content: [{ type: "text", text: "3" }] }],
        },
      ],
    };
    const signatures = (model: string) =>
      encodeGeminiRequest(ir, model)
        .body.contents.filter((c) => c.role === "model")
        .map((c) => c.parts.map((p) => p.thoughtSignature));
    expect(signatures("gemini-3-pro-preview")).toEqual([[GEMINI_SKIP_SIGNATURE, undefined], ["real"]]);
    expect(signatures("gemini-2.5-pro")).toEqual([[undefined, undefined], ["real"]]);
    // Results of one step arrive as consecutive tool messages: they share one user turn.
    expect(encodeGeminiRequest(ir, "gemini-2.5-pro").body.contents.map((c) => c.role)).toEqual([
      "user",
      "model",
      "user",
      "model",
      "user",
    ]);
  });

  it("puts a signature carried by an empty reasoning part back on the following text part", () => {
    const ir: IrChatRequest = {
      ...base,
      messages: [
        user("q"),
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "", signature: "s1" },
            { type: "text", text: "answer" },
            { type: "reasoning", text: "", signature: "s2" },
            { type: "reasoning", text: "", redactedData: "opaque" },
          ],
        },
      ],
    };
    const { body, warnings } = encodeGeminiRequest(ir, "gemini-2.5-flash");
    expect(body.contents[1]!.parts).toEqual([
      { text: "answer", thoughtSignature: "s1" },
      { text: "", thoughtSignature: "s2" },
    ]);
    expect(warnings).toEqual(["redacted reasoning is not supported by gemini; dropped"]);
  });

  it.each([
    [
      "gemini-2.5-flash",
      { enabled: true, effort: "medium" },
      { thinkingBudget: 8192, includeThoughts: true },
      0,
    ],
    [
      "gemini-3-flash-preview",
      { enabled: true, effort: "minimal" },
      { thinkingLevel: "MINIMAL", includeThoughts: true },
      0,
    ],
    [
      "gemini-3-pro-preview",
      { enabled: true, budgetTokens: 1000, effort: "high" },
      { thinkingBudget: 1000, includeThoughts: true },
      0,
    ],
    ["gemini-2.5-flash", { enabled: false }, { thinkingBudget: 0 }, 0],
    ["gemini-3-pro-preview", { enabled: false }, { thinkingLevel: "LOW" }, 1],
    ["gemini-2.5-pro", { enabled: true, includeThoughts: true }, { includeThoughts: true }, 0],
    // Reasoning on, asked to hide thoughts (Anthropic display "omitted"): the request's word wins.
    [
      "gemini-2.5-pro",
      { enabled: true, budgetTokens: 2048, includeThoughts: false },
      { thinkingBudget: 2048, includeThoughts: false },
      0,
    ],
  ] as const)("maps reasoning for %s: %j → %j", (model, reasoning, thinkingConfig, warningCount) => {
    const { body, warnings } = encodeGeminiRequest({ ...base, reasoning }, model);
    expect(body.generationConfig?.thinkingConfig).toEqual(thinkingConfig);
    expect(warnings).toHaveLength(warningCount);
  });

  it("maps tool choices and JSON mode", () => {
    const config = (ir: Partial<IrChatRequest>) =>
      encodeGeminiRequest({ ...base, ...ir }, "gemini-2.5-flash").body;
    expect(config({ toolChoice: { type: "auto" } }).toolConfig).toEqual({
      functionCallingConfig: { mode: "AUTO" },
    });
    expect(config({ toolChoice: { type: "none" } }).toolConfig).toEqual({
      functionCallingConfig: { mode: "NONE" },
    });
    expect(config({ toolChoice: { type: "required" } }).toolConfig).toEqual({
      functionCallingConfig: { mode: "ANY" },
    });
    expect(config({ responseFormat: { type: "json_object" } }).generationConfig).toEqual({
      responseMimeType: "application/json",
    });
    expect(config({}).generationConfig).toBeUndefined();
  });

  it("refuses a tool result that answers no call and carries no name", () => {
    const ir: IrChatRequest = {
      ...base,
      messages: [{ role: "tool", content: [{ type: "tool_result", toolCallId: "nope", content: [] }] }],
    };
    expect(() => encodeGeminiRequest(ir, "gemini-2.5-flash")).toThrow(GatewayError);
  });

  it("keeps text, function calls and function responses through decode → encode", () => {
    fc.assert(
      fc.property(conversationArb, (contents) => {
        const ir = decodeGeminiRequest({ contents }, "m", false);
        const { body } = encodeGeminiRequest(ir, "gemini-2.5-flash");
        expect(body.contents.map(strip)).toEqual(contents.map(strip));
      }),
    );
  });
});

/** A content without the ids the decoder adds, for comparison. */
function strip(content: GeminiContent): unknown {
  return {
    role: content.role,
    parts: content.parts.map((p: GeminiPart) => {
      if (p.functionCall) return { call: p.functionCall.name, args: p.functionCall.args };
      if (p.functionResponse)
        return { result: p.functionResponse.name, response: p.functionResponse.response };
      return p;
    }),
  };
}

const nameArb = fc.constantFrom("get_weather", "lookup", "send_mail");
const textPart = fc.string().map((text) => ({ text }));
const callArb = fc.record({
  name: nameArb,
  args: fc.dictionary(fc.string(), jsonValueArb, { maxKeys: 3 }),
});

/** Alternating user/model turns; every model turn's calls are answered, in order, by the next user turn. */
const conversationArb = fc
  .array(
    fc.tuple(
      fc.array(textPart, { minLength: 1, maxLength: 3 }),
      fc.array(textPart, { maxLength: 2 }),
      fc.array(callArb, { maxLength: 3 }),
    ),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((turns) => {
    const contents: GeminiContent[] = [];
    let answers: GeminiPart[] = [];
    for (const [userParts, modelText, calls] of turns) {
      contents.push({ role: "user", parts: [...answers, ...userParts] });
      const parts: GeminiPart[] = [...modelText, ...calls.map((functionCall) => ({ functionCall }))];
      if (parts.length === 0) parts.push({ text: "ok" });
      contents.push({ role: "model", parts });
      answers = calls.map((c) => ({
        functionResponse: { name: c.name, response: { output: { n: c.name } } },
      }));
    }
    return contents;
  });

describe("encodeGeminiRequest on deep JSON in the conversation", () => {
  it("sends deep arguments as {} and a deep tool result as text, never overflowing the stack", () => {
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
        {
          role: "tool",
          content: [
            {
              type: "tool_result",
              toolCallId: "c",
              content: [{ type: "text", text: `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}` }],
            },
          ],
        },
      ],
    };
    const { body, warnings } = encodeGeminiRequest(ir, "gemini-2.5-flash");
    const text = JSON.stringify(body);
    expect(text).toContain('"args":{}');
    expect(text).toContain('"output":"{\\"a\\":[[[');
    expect(warnings).toEqual([expect.stringMatching(/not a JSON object/)]);
  });
});
