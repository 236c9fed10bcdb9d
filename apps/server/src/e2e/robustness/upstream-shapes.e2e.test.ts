import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { addModel, addProvider } from "../routing/routing-fixture.js";
import { type ScriptedAnswer, type ScriptedUpstream, startScriptedUpstream } from "./scripted-upstream.js";

// An Anthropic client with tools, served by a Gemini upstream whose answers the tests write.
// @see https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse
// @see https://ai.google.dev/api/caching#FunctionCall (id, name, args)
// @see https://ai.google.dev/gemini-api/docs/thought-signatures (thoughtSignature on a part)
// @see https://googleapis.github.io/js-genai/release_docs/interfaces/types.FunctionCall.html (partialArgs, willContinue)

const PROVIDER = "gem-up";
let up: ScriptedUpstream;
let gw: TestGateway;
let script: ScriptedAnswer = { body: "{}" };

beforeAll(async () => {
  up = await startScriptedUpstream(() => script);
  gw = await startTestGateway({ retryPolicy: { maxAttempts: 1 } });
  await addProvider(gw, PROVIDER, "gemini", { url: up.origin });
  await addModel(gw, "g", [{ provider: PROVIDER }]);
});
afterAll(async () => {
  await gw?.close();
  await up?.close();
});

/** A generateContent answer with these parts in its one candidate. */
function answerOf(parts: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    candidates: [{ content: { role: "model", parts }, finishReason: "STOP", index: 0 }],
    usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 3, totalTokenCount: 8 },
    modelVersion: "up-g",
    responseId: "resp-1",
    ...extra,
  });
}

