import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import type { IrChatRequest } from "../ir/chat-request.js";
import { jsonValueArb } from "../testing/json-value-arb.js";
import { fixtureJson } from "./__fixtures__/fixtures.js";
import { decodeOpenAIRequest, decodeOpenAIRequestWithWarnings } from "./decode-openai-request.js";

const minimal = { model: "gpt-4o", messages: [{ role: "user", content: "Hi" }] };

function rejects(body: unknown): GatewayError {
  try {
    decodeOpenAIRequest(body);
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    return err as GatewayError;
  }
  throw new Error("expected decodeOpenAIRequest to throw");
}

describe("decodeOpenAIRequest", () => {
  it("decodes every supported field of a recorded request", () => {
    const { request, warnings } = decodeOpenAIRequestWithWarnings(fixtureJson("chat-request-full.json"));
    const expected: IrChatRequest = {
      model: "gpt-4o",
      system: [
        { type: "text", text: "You are a weather bot." },
        { type: "text", text: "Answer in French." },
      ],
      messages: [
        {
          role: "user",
          name: "alice",
          content: [
            { type: "text", text: "What is the weather here and in this picture?" },
            { type: "image", source: { kind: "url", url: "https://example.com/sky.png" }, detail: "high" },
            { type: "image", source: { kind: "base64", mediaType: "image/png", data: "iVBORw0KGgo=" } },
          ],
        },
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "I need both cities." },
            { type: "tool_call", id: "call_a", name: "get_weather", arguments: '{"city":"Paris"}' },
            { type: "tool_call", id: "call_b", name: "get_weather", arguments: '{"city":"Lyon"}' },
          ],
        },
        {
          role: "tool",
          content: [
            {
              type: "tool_result",
              toolCallId: "call_a",
              name: "get_weather",
              content: [{ type: "text", text: "18C, sunny" }],
            },
          ],
        },
        {
          role: "tool",
          content: [
            {
              type: "tool_result",
              toolCallId: "call_b",
              name: "get_weather",
              content: [{ type: "text", text: "error: station offline" }],
            },
          ],
        },
        { role: "assistant", content: [{ type: "text", text: "Paris: 18C." }] },
        { role: "user", content: [{ type: "text", text: "Thanks" }] },
      ],
      tools: [
        {
          name: "get_weather",
          description: "Current weather for a city",
          parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
          strict: true,
        },
      ],
      toolChoice: { type: "tool", name: "get_weather" },
      parallelToolCalls: true,
      maxTokens: 512,
      temperature: 0.2,
      topP: 0.9,
      stop: ["END", "STOP"],
      seed: 42,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
      responseFormat: {
        type: "json_schema",
        name: "weather",
        description: "A weather report",
        schema: { type: "object", properties: { summary: { type: "string" } } },
        strict: true,
      },
      reasoning: { enabled: true, effort: "low" },
      stream: true,
      streamUsage: true,
      user: "user-123",
    };
    expect(request).toEqual(expected);
    expect(warnings).toEqual(["logprobs is not supported by the gateway; dropped"]);
  });

  it("reads max_tokens when max_completion_tokens is absent, and a single stop string", () => {
    const ir = decodeOpenAIRequest({ ...minimal, max_tokens: 100, stop: "END" });
    expect(ir.maxTokens).toBe(100);
    expect(ir.stop).toEqual(["END"]);
    expect(decodeOpenAIRequest({ ...minimal, max_tokens: 100, max_completion_tokens: 7 }).maxTokens).toBe(7);
  });

  it("maps tool_choice strings and response formats", () => {
    for (const choice of ["none", "auto", "required"] as const) {
      expect(decodeOpenAIRequest({ ...minimal, tool_choice: choice }).toolChoice).toEqual({ type: choice });
    }
    expect(
      decodeOpenAIRequest({ ...minimal, response_format: { type: "json_object" } }).responseFormat,
    ).toEqual({
      type: "json_object",
    });
  });

  it("maps reasoning_effort: none disables, xhigh is sent as high with a warning", () => {
    expect(decodeOpenAIRequest({ ...minimal, reasoning_effort: "none" }).reasoning).toEqual({
      enabled: false,
    });
    expect(decodeOpenAIRequest({ ...minimal, reasoning_effort: "minimal" }).reasoning).toEqual({
      enabled: true,
      effort: "minimal",
    });
    const { request, warnings } = decodeOpenAIRequestWithWarnings({ ...minimal, reasoning_effort: "xhigh" });
    expect(request.reasoning).toEqual({ enabled: true, effort: "high" });
    expect(warnings).toEqual(["reasoning_effort 'xhigh' is not supported by the gateway; sent as 'high'"]);
  });

  it("keeps stream_options only for streams, and takes safety_identifier as the user", () => {
    expect(
      decodeOpenAIRequest({ ...minimal, stream_options: { include_usage: true } }).streamUsage,
    ).toBeUndefined();
    expect(decodeOpenAIRequest({ ...minimal, safety_identifier: "h-1" }).user).toBe("h-1");
  });

  it("turns refusal, `reasoning` and assistant content parts into IR parts", () => {
    const ir = decodeOpenAIRequest({
      model: "m",
      messages: [
        {
          role: "assistant",
          reasoning: "think",
          content: [
            { type: "text", text: "a" },
            { type: "refusal", refusal: "no" },
          ],
        },
      ],
    });
    expect(ir.messages[0]!.content).toEqual([
      { type: "reasoning", text: "think" },
      { type: "text", text: "a" },
      { type: "text", text: "no" },
    ]);
  });

  it.each([
    [{ ...minimal, n: 1.5 }, "n", /integer/],
    [{ ...minimal, functions: "f" }, "functions", /array/],
    [{ ...minimal, modalities: [1] }, "modalities[0]", /string/],
    [{ ...minimal, tools: [{ type: "custom" }] }, "tools[0].custom", /object/],
    [{ ...minimal, tools: [{ type: "web" }] }, "tools[0].type", /'function' or 'custom'/],
    [{ ...minimal, temperature: 3 }, "temperature", /between 0 and 2/],
    [{ ...minimal, max_tokens: 1.5 }, "max_tokens", /integer/],
    [{ ...minimal, messages: [] }, "messages", /at least one/],
    [{ ...minimal, reasoning_effort: "huge" }, "reasoning_effort", /one of/],
    [{ messages: minimal.messages }, "model", /string/],
    [{ ...minimal, messages: [{ role: "tool", content: "x" }] }, "messages[0].tool_call_id", /string/],
  ])("refuses %j with a 400 naming %s", (body, param, message) => {
    const err = rejects(body);
    expect(err.code).toBe("invalid_request");
    expect(err.status).toBe(400);
    expect(err.details.param).toBe(param);
    expect(err.message).toMatch(message);
  });

  it("throws only 400-class GatewayErrors for arbitrary JSON", () => {
    fc.assert(
      fc.property(jsonValueArb, (value) => {
        try {
          decodeOpenAIRequest(value);
        } catch (err) {
          expect(err).toBeInstanceOf(GatewayError);
          expect((err as GatewayError).status).toBe(400);
        }
      }),
    );
  });

  it("throws only 400-class GatewayErrors for mutations of a valid body", () => {
    const base = fixtureJson("chat-request-full.json");
    const paths = collectPaths(base);
    fc.assert(
      fc.property(fc.constantFrom(...paths), jsonValueArb, (path, replacement) => {
        const body = structuredClone(base);
        setAt(body, path, replacement);
        try {
          decodeOpenAIRequest(body);
        } catch (err) {
          expect(err).toBeInstanceOf(GatewayError);
          expect((err as GatewayError).status).toBe(400);
        }
      }),
      { numRuns: 500 },
    );
  });
});

type Path = Array<string | number>;

function collectPaths(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...collectPaths(v, [...at, i]));
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push(...collectPaths(v, [...at, k]));
  }
  return out.filter((p) => p.length > 0);
}

function setAt(root: unknown, path: Path, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
}
