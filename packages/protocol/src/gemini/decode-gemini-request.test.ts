import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import type { IrToolCallPart } from "../ir/content.js";
import { decodeGeminiRequest } from "./decode-gemini-request.js";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8"));

function thrown(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error("expected a GatewayError");
}

const hi = { contents: [{ role: "user", parts: [{ text: "Hi" }] }] };

describe("decodeGeminiRequest", () => {
  it("decodes a multi-turn request with tools, images, thoughts and every generation setting", () => {
    const warnings: string[] = [];
    const ir = decodeGeminiRequest(
      fixture("request-multi-turn.json"),
      "models/gemini-2.5-flash",
      true,
      warnings,
    );
    const calls = ir.messages[1]!.content.filter((p): p is IrToolCallPart => p.type === "tool_call");
    const [paris, rome] = calls.map((c) => c.id);
    expect(paris).toMatch(/^call_[0-9a-f]{16}$/);
    expect(rome).not.toBe(paris);
    expect(ir).toEqual({
      model: "gemini-2.5-flash",
      stream: true,
      system: [
        { type: "text", text: "You are a weather bot." },
        { type: "text", text: "Be brief." },
      ],
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Weather in Paris and Rome?" },
            { type: "image", source: { kind: "base64", mediaType: "image/png", data: "iVBORw0KGgo=" } },
          ],
        },
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "The user wants two cities." },
            {
              type: "tool_call",
              id: paris,
              name: "get_weather",
              arguments: '{"city":"Paris"}',
              signature: "c2lnLTE=",
            },
            { type: "tool_call", id: rome, name: "get_weather", arguments: '{"city":"Rome"}' },
          ],
        },
        {
          role: "tool",
          content: [
            {
              type: "tool_result",
              toolCallId: paris,
              name: "get_weather",
              content: [{ type: "text", text: '{"temp":21}' }],
            },
            {
              type: "tool_result",
              toolCallId: rome,
              name: "get_weather",
              content: [{ type: "text", text: "timeout" }],
              isError: true,
            },
          ],
        },
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "", signature: "c2lnLTI=" },
            { type: "text", text: "Paris is 21°C; Rome timed out." },
          ],
        },
        {
          role: "user",
          content: [
            { type: "text", text: "Thanks. What is this?" },
            { type: "image", source: { kind: "url", url: "https://example.com/cat.jpg" } },
          ],
        },
      ],
      tools: [
        {
          name: "get_weather",
          description: "Current weather of a city",
          parameters: {
            type: "object",
            properties: { city: { type: "string" }, unit: { type: ["string", "null"], enum: ["C", "F"] } },
            required: ["city"],
          },
        },
      ],
      toolChoice: { type: "auto" },
      temperature: 0.4,
      topP: 0.9,
      topK: 40,
      maxTokens: 1024,
      stop: ["END"],
      seed: 7,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
      responseFormat: {
        type: "json_schema",
        name: "response",
        schema: { type: "object", properties: { answer: { type: "string" } } },
      },
      reasoning: { enabled: true, budgetTokens: 2048, includeThoughts: true },
    });
    expect(warnings).toEqual([
      "safetySettings is not supported when converting to another provider; dropped",
    ]);
  });

  it("gives the same synthesized ids when the same body is decoded twice", () => {
    const a = decodeGeminiRequest(fixture("request-multi-turn.json"), "m", false);
    const b = decodeGeminiRequest(fixture("request-multi-turn.json"), "m", false);
    expect(a.messages).toEqual(b.messages);
  });

  it("keeps ids the client sent and matches responses to them", () => {
    const ir = decodeGeminiRequest(
      {
        contents: [
          { role: "user", parts: [{ text: "q" }] },
          { role: "model", parts: [{ functionCall: { id: "a1", name: "f", args: {} } }] },
          {
            role: "user",
            parts: [{ functionResponse: { id: "a1", name: "f", response: { x: 1 } } }, { text: "and?" }],
          },
        ],
      },
      "m",
      false,
    );
    expect(ir.messages.slice(2)).toEqual([
      {
        role: "tool",
        content: [
          { type: "tool_result", toolCallId: "a1", name: "f", content: [{ type: "text", text: '{"x":1}' }] },
        ],
      },
      { role: "user", content: [{ type: "text", text: "and?" }] },
    ]);
  });

  it("accepts the snake_case field names of Google's curl examples without touching argument names", () => {
    const ir = decodeGeminiRequest(
      {
        system_instruction: { parts: [{ text: "sys" }] },
        contents: [
          { role: "user", parts: [{ inline_data: { mime_type: "image/jpeg", data: "AAAA" } }] },
          { role: "model", parts: [{ function_call: { name: "f", args: { snake_case_arg: 1 } } }] },
        ],
        generation_config: { max_output_tokens: 10, thinking_config: { thinking_level: "low" } },
      },
      "m",
      false,
    );
    expect(ir.system).toEqual([{ type: "text", text: "sys" }]);
    expect(ir.messages[0]!.content[0]).toEqual({
      type: "image",
      source: { kind: "base64", mediaType: "image/jpeg", data: "AAAA" },
    });
    expect((ir.messages[1]!.content[0] as IrToolCallPart).arguments).toBe('{"snake_case_arg":1}');
    expect(ir.maxTokens).toBe(10);
    expect(ir.reasoning).toEqual({ enabled: true, effort: "low" });
  });

  it("maps function calling modes and narrows tools to allowedFunctionNames", () => {
    const tools = [
      {
        functionDeclarations: [
          { name: "a" },
          { name: "b" },
          { name: "c", parametersJsonSchema: { type: "object" } },
        ],
      },
    ];
    const mode = (functionCallingConfig: object) =>
      decodeGeminiRequest({ ...hi, tools, toolConfig: { functionCallingConfig } }, "m", false);
    expect(mode({ mode: "NONE" }).toolChoice).toEqual({ type: "none" });
    expect(mode({ mode: "ANY" }).toolChoice).toEqual({ type: "required" });
    expect(mode({ mode: "VALIDATED" }).toolChoice).toEqual({ type: "auto" });
    const one = mode({ mode: "ANY", allowedFunctionNames: ["b"] });
    expect(one.toolChoice).toEqual({ type: "tool", name: "b" });
    expect(one.tools?.map((t) => t.name)).toEqual(["b"]);
    const two = mode({ mode: "ANY", allowedFunctionNames: ["a", "c"] });
    expect(two.toolChoice).toEqual({ type: "required" });
    expect(two.tools).toEqual([
      { name: "a", parameters: { type: "object", properties: {} } },
      { name: "c", parameters: { type: "object" } },
    ]);
    expect(thrown(() => mode({ mode: "ANY", allowedFunctionNames: ["zz"] })).code).toBe("invalid_request");
  });

  it("decodes thinking budgets and levels", () => {
    const thinking = (thinkingConfig: object) =>
      decodeGeminiRequest({ ...hi, generationConfig: { thinkingConfig } }, "m", false).reasoning;
    expect(thinking({ thinkingBudget: 0 })).toEqual({ enabled: false });
    expect(thinking({ thinkingBudget: -1 })).toEqual({ enabled: true });
    expect(thinking({ thinkingLevel: "HIGH", includeThoughts: true })).toEqual({
      enabled: true,
      effort: "high",
      includeThoughts: true,
    });
    expect(thinking({ includeThoughts: false })).toBeUndefined();
  });

  it("decodes JSON mode and JSON Schema output", () => {
    const format = (generationConfig: object) =>
      decodeGeminiRequest({ ...hi, generationConfig }, "m", false).responseFormat;
    expect(format({ responseMimeType: "application/json" })).toEqual({ type: "json_object" });
    expect(format({ responseMimeType: "application/json", responseJsonSchema: { type: "array" } })).toEqual({
      type: "json_schema",
      name: "response",
      schema: { type: "array" },
    });
    expect(format({ responseMimeType: "text/plain" })).toEqual({ type: "text" });
  });

  it.each([
    [
      { ...hi, generationConfig: { candidateCount: 2 } },
      "unsupported_parameter",
      "generationConfig.candidateCount",
    ],
    [{ ...hi, tools: [{ googleSearch: {} }] }, "unsupported_parameter", "tools[0].googleSearch"],
    [{ ...hi, tools: [{ codeExecution: {} }] }, "unsupported_parameter", "tools[0].codeExecution"],
    [{ ...hi, cachedContent: "cachedContents/x" }, "unsupported_parameter", "cachedContent"],
    [{ contents: [] }, "invalid_request", "contents"],
    [{}, "invalid_request", "contents"],
    [{ contents: [{ role: "system", parts: [{ text: "x" }] }] }, "invalid_request", "contents[0].role"],
    [{ contents: [{ parts: [] }] }, "invalid_request", "contents[0].parts"],
    [{ contents: [{ parts: [{ text: 5 }] }] }, "invalid_request", "contents[0].parts[0].text"],
    [{ contents: [{ parts: [{ foo: 1 }] }] }, "invalid_request", "contents[0].parts[0]"],
    [
      { contents: [{ parts: [{ functionCall: { name: "f" } }] }] },
      "invalid_request",
      "contents[0].parts[0].functionCall",
    ],
    [{ ...hi, generationConfig: { temperature: "hot" } }, "invalid_request", "generationConfig.temperature"],
    [
      { ...hi, generationConfig: { maxOutputTokens: 1.5 } },
      "invalid_request",
      "generationConfig.maxOutputTokens",
    ],
    [
      { ...hi, generationConfig: { responseSchema: { type: "OBJECT" } } },
      "invalid_request",
      "generationConfig.responseMimeType",
    ],
    [
      { ...hi, generationConfig: { thinkingConfig: { thinkingLevel: "huge" } } },
      "invalid_request",
      "generationConfig.thinkingConfig.thinkingLevel",
    ],
    [
      { ...hi, toolConfig: { functionCallingConfig: { mode: "SOMETIMES" } } },
      "invalid_request",
      "toolConfig.functionCallingConfig.mode",
    ],
  ])("refuses %j with %s at %s", (body, code, param) => {
    const err = thrown(() => decodeGeminiRequest(body, "m", false));
    expect(err.code).toBe(code);
    expect(err.status).toBe(400);
    expect(err.details.param).toBe(param);
  });
});