async function messages(stream: boolean) {
  const res = await fetch(`${gw.url}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": gw.key, "anthropic-version": "2023-06-01" },
    body: JSON.stringify({
      model: "g",
      max_tokens: 256,
      stream,
      messages: [{ role: "user", content: "Weather in Paris?" }],
      tools: [
        {
          name: "get_weather",
          description: "Current weather",
          input_schema: { type: "object", properties: { city: { type: "string" } } },
        },
      ],
    }),
  });
  return { status: res.status, text: await res.text() };
}

// biome-ignore lint/suspicious/noExplicitAny: stream events are read loosely, field by field, only in assertions
type Json = Record<string, any>;

interface ToolUse {
  id: string;
  name: string;
  input: unknown;
}

/** The tool_use blocks of an Anthropic message. */
function toolUses(text: string): ToolUse[] {
  const body = JSON.parse(text) as { content: Array<ToolUse & { type: string }>; stop_reason: string };
  expect(body.stop_reason).toBe("tool_use");
  return body.content
    .filter((b) => b.type === "tool_use")
    .map(({ id, name, input }) => ({ id, name, input }));
}

/** The tool_use blocks of an Anthropic stream: content_block_start, then input_json_delta fragments. */
function streamedToolUses(sse: string): ToolUse[] {
  const events = sse
    .split("\n")
    .filter((l) => l.startsWith("data:"))
    .map((l) => JSON.parse(l.slice(5)) as Json);
  expect(events.at(-1)?.type).toBe("message_stop");
  const blocks = new Map<number, { id: string; name: string; json: string }>();
  for (const e of events) {
    if (e.type === "content_block_start" && e.content_block.type === "tool_use")
      blocks.set(e.index, { id: e.content_block.id, name: e.content_block.name, json: "" });
    if (e.type === "content_block_delta" && e.delta.type === "input_json_delta")
      blocks.get(e.index)!.json += e.delta.partial_json;
  }
  return [...blocks.values()].map((b) => ({ id: b.id, name: b.name, input: JSON.parse(b.json || "{}") }));
}

describe("documented functionCall variants → 200 with the tool call", () => {
  it("args absent → input {}", async () => {
    script = { body: answerOf([{ functionCall: { name: "get_weather" } }]) };
    const r = await messages(false);
    expect(r.status, r.text).toBe(200);
    expect(toolUses(r.text)).toEqual([{ id: expect.any(String), name: "get_weather", input: {} }]);
  });

  it("an id → the client's tool_use id is Gemini's", async () => {
    script = {
      body: answerOf([{ functionCall: { id: "call-7", name: "get_weather", args: { city: "Paris" } } }]),
    };
    const r = await messages(false);
    expect(r.status, r.text).toBe(200);
    expect(toolUses(r.text)).toEqual([{ id: "call-7", name: "get_weather", input: { city: "Paris" } }]);
  });

  it("a thoughtSignature on the part, after a thought, with a parallel call", async () => {
    script = {
      body: answerOf([
        { text: "Checking.", thought: true },
        { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: "c2lnLWE=" },
        { functionCall: { name: "get_weather", args: { city: "Rome" } } },
      ]),
    };
    const r = await messages(false);
    expect(r.status, r.text).toBe(200);
    const calls = toolUses(r.text);
    expect(calls.map((c) => c.input)).toEqual([{ city: "Paris" }, { city: "Rome" }]);
    expect(new Set(calls.map((c) => c.id)).size).toBe(2);
  });

  it("streamed: a whole functionCall in one chunk", async () => {
    script = {
      headers: { "content-type": "text/event-stream" },
      body: [
        `data: ${answerOf([{ functionCall: { id: "c1", name: "get_weather", args: { city: "Oslo" } } }])}\r\n\r\n`,
      ],
    };
    const r = await messages(true);
    expect(r.status, r.text).toBe(200);
    expect(streamedToolUses(r.text)).toEqual([{ id: "c1", name: "get_weather", input: { city: "Oslo" } }]);
  });

  it("streamed: arguments as partialArgs over several chunks (Vertex streamFunctionCallArguments)", async () => {
    const chunk = (fc: unknown, extra: Record<string, unknown> = {}) =>
      `data: ${JSON.stringify({ candidates: [{ content: { role: "model", parts: [{ functionCall: fc, ...extra }] } }], responseId: "s1" })}\r\n\r\n`;
    script = {
      headers: { "content-type": "text/event-stream" },
      body: [
        chunk({ name: "get_weather", willContinue: true }, { thoughtSignature: "U0lHLVY=" }),
        chunk({
          partialArgs: [{ jsonPath: "$.city", stringValue: "San ", willContinue: true }],
          willContinue: true,
        }),
        chunk({ partialArgs: [{ jsonPath: "$.city", stringValue: "Francisco" }], willContinue: true }),
        chunk({ partialArgs: [{ jsonPath: "$.days[0]", numberValue: 2 }], willContinue: true }),
        chunk({}),
        `data: ${answerOf([{ text: "" }])}\r\n\r\n`,
      ],
    };
    const r = await messages(true);
    expect(r.status, r.text).toBe(200);
    expect(streamedToolUses(r.text)).toEqual([
      { id: expect.any(String), name: "get_weather", input: { city: "San Francisco", days: [2] } },
    ]);
  });
});

describe("undocumented shapes → 502 upstream_error naming the provider and the field", () => {
  it.each([
    [
      "args a string",
      answerOf([{ functionCall: { name: "get_weather", args: '{"city":"Paris"}' } }]),
      "functionCall.args",
    ],
    [
      "args an array",
      answerOf([{ functionCall: { name: "get_weather", args: ["Paris"] } }]),
      "functionCall.args",
    ],
    ["a name that is a number", answerOf([{ functionCall: { name: 7 } }]), "functionCall.name"],
    [
      "parts not an array",
      answerOf([]).replace('"parts":[]', '"parts":{"text":"Hi"}'),
      "candidates[0].content.parts",
    ],
    ["a part that is a string", answerOf(["Hi"]), "candidates[0].content.parts[0]"],
    ["candidates a number", JSON.stringify({ candidates: 5 }), "candidates"],
    ["content a string", JSON.stringify({ candidates: [{ content: "Hi" }] }), "candidates[0].content"],
  ])("%s", async (_, body, field) => {
    script = { body };
    const r = await messages(false);
    expect(r.status, r.text).toBe(502);
    const err = JSON.parse(r.text) as { type: string; error: { type: string; message: string } };
    // Anthropic's type for a 502 upstream_error. @see https://docs.anthropic.com/en/api/errors
    expect([err.type, err.error.type]).toEqual(["error", "api_error"]);
    expect(err.error.message).toContain(`'${PROVIDER}'`);
    expect(err.error.message).toContain(field);
  });
});

describe("undocumented shapes in a stream → the protocol's error event naming the field, no message_stop", () => {
  const sse = (...chunks: string[]) => ({
    headers: { "content-type": "text/event-stream" },
    body: chunks.map((c) => `data: ${c}\r\n\r\n`),
  });
  it.each([
    ["candidates a number, first chunk", sse('{"candidates":5}'), "candidates must be an array"],
    [
      "parts not an array, after some text",
      sse(
        answerOf([{ text: "Hi" }]).replace('"finishReason":"STOP",', ""),
        '{"candidates":[{"content":{"parts":{}}}]}',
      ),
      "candidates[0].content.parts must be an array",
    ],
    [
      "partialArgs a string",
      sse(
        '{"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather","partialArgs":"x"}}]}}]}',
      ),
      "functionCall.partialArgs must be an array",
    ],
  ])("%s", async (_, answer, problem) => {
    script = answer;
    const r = await messages(true);
    expect(r.status).toBe(200);
    const last = r.text.trim().split("\n").at(-1)!;
    const event = JSON.parse(last.slice("data:".length)) as { type: string; error: { message: string } };
    expect(event.type).toBe("error");
    expect(event.error.message).toContain(problem);
    expect(r.text).not.toContain("message_stop");
  });
});
