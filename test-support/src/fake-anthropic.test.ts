import Anthropic from "@anthropic-ai/sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FAKE_THINKING_SIGNATURE } from "./encode-anthropic-fake-response.js";
import { startFakeAnthropic } from "./fake-anthropic.js";
import type { FakeServer } from "./fake-server.js";

let fake: FakeServer;
let client: Anthropic;
const USER = "Say hello, please"; // 17 characters -> 5 input tokens
const base = {
  model: "claude-sonnet-4-5",
  max_tokens: 100,
  messages: [{ role: "user" as const, content: USER }],
};
const tools = [
  { name: "lookup", description: "Looks up", input_schema: { type: "object" as const, properties: {} } },
];

beforeEach(async () => {
  fake = await startFakeAnthropic({ retryAfterSeconds: 3 });
  client = new Anthropic({ baseURL: fake.url, apiKey: "sk-ant-client", maxRetries: 0 });
});
afterEach(() => fake.close());

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

describe("startFakeAnthropic: messages", () => {
  it("answers a non-streaming request with an exact message object", async () => {
    const msg = await client.messages.create(base);
    expect(msg).toEqual({
      id: "msg_fake000001",
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4-5",
      content: [{ type: "text", text: "Hello from fake-anthropic lorem ipsum" }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: {
        input_tokens: 5,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 5,
        service_tier: "standard",
      },
    });
    // SDK 1.x (API version 2026-10-21) sends the key as a bearer token.
    expect(fake.requests[0]!.headers["authorization"]).toBe("Bearer sk-ant-client");
    expect(fake.requests[0]!.headers["anthropic-version"]).toBe("2026-10-21");
  });

  it("streams message_start, block start/ping/deltas/stop, message_delta and message_stop", async () => {
    const events = await collect(await client.messages.create({ ...base, stream: true }));
    // The SDK swallows `ping`; the raw stream test below sees it.
    expect(events.map((e) => e.type)).toEqual([
      "message_start",
      "content_block_start",
      ...Array(5).fill("content_block_delta"),
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(events[0]).toMatchObject({
      message: { content: [], stop_reason: null, usage: { input_tokens: 5, output_tokens: 1 } },
    });
    expect(events.at(-2)).toEqual({
      type: "message_delta",
      delta: { stop_reason: "end_turn", stop_sequence: null },
      usage: { output_tokens: 5 },
    });
  });

  it("streams thinking (thinking_delta, signature_delta) before the text when thinking is enabled", async () => {
    const stream = client.messages.stream({ ...base, thinking: { type: "enabled", budget_tokens: 1024 } });
    const deltas: string[] = [];
    stream.on("streamEvent", (e) => {
      if (e.type === "content_block_delta") deltas.push(e.delta.type);
    });
    const final = await stream.finalMessage();
    expect(deltas).toEqual([
      "thinking_delta",
      "thinking_delta",
      "signature_delta",
      ...Array(5).fill("text_delta"),
    ]);
    expect(final.content[0]).toEqual({
      type: "thinking",
      thinking: "Let me think about this.",
      signature: FAKE_THINKING_SIGNATURE,
    });
    expect(final.usage.output_tokens).toBe(7);
  });

  it("calls the first tool, streaming input_json_delta fragments, stop_reason tool_use", async () => {
    const messages = [{ role: "user" as const, content: "call tool please" }];
    const stream = client.messages.stream({ ...base, messages, tools });
    const final = await stream.finalMessage();
    expect(final.content).toEqual([
      { type: "tool_use", id: "toolu_fake000001", name: "lookup", input: { q: "x" } },
    ]);
    expect(final.stop_reason).toBe("tool_use");
    const plain = await client.messages.create({ ...base, messages, tools });
    expect(plain.content).toEqual([
      { type: "tool_use", id: "toolu_fake000002", name: "lookup", input: { q: "x" } },
    ]);
  });

  it('calls the first two tools for "call tools", as two tool_use blocks, streamed and not', async () => {
    const messages = [{ role: "user" as const, content: "call tools" }];
    const two = [...tools, { ...tools[0]!, name: "fetch" }];
    const final = await client.messages.stream({ ...base, messages, tools: two }).finalMessage();
    expect(final.content).toEqual([
      { type: "tool_use", id: "toolu_fake000001", name: "lookup", input: { q: "x" } },
      { type: "tool_use", id: "toolu_fake000001_2", name: "fetch", input: { q: "y" } },
    ]);
    const plain = await client.messages.create({ ...base, messages, tools: two });
    expect(plain.content.map((b) => (b.type === "tool_use" ? [b.id, b.name, b.input] : b.type))).toEqual([
      ["toolu_fake000002", "lookup", { q: "x" }],
      ["toolu_fake000002_2", "fetch", { q: "y" }],
    ]);
    expect(plain.stop_reason).toBe("tool_use");
  });

  it("stops at max_tokens with stop_reason max_tokens", async () => {
    const msg = await client.messages.create({ ...base, max_tokens: 2 });
    expect(msg).toMatchObject({ content: [{ text: "Hello from" }], stop_reason: "max_tokens" });
  });
});

describe("startFakeAnthropic: other endpoints and errors", () => {
  it("counts tokens and lists models", async () => {
    const count = await client.messages.countTokens({
      model: base.model,
      system: "abcd",
      messages: base.messages,
    });
    expect(count).toEqual({ input_tokens: 6 });
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual(["claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1"]);
    expect(page.data[0]).toMatchObject({ type: "model", created_at: "2025-01-01T00:00:00Z" });
  });

  it("answers 401 without x-api-key and 400 without anthropic-version, in Anthropic's error shape", async () => {
    const noKey = await fetch(`${fake.url}/v1/messages`, { method: "POST", body: JSON.stringify(base) });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toEqual({
      type: "error",
      error: { type: "authentication_error", message: "x-api-key header is required" },
      request_id: "req_fake_000001",
    });
    const noVersion = await fetch(`${fake.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": "k" },
      body: JSON.stringify(base),
    });
    expect(noVersion.status).toBe(400);
    expect(((await noVersion.json()) as { error: unknown }).error).toEqual({
      type: "invalid_request_error",
      message: "anthropic-version: header is required",
    });
  });

  it("accepts x-api-key, checks it against apiKey, and rejects temperature in version 2026-10-21", async () => {
    const strict = await startFakeAnthropic({ apiKey: "right" });
    const post = (headers: Record<string, string>, body: object = base) =>
      fetch(`${strict.url}/v1/messages`, { method: "POST", headers, body: JSON.stringify(body) });
    expect((await post({ "x-api-key": "right", "anthropic-version": "2023-06-01" })).status).toBe(200);
    expect((await post({ "x-api-key": "wrong", "anthropic-version": "2023-06-01" })).status).toBe(401);
    const old = await post(
      { "x-api-key": "right", "anthropic-version": "2023-06-01" },
      { ...base, temperature: 1 },
    );
    expect(old.status).toBe(200);
    const next = await post(
      { "x-api-key": "right", "anthropic-version": "2026-10-21" },
      { ...base, temperature: 1 },
    );
    expect(next.status).toBe(400);
    await strict.close();
  });

  it("answers 400 naming a missing required field", async () => {
    const { max_tokens: _, ...noMax } = base;
    await expect(client.messages.create(noMax as typeof base)).rejects.toMatchObject({
      status: 400,
      error: { error: { type: "invalid_request_error", message: "max_tokens: Field required" } },
    });
  });

  it.each([
    ["error-529", 529, "overloaded_error"],
    ["error-429", 429, "rate_limit_error"],
    ["error-500", 500, "api_error"],
    ["error-401", 401, "authentication_error"],
  ] as const)("%s answers %i with error type %s", async (mode, status, type) => {
    fake.setMode(mode);
    const err = await client.messages.create(base).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect(err).toMatchObject({ status, error: { type: "error", error: { type } } });
    if (status === 429)
      expect((err as InstanceType<typeof Anthropic.APIError>).headers?.get("retry-after")).toBe("3");
  });

  it("stream-error: sends the first events, then an `event: error` the SDK raises", async () => {
    fake.setMode("stream-error");
    const seen: string[] = [];
    const stream = await client.messages.create({ ...base, stream: true });
    const err = await (async () => {
      for await (const e of stream) seen.push(e.type);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["message_start", "content_block_start"]);
    expect(err).toMatchObject({ error: { type: "error", error: { type: "overloaded_error" } } });
  });

  it("sends a ping after the first content_block_start, each event named after its type", async () => {
    const res = await fetch(`${fake.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": "k", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ ...base, stream: true }),
    });
    const events = (await res.text()).split("\n\n").filter((e) => e.length > 0);
    expect(events[2]).toBe('event: ping\ndata: {"type":"ping"}');
    for (const e of events) {
      const [name, data] = e.split("\n");
      expect(JSON.parse(data!.slice("data: ".length)).type).toBe(name!.slice("event: ".length));
    }
  });

  it("cut-stream: ends after the first events without message_stop", async () => {
    const res = await fetch(`${fake.url}/v1/messages`, {
      method: "POST",
      headers: {
        "x-api-key": "k",
        "anthropic-version": "2023-06-01",
        "x-fake-mode": "cut-stream",
        "x-fake-fault-after": "4",
      },
      body: JSON.stringify({ ...base, stream: true }),
    });
    const text = await res.text();
    expect(text.match(/^event: /gm)).toHaveLength(4);
    expect(text).not.toContain("message_stop");
  });
});
