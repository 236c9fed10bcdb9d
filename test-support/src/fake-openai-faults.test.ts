import OpenAI, { type APIError } from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAI } from "./fake-openai.js";
import type { FakeServer } from "./fake-server.js";

let fake: FakeServer;
let client: OpenAI;
const body = { model: "gpt-4o", messages: [{ role: "user" as const, content: "hi" }] };

beforeEach(async () => {
  fake = await startFakeOpenAI({ retryAfterSeconds: 7, slowDelayMs: 80 });
  client = new OpenAI({ baseURL: fake.url, apiKey: "sk-test", maxRetries: 0 });
});
afterEach(() => fake.close());

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

/** Streams with fetch and returns the SSE events received until the body ends or fails. */
async function rawEvents(
  headers: Record<string, string> = {},
): Promise<{ events: string[]; failed: boolean }> {
  const res = await fetch(`${fake.url}/chat/completions`, {
    method: "POST",
    headers: { authorization: "Bearer k", "content-type": "application/json", ...headers },
    body: JSON.stringify({ ...body, stream: true }),
  });
  let text = "";
  let failed = false;
  try {
    for await (const chunk of res.body!) text += Buffer.from(chunk).toString("utf8");
  } catch {
    failed = true;
  }
  return { events: text.split("\n\n").filter((e) => e.length > 0), failed };
}

describe("startFakeOpenAI: error modes", () => {
  it.each([
    ["error-400", 400, OpenAI.BadRequestError, "invalid_request_error", null],
    ["error-401", 401, OpenAI.AuthenticationError, "invalid_request_error", "invalid_api_key"],
    ["error-429", 429, OpenAI.RateLimitError, "requests", "rate_limit_exceeded"],
    ["error-500", 500, OpenAI.InternalServerError, "server_error", null],
  ] as const)("%s answers %i with OpenAI's error body", async (mode, status, errorClass, type, code) => {
    fake.setMode(mode);
    const err = await client.chat.completions.create(body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(errorClass);
    expect(err).toMatchObject({ status, type, code, param: null });
    expect((err as APIError).error).toMatchObject({ message: expect.any(String) });
  });

  it("sends retry-after (configured seconds) with a 429", async () => {
    fake.setMode("error-429");
    const err = (await client.models.list().catch((e: unknown) => e)) as APIError;
    expect(err.headers?.get("retry-after")).toBe("7");
  });

  it("applies a mode to the next N requests only, then the base mode again", async () => {
    fake.setMode("error-500", 2);
    const retrying = new OpenAI({ baseURL: fake.url, apiKey: "sk-test", maxRetries: 2 });
    const res = await retrying.chat.completions.create(body);
    expect(res.choices[0]!.finish_reason).toBe("stop");
    expect(fake.requests.map((r) => r.mode)).toEqual(["error-500", "error-500", "ok"]);
  });

  it("takes the mode, chunk count and fault point per request from x-fake-* headers", async () => {
    const err = await client.chat.completions
      .create(body, { headers: { "x-fake-mode": "error-400" } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    const res = await client.chat.completions.create(body, { headers: { "x-fake-chunks": "3" } });
    expect(res.choices[0]!.message.content).toBe("Hello from fake-openai");
    const cut = await rawEvents({ "x-fake-mode": "cut-stream", "x-fake-fault-after": "4" });
    expect(cut.events).toHaveLength(4);
  });

  it("answers 400 to a malformed control header", async () => {
    const err = await client.chat.completions
      .create(body, { headers: { "x-fake-mode": "nope" } })
      .catch((e) => e);
    expect(err).toMatchObject({ status: 400, message: expect.stringContaining("x-fake-mode") });
  });
});

describe("startFakeOpenAI: connection and stream faults", () => {
  it("hang: never answers, so the client times out", async () => {
    fake.setMode("hang");
    const impatient = new OpenAI({ baseURL: fake.url, apiKey: "k", maxRetries: 0, timeout: 150 });
    await expect(impatient.chat.completions.create(body)).rejects.toBeInstanceOf(
      OpenAI.APIConnectionTimeoutError,
    );
    expect(fake.requests[0]!.mode).toBe("hang");
  });

  it("close() ends a hanging request at once", async () => {
    fake.setMode("hang");
    const pending = client.chat.completions.create(body).catch((e: unknown) => e);
    while (fake.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    const started = performance.now();
    await fake.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(OpenAI.APIConnectionError);
  });

  it("reset: drops the connection before answering", async () => {
    fake.setMode("reset");
    await expect(client.chat.completions.create(body)).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
  });

  it("reset-mid-stream: sends the first events, then resets the connection", async () => {
    fake.setMode("reset-mid-stream");
    const received: string[] = [];
    const stream = await client.chat.completions.create({ ...body, stream: true });
    await expect(
      (async () => {
        for await (const c of stream) received.push(c.choices[0]?.delta.content ?? "");
      })(),
    ).rejects.toThrow();
    expect(received).toEqual(["", "Hello"]);
  });

  it("reset-mid-stream / cut-stream on a non-streaming request: half a body, so the client fails", async () => {
    fake.setMode("reset-mid-stream", 1);
    await expect(client.chat.completions.create(body)).rejects.toThrow();
    fake.setMode("cut-stream", 1);
    await expect(client.chat.completions.create(body)).rejects.toThrow();
  });

  it("cut-stream: ends cleanly after the first events, without finish chunk or [DONE]", async () => {
    fake.setMode("cut-stream");
    const { events, failed } = await rawEvents();
    expect(failed).toBe(false);
    expect(events).toHaveLength(2);
    expect(events.join("")).not.toContain("[DONE]");
    expect(events.join("")).not.toContain('finish_reason":"stop');
  });

  it("stall-mid-stream: sends the first events, then nothing until closed", async () => {
    fake.setMode("stall-mid-stream");
    const res = await fetch(`${fake.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer k", "content-type": "application/json" },
      body: JSON.stringify({ ...body, stream: true }),
    });
    const reader = res.body!.getReader();
    let text = "";
    while (text.split("\n\n").length < 3) text += Buffer.from((await reader.read()).value!).toString("utf8");
    const next = reader.read().then(
      (r) => (r.done ? "ended" : "data"),
      () => "failed",
    );
    const raced = await Promise.race([next, new Promise((r) => setTimeout(() => r("silent"), 150))]);
    expect(raced).toBe("silent");
    await fake.close();
    expect(await next).toBe("failed");
  });

  it("stream-error: sends the first events, then OpenAI's in-stream error object", async () => {
    fake.setMode("stream-error");
    const stream = await client.chat.completions.create({ ...body, stream: true });
    await expect(collect(stream)).rejects.toMatchObject({
      message: expect.stringContaining("server had an error"),
    });
    const { events } = await rawEvents();
    expect(JSON.parse(events.at(-1)!.slice("data: ".length))).toEqual({
      error: { message: expect.any(String), type: "server_error", param: null, code: null },
    });
  });

  it("slow: waits slowDelayMs before answering and before each chunk", async () => {
    fake.setMode("slow");
    const started = performance.now();
    await client.chat.completions.create(body);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    const streamStart = performance.now();
    await collect(
      await client.chat.completions.create({
        ...body,
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    expect(performance.now() - streamStart).toBeGreaterThanOrEqual(8 * 75);
  });
});
