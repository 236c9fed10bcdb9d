import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import type { IrChatRequest } from "../ir/chat-request.js";
import { jsonValueArb } from "../testing/json-value-arb.js";
import { fixtureJson } from "./__fixtures__/load-fixture.js";
import { decodeAnthropicRequest } from "./decode-anthropic-request.js";

const base = { model: "claude-sonnet-4-5", max_tokens: 1024, messages: [{ role: "user", content: "Hi" }] };

function decodeError(body: unknown): GatewayError {
  try {
    decodeAnthropicRequest(body);
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error("expected a GatewayError");
}

describe("decodeAnthropicRequest", () => {
  it("decodes a full documented request: system with cache, images, thinking, tools, results", () => {
    const ir = decodeAnthropicRequest(fixtureJson("request-full.json"));
    const expected: IrChatRequest = {
      model: "claude-sonnet-4-5",
      maxTokens: 16000,
      system: [
        { type: "text", text: "You are a weather assistant." },
        { type: "text", text: "Long reference text ...", cacheControl: { type: "ephemeral", ttl: "1h" } },
      ],
      messages: [
        {
          role: "user",
          content: [
            { type: "image", source: { kind: "base64", mediaType: "image/png", data: "iVBORw0KGgo=" } },
            { type: "image", source: { kind: "url", url: "https://example.com/sky.jpg" } },
            { type: "text", text: "What is the weather in Paris and in Rome?" },
          ],
        },
        {
          role: "assistant",
          content: [
            {
              type: "reasoning",
              text: "I should call the tool twice.",
              signature: "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+/=",
            },
            {
              type: "reasoning",
              text: "",
              redactedData: "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP",
            },
            { type: "text", text: "Let me check both cities." },
            {
              type: "tool_call",
              id: "toolu_01A",
              name: "get_weather",
              arguments: '{"location":"Paris, France","unit":"celsius"}',
            },
            {
              type: "tool_call",
              id: "toolu_01B",
              name: "get_weather",
              arguments: '{"location":"Rome, Italy"}',
            },
          ],
        },
        {
          role: "tool",
          content: [
            {
              type: "tool_result",
              toolCallId: "toolu_01A",
              content: [{ type: "text", text: "15 degrees, cloudy" }],
            },
            {
              type: "tool_result",
              toolCallId: "toolu_01B",
              content: [{ type: "text", text: "Service unavailable" }],
              isError: true,
            },
          ],
        },
        { role: "user", content: [{ type: "text", text: "Retry Rome please." }] },
      ],
      tools: [
        {
          name: "get_weather",
          description: "Get the current weather in a given location",
          parameters: {
            type: "object",
            properties: {
              location: { type: "string", description: "The city and country" },
              unit: { type: "string", enum: ["celsius", "fahrenheit"] },
            },
            required: ["location"],
          },
          cacheControl: { type: "ephemeral" },
        },
      ],
      toolChoice: { type: "auto" },
      parallelToolCalls: false,
      reasoning: { enabled: true, budgetTokens: 10000 },
      stop: ["\n\nHuman:"],
      user: "user-7f3a",
      stream: true,
    };
    expect(ir).toEqual(expected);
  });

  it("reads string content, sampling and a missing stream flag", () => {
    const ir = decodeAnthropicRequest({
      ...base,
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      system: "Be brief.",
    });
    expect(ir).toEqual({
      model: "claude-sonnet-4-5",
      maxTokens: 1024,
      system: [{ type: "text", text: "Be brief." }],
      messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      stream: false,
    });
  });

  it.each([
    [{ type: "any" }, { toolChoice: { type: "required" } }],
    [
      { type: "tool", name: "f", disable_parallel_tool_use: false },
      { toolChoice: { type: "tool", name: "f" }, parallelToolCalls: true },
    ],
    [{ type: "none" }, { toolChoice: { type: "none" } }],
  ])("maps tool_choice %j", (choice, wanted) => {
    const ir = decodeAnthropicRequest({
      ...base,
      tools: [{ name: "f", input_schema: { type: "object" } }],
      tool_choice: choice,
    });
    expect({ toolChoice: ir.toolChoice, parallelToolCalls: ir.parallelToolCalls }).toEqual({
      parallelToolCalls: undefined,
      ...wanted,
    });
  });

  it.each([
    [{ thinking: { type: "disabled" } }, { enabled: false }],
    [{ thinking: { type: "adaptive", display: "omitted" } }, { enabled: true, includeThoughts: false }],
    [
      { thinking: { type: "adaptive" }, output_config: { effort: "max" } },
      { enabled: true, effort: "high" },
    ],
    [{ output_config: { effort: "low" } }, { enabled: true, effort: "low" }],
  ])("maps thinking and effort %j", (extra, reasoning) => {
    expect(decodeAnthropicRequest({ ...base, ...extra }).reasoning).toEqual(reasoning);
  });

  it("reads structured outputs from output_config.format and the beta output_format", () => {
    const schema = { type: "object", properties: { a: { type: "string" } }, additionalProperties: false };
    const wanted = { type: "json_schema", name: "response", schema };
    expect(
      decodeAnthropicRequest({ ...base, output_config: { format: { type: "json_schema", schema } } })
        .responseFormat,
    ).toEqual(wanted);
    expect(
      decodeAnthropicRequest({ ...base, output_format: { type: "json_schema", schema } }).responseFormat,
    ).toEqual(wanted);
  });

  it("takes leading system-role messages into the system prompt", () => {
    const ir = decodeAnthropicRequest({
      ...base,
      system: "A",
      messages: [{ role: "system", content: "B" }, ...base.messages],
    });
    expect(ir.system).toEqual([
      { type: "text", text: "A" },
      { type: "text", text: "B" },
    ]);
    expect(ir.messages).toHaveLength(1);
  });

  it.each([
    [{ ...base, max_tokens: undefined }, "invalid_request", "max_tokens"],
    [{ ...base, max_tokens: 1.5 }, "invalid_request", "max_tokens"],
    [{ ...base, model: 7 }, "invalid_request", "model"],
    [{ ...base, messages: [] }, "invalid_request", "messages"],
    [{ ...base, messages: [{ role: "bot", content: "x" }] }, "invalid_request", "messages.0.role"],
    [{ ...base, temperature: 1.5 }, "invalid_request", "temperature"],
    [{ ...base, stop_sequences: ["a", 1] }, "invalid_request", "stop_sequences.1"],
    [
      { ...base, thinking: { type: "enabled", budget_tokens: 100 } },
      "invalid_request",
      "thinking.budget_tokens",
    ],
    [{ ...base, thinking: { type: "enabled" } }, "invalid_request", "thinking.budget_tokens"],
    [
      {
        ...base,
        messages: [{ role: "user", content: [{ type: "tool_use", id: "t", name: "f", input: {} }] }],
      },
      "invalid_request",
      "messages.0.content.0.type",
    ],
    [
      {
        ...base,
        messages: [{ role: "assistant", content: [{ type: "tool_use", id: "t", name: "f", input: "x" }] }],
      },
      "invalid_request",
      "messages.0.content.0.input",
    ],
    [
      { ...base, messages: [...base.messages, { role: "system", content: "late" }] },
      "invalid_request",
      "messages.1.role",
    ],
  ])("rejects bad input %# with a 400 naming the field", (body, code, param) => {
    const err = decodeError(body);
    expect(err.code).toBe(code);
    expect(err.status).toBe(400);
    expect(err.details.param).toBe(param);
    expect(err.message).toContain(param);
  });

  it("never throws anything but a 400-class GatewayError on arbitrary JSON", () => {
    fc.assert(
      fc.property(jsonValueArb, (body) => {
        try {
          decodeAnthropicRequest(body);
        } catch (err) {
          expect(err).toBeInstanceOf(GatewayError);
          expect((err as GatewayError).status).toBe(400);
        }
      }),
    );
  });

  it("never throws anything but a 400-class GatewayError on mutated valid bodies", () => {
    const paths = collectPaths(fixtureJson("request-full.json"));
    fc.assert(
      fc.property(fc.constantFrom(...paths), jsonValueArb, (path, value) => {
        const body = fixtureJson("request-full.json");
        setPath(body, path, value);
        try {
          decodeAnthropicRequest(body);
        } catch (err) {
          expect(err).toBeInstanceOf(GatewayError);
          expect((err as GatewayError).status).toBe(400);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** Every path to a value inside a JSON document. */
function collectPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...collectPaths(v, [...prefix, i]));
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push(...collectPaths(v, [...prefix, k]));
  }
  return out.filter((p) => p.length > 0);
}

function setPath(root: Record<string, unknown>, path: Array<string | number>, value: unknown): void {
  let node: Record<string | number, unknown> = root;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
}
