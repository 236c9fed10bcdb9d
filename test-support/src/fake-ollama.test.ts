import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeEmbedding } from "./fake-embedding.js";
import { startFakeOllama } from "./fake-ollama.js";
import type { FakeServer } from "./fake-server.js";

let fake: FakeServer;
const USER = "Say hello, please"; // 17 characters -> 5 prompt tokens
const messages = [{ role: "user", content: USER }];

beforeEach(async () => {
  fake = await startFakeOllama({ now: () => Date.UTC(2025, 0, 2) });
});
afterEach(() => fake.close());

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${fake.url}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

function lines(text: string): Array<Record<string, unknown>> {
  return text
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l));
}

describe("startFakeOllama", () => {
  it("streams NDJSON by default: one line per word, then done with counts", async () => {
    const res = await post("/api/chat", { model: "llama3.2", messages });
    expect(res.type).toBe("application/x-ndjson");
    const all = lines(res.text);
    expect(all).toHaveLength(6);
    expect(
      all
        .slice(0, 5)
        .map((l) => (l["message"] as { content: string }).content)
        .join(""),
    ).toBe("Hello from fake-ollama lorem ipsum");
    for (const l of all.slice(0, 5)) expect(l).toMatchObject({ model: "llama3.2", done: false });
    expect(all[5]).toMatchObject({
      created_at: "2025-01-02T00:00:00.000Z",
      message: { role: "assistant", content: "" },
      done: true,
      done_reason: "stop",
      prompt_eval_count: 5,
      eval_count: 5,
      total_duration: expect.any(Number),
      eval_duration: expect.any(Number),
    });
  });

  it("answers one object with stream: false", async () => {
    const res = await post("/api/chat", { model: "llama3.2:latest", messages, stream: false });
    expect(JSON.parse(res.text)).toMatchObject({
      message: { role: "assistant", content: "Hello from fake-ollama lorem ipsum" },
      done: true,
      done_reason: "stop",
      prompt_eval_count: 5,
      eval_count: 5,
    });
  });

  it("streams thinking first with think: true, stops at num_predict with done_reason length", async () => {
    const res = await post("/api/chat", {
      model: "qwen3:0.6b",
      messages,
      think: true,
      options: { num_predict: 2 },
    });
    const all = lines(res.text);
    expect(all.slice(0, 2).map((l) => l["message"])).toEqual([
      { role: "assistant", content: "", thinking: "Let me think" },
      { role: "assistant", content: "", thinking: " about this." },
    ]);
    expect(all.at(-1)).toMatchObject({ done_reason: "length", eval_count: 4 });
  });

  it("returns tool_calls with object arguments when asked to call a tool", async () => {
    const tools = [{ type: "function", function: { name: "lookup", parameters: { type: "object" } } }];
    const res = await post("/api/chat", {
      model: "llama3.2",
      messages: [{ role: "user", content: "call tool" }],
      tools,
      stream: false,
    });
    expect(JSON.parse(res.text).message).toEqual({
      role: "assistant",
      content: "",
      tool_calls: [{ function: { name: "lookup", arguments: { q: "x" } } }],
    });
  });

  it('returns two tool_calls for "call tools", streamed in one line and not', async () => {
    const fn = (name: string) => ({ type: "function", function: { name, parameters: { type: "object" } } });
    const request = {
      model: "llama3.2",
      messages: [{ role: "user", content: "call tools" }],
      tools: [fn("lookup"), fn("fetch")],
    };
    const expected = [
      { function: { name: "lookup", arguments: { q: "x" } } },
      { function: { name: "fetch", arguments: { q: "y" } } },
    ];
    const plain = await post("/api/chat", { ...request, stream: false });
    expect(JSON.parse(plain.text).message.tool_calls).toEqual(expected);
    const streamed = await post("/api/chat", request);
    const messages = lines(streamed.text).map((l) => l["message"] as { tool_calls?: unknown });
    expect(messages.flatMap((m) => (m.tool_calls ? [m.tool_calls] : []))).toEqual([expected]);
  });

  it("answers 404 for a model that is not pulled, in Ollama's error shape", async () => {
    const res = await post("/api/chat", { model: "mistral", messages });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toEqual({ error: 'model "mistral" not found, try pulling it first' });
  });

  it("embeds and lists tags", async () => {
    const res = await post("/api/embed", { model: "nomic-embed-text", input: ["a", "b"], dimensions: 3 });
    expect(JSON.parse(res.text)).toMatchObject({
      model: "nomic-embed-text",
      embeddings: [fakeEmbedding("a", 3), fakeEmbedding("b", 3)],
      prompt_eval_count: 1,
    });
    const tags = (await (await fetch(`${fake.url}/api/tags`)).json()) as { models: Array<{ name: string }> };
    expect(tags.models.map((m) => m.name)).toEqual([
      "llama3.2:latest",
      "qwen3:0.6b",
      "nomic-embed-text:latest",
    ]);
  });

  it("stream-error: an {error} line after the first lines; error-500: {error} with status 500", async () => {
    fake.setMode("stream-error", 1);
    const res = await post("/api/chat", { model: "llama3.2", messages });
    const all = lines(res.text);
    expect(all).toHaveLength(3);
    expect(all[2]).toEqual({ error: expect.stringContaining("error") });
    const failed = await post("/api/chat", { model: "llama3.2", messages }, { "x-fake-mode": "error-500" });
    expect(failed.status).toBe(500);
    expect(JSON.parse(failed.text)).toEqual({ error: expect.any(String) });
  });

  it("reset-mid-stream: the body fails after the first lines", async () => {
    fake.setMode("reset-mid-stream");
    const res = await fetch(`${fake.url}/api/chat`, {
      method: "POST",
      body: JSON.stringify({ model: "llama3.2", messages }),
    });
    await expect(res.text()).rejects.toThrow();
  });
});
