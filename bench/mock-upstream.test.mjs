import { once } from "node:events";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMockUpstream } from "./mock-upstream.mjs";
import { configureUpstream } from "./upstream-control.mjs";

let server;
let origin;

beforeAll(async () => {
  server = createMockUpstream();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${server.address().port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function post(path, body) {
  const res = await request(`${origin}${path}`, { method: "POST", body: JSON.stringify(body) });
  return { status: res.statusCode, type: res.headers["content-type"], text: await res.body.text() };
}

const dataEvents = (text) =>
  text
    .split("\n\n")
    .filter((e) => e.startsWith("data: ") && e !== "data: [DONE]")
    .map((e) => JSON.parse(e.slice(6)));

describe("mock upstream, OpenAI chat completions", () => {
  it("answers JSON with a content of the configured size", async () => {
    await configureUpstream(origin, { jsonBytes: 123 });
    const res = await post("/v1/chat/completions", { model: "m1", messages: [] });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(body.model).toBe("m1");
    expect(body.choices[0].message.content).toHaveLength(123);
    expect(body.usage.total_tokens).toBeGreaterThan(0);
  });

  it("streams the configured chunks, each stamped, then usage when asked, then [DONE]", async () => {
    await configureUpstream(origin, { chunks: 5, chunkBytes: 30 });
    const res = await post("/v1/chat/completions", {
      model: "m1",
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(res.type).toBe("text/event-stream");
    expect(res.text.endsWith("data: [DONE]\n\n")).toBe(true);
    const events = dataEvents(res.text);
    const contents = events.map((e) => e.choices[0]?.delta?.content).filter((c) => c);
    expect(contents).toHaveLength(5);
    for (const c of contents) expect(c).toMatch(/^<t:\d+\.\d{3}>/);
    expect(contents.every((c) => c.length === 30)).toBe(true);
    expect(events.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 5 } });
  });

  it("sends no usage chunk unless asked", async () => {
    await configureUpstream(origin, { chunks: 2 });
    const res = await post("/v1/chat/completions", { model: "m1", stream: true });
    expect(dataEvents(res.text).some((e) => e.usage)).toBe(false);
  });

  it("answers 400 to a body that is not JSON", async () => {
    const res = await request(`${origin}/v1/chat/completions`, { method: "POST", body: "{" });
    expect(res.statusCode).toBe(400);
    await res.body.dump();
  });
});

describe("mock upstream, Anthropic messages", () => {
  it("streams the event sequence of the Messages API", async () => {
    await configureUpstream(origin, { chunks: 3 });
    const res = await post("/v1/messages", { model: "c1", stream: true, max_tokens: 10, messages: [] });
    const types = [...res.text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(types).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "content_block_delta",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
  });

  it("answers a JSON message", async () => {
    const res = await post("/v1/messages", { model: "c1", max_tokens: 10, messages: [] });
    expect(JSON.parse(res.text)).toMatchObject({ type: "message", model: "c1", stop_reason: "end_turn" });
  });
});

describe("mock upstream, hold mode", () => {
  it("holds a stream after its first chunk until released", async () => {
    await configureUpstream(origin, { hold: true, chunks: 5 });
    const res = await request(`${origin}/v1/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "m", stream: true }),
    });
    let received = "";
    const ended = new Promise((resolve) => res.body.on("end", resolve));
    res.body.on("data", (piece) => {
      received += piece;
    });
    while (!received.includes("<t:")) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).not.toContain("[DONE]");
    const stats = await request(`${origin}/__bench/release`, { method: "POST" }).then((r) => r.body.json());
    expect(stats.held).toBe(0);
    await ended;
    expect(received.match(/<t:/g)).toHaveLength(1);
    expect(received).toContain("[DONE]");
    await configureUpstream(origin);
  });
});

describe("mock upstream, failing prefix", () => {
  it("answers 500 in OpenAI's error shape under /fail-500/, and counts it apart", async () => {
    const before = await request(`${origin}/__bench/config`).then((r) => r.body.json());
    const res = await post("/fail-500/v1/chat/completions", { model: "m", messages: [] });
    expect(res.status).toBe(500);
    expect(res.type).toBe("application/json");
    expect(JSON.parse(res.text)).toEqual({
      error: { message: expect.any(String), type: "server_error", param: null, code: null },
    });
    const after = await request(`${origin}/__bench/config`).then((r) => r.body.json());
    expect(after.stats.failed).toBe(before.stats.failed + 1);
    expect(after.stats.requests).toBe(before.stats.requests);
  });

  it("still answers the same path without the prefix", async () => {
    const res = await post("/v1/chat/completions", { model: "m", messages: [] });
    expect(res.status).toBe(200);
  });
});
