import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeEmbedding } from "./fake-embedding.js";
import { startFakeOpenAI } from "./fake-openai.js";
import type { FakeServer } from "./fake-server.js";

let fake: FakeServer;
let client: OpenAI;
const USER = "Say hello, please"; // 17 characters -> ceil(17 / 4) = 5 prompt tokens

beforeEach(async () => {
  fake = await startFakeOpenAI({ retryAfterSeconds: 7, now: () => 1_700_000_000_000 });
  client = new OpenAI({ baseURL: fake.url, apiKey: "sk-client-key", maxRetries: 0 });
});
afterEach(() => fake.close());

const weatherTool = {
  type: "function" as const,
  function: { name: "lookup", description: "Looks up", parameters: { type: "object", properties: {} } },
};

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

describe("startFakeOpenAI: chat completions", () => {
  it("answers a non-streaming request with an exact chat.completion object", async () => {
    const res = await client.chat.completions.create({
      model: "gpt-4o",
      messages: [{ role: "user", content: USER }],
    });
    expect(res).toEqual({
      id: "chatcmpl-fake000001",
      object: "chat.completion",
      created: 1_700_000_000,
      model: "gpt-4o",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Hello from fake-openai lorem ipsum",
            refusal: null,
            annotations: [],
          },
          logprobs: null,
          finish_reason: "stop",
        },
      ],
      usage: {
        prompt_tokens: 5,
        completion_tokens: 5,
        total_tokens: 10,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 0,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
      service_tier: "default",
      system_fingerprint: "fp_fake",
    });
  });

  it("records what it received: method, path, lowercased headers, raw body and json", async () => {
    await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: USER }] });
    expect(fake.requests).toHaveLength(1);
    const [req] = fake.requests;
    expect(req).toMatchObject({ method: "POST", path: "/v1/chat/completions", mode: "ok" });
    expect(req!.headers["authorization"]).toBe("Bearer sk-client-key");
    expect(req!.json).toEqual({ model: "gpt-4o", messages: [{ role: "user", content: USER }] });
    expect(JSON.parse(req!.body)).toEqual(req!.json);
  });

  it("streams role, one chunk per word, finish, usage (choices []) and [DONE] with include_usage", async () => {
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: USER }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await collect(stream);
    expect(chunks).toHaveLength(1 + 5 + 1 + 1);
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: "assistant", content: "", refusal: null });
    const text = chunks.slice(1, 6).map((c) => c.choices[0]!.delta.content);
    expect(text).toEqual(["Hello", " from", " fake-openai", " lorem", " ipsum"]);
    expect(chunks[6]!.choices[0]).toMatchObject({ delta: {}, finish_reason: "stop" });
    for (const c of chunks.slice(0, 7)) expect(c.usage).toBeNull();
    expect(chunks[7]!.choices).toEqual([]);
    expect(chunks[7]!.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 });
    for (const c of chunks)
      expect(c).toMatchObject({ id: "chatcmpl-fake000001", object: "chat.completion.chunk" });
  });

  it("omits the usage field and chunk entirely without include_usage, and ends with [DONE]", async () => {
    const raw = await postRaw({ model: "m", messages: [{ role: "user", content: "x" }], stream: true });
    expect(raw.headers.get("content-type")).toContain("text/event-stream");
    const events = raw.text.split("\n\n").filter((e) => e.length > 0);
    expect(events.at(-1)).toBe("data: [DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice("data: ".length)));
    expect(chunks).toHaveLength(7);
    for (const c of chunks) expect(c).not.toHaveProperty("usage");
  });

  it("stops at max_tokens with finish_reason length", async () => {
    const res = await client.chat.completions.create({
      model: "m",
      max_completion_tokens: 2,
      messages: [{ role: "user", content: USER }],
    });
    expect(res.choices[0]).toMatchObject({ message: { content: "Hello from" }, finish_reason: "length" });
    expect(res.usage?.completion_tokens).toBe(2);
  });

  it("calls the first tool when asked, streaming id and name then argument fragments", async () => {
    const stream = await client.chat.completions.create({
      model: "gpt-4o",
      messages: [{ role: "user", content: "please call tool now" }],
      tools: [weatherTool],
      stream: true,
    });
    const chunks = await collect(stream);
    const first = chunks[0]!.choices[0]!.delta.tool_calls![0]!;
    expect(first).toEqual({
      index: 0,
      id: "call_fake000001",
      type: "function",
      function: { name: "lookup", arguments: "" },
    });
    const args = chunks.slice(1, -1).map((c) => c.choices[0]!.delta.tool_calls![0]!);
    for (const a of args) expect(a.index).toBe(0);
    expect(args.map((a) => a.function!.arguments).join("")).toBe('{"q":"x"}');
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("tool_calls");
  });

  it("returns a tool call in a non-streaming response, and text when no tools are declared", async () => {
    const messages = [{ role: "user" as const, content: "call tool" }];
    const tool = await client.chat.completions.create({ model: "m", messages, tools: [weatherTool] });
    expect(tool.choices[0]!.finish_reason).toBe("tool_calls");
    expect(tool.choices[0]!.message.content).toBeNull();
    expect(tool.choices[0]!.message.tool_calls).toEqual([
      { id: "call_fake000001", type: "function", function: { name: "lookup", arguments: '{"q":"x"}' } },
    ]);
    const text = await client.chat.completions.create({ model: "m", messages });
    expect(text.choices[0]!.finish_reason).toBe("stop");
  });

  it("answers a tool result with text, not another call", async () => {
    const call = { id: "call_1", type: "function" as const, function: { name: "lookup", arguments: "{}" } };
    const res = await client.chat.completions.create({
      model: "m",
      tools: [weatherTool],
      messages: [
        { role: "user", content: "call tool" },
        { role: "assistant", content: null, tool_calls: [call] },
        { role: "tool", tool_call_id: "call_1", content: "21 °C" },
      ],
    });
    expect(res.choices[0]!.finish_reason).toBe("stop");
    expect(res.choices[0]!.message.tool_calls).toBeUndefined();
  });

  it('calls the first two tools for "call tools": ids _2 apart, indexes 0 and 1, streamed and not', async () => {
    const fetchTool = { ...weatherTool, function: { ...weatherTool.function, name: "fetch" } };
    const request = {
      model: "m",
      messages: [{ role: "user" as const, content: "call tools" }],
      tools: [weatherTool, fetchTool],
    };
    const res = await client.chat.completions.create(request);
    expect(res.choices[0]!.message.tool_calls).toEqual([
      { id: "call_fake000001", type: "function", function: { name: "lookup", arguments: '{"q":"x"}' } },
      { id: "call_fake000001_2", type: "function", function: { name: "fetch", arguments: '{"q":"y"}' } },
    ]);
    const chunks = await collect(await client.chat.completions.create({ ...request, stream: true }));
    const calls = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    const byIndex = [0, 1].map((i) => calls.filter((t) => t.index === i));
    expect(byIndex.map((c) => [c[0]!.id, c[0]!.function!.name])).toEqual([
      ["call_fake000002", "lookup"],
      ["call_fake000002_2", "fetch"],
    ]);
    expect(byIndex.map((c) => c.map((t) => t.function!.arguments).join(""))).toEqual([
      '{"q":"x"}',
      '{"q":"y"}',
    ]);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("tool_calls");
  });

  it("flushes each chunk as written, chunkDelayMs apart", async () => {
    const started = performance.now();
    const res = await fetch(`${fake.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer k", "content-type": "application/json", "x-fake-delay-ms": "60" },
      body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "x" }], stream: true }),
    });
    let text = "";
    let firstWordAt = 0;
    for await (const chunk of res.body!) {
      text += Buffer.from(chunk).toString("utf8");
      if (firstWordAt === 0 && text.includes("Hello")) firstWordAt = performance.now();
    }
    const endedAt = performance.now();
    // 8 events (role, 5 words, finish, [DONE]), each after 60 ms: the stream takes >= 480 ms, and the first
    // word (2nd event) arrives 6 delays before the end (it would arrive with the last one if buffered).
    expect(endedAt - started).toBeGreaterThanOrEqual(470);
    expect(endedAt - firstWordAt).toBeGreaterThanOrEqual(6 * 60 - 20);
  });
});

describe("startFakeOpenAI: other endpoints", () => {
  it("lists models in OpenAI's list shape", async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual(["gpt-4o", "gpt-4o-mini", "text-embedding-3-small"]);
    expect(page.data[0]).toEqual({
      id: "gpt-4o",
      object: "model",
      created: 1_700_000_000,
      owned_by: "openai",
    });
  });

  it("answers embeddings with deterministic vectors, base64 as the SDK asks by default", async () => {
    const res = await client.embeddings.create({
      model: "text-embedding-3-small",
      input: ["a", "b"],
      dimensions: 4,
    });
    expect(fake.requests[0]!.json).toMatchObject({ encoding_format: "base64" });
    expect(res.data.map((d) => d.embedding)).toEqual([fakeEmbedding("a", 4), fakeEmbedding("b", 4)]);
    expect(res.usage).toEqual({ prompt_tokens: 1, total_tokens: 1 });
  });

  it("rejects a request without a bearer key with 401, and a wrong key when apiKey is set", async () => {
    const res = await fetch(`${fake.url}/models`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({
      type: "invalid_request_error",
      param: null,
    });
    const strict = await startFakeOpenAI({ apiKey: "sk-right" });
    const wrong = new OpenAI({ baseURL: strict.url, apiKey: "sk-wrong", maxRetries: 0 });
    await expect(wrong.models.list()).rejects.toMatchObject({ status: 401, code: "invalid_api_key" });
    await strict.close();
  });

  it("answers 400 with param and code for a missing parameter, 404 for an unknown path", async () => {
    const missing = await postRaw({ model: "m" });
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.text).error).toEqual({
      message: "Missing required parameter: 'messages'.",
      type: "invalid_request_error",
      param: "messages",
      code: "missing_required_parameter",
    });
    const res = await fetch(`${fake.url}/nope`, { headers: { authorization: "Bearer k" } });
    expect(res.status).toBe(404);
  });
});

/** POSTs a chat request with fetch and returns status, headers and the whole body text. */
async function postRaw(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${fake.url}/chat/completions`, {
    method: "POST",
    headers: { authorization: "Bearer k", "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}
