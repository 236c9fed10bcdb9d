import { type FakeServer, startFakeOpenAI, startFakeOpenAIResponses } from "@gatehouse/test-support";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { nativeResponsesProvider } from "./testing/native-responses-provider.js";

let native: FakeServer;
let chat: FakeServer;
let gw: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  // A cut stream stops after six events: two text deltas reach the client.
  native = await startFakeOpenAIResponses({ faultAfterChunks: 6 });
  chat = await startFakeOpenAI();
  gw = await startTestGateway({
    retryPolicy: { maxAttempts: 1 },
    providers: [
      nativeResponsesProvider(native.url),
      { name: "oai-chat", kind: "openai", baseUrl: chat.url, apiKey: "sk-chat", models: ["gpt-4o-mini"] },
    ],
  });
  client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gw?.close();
  await native?.close();
  await chat?.close();
});

async function usageOf(requestId: string | null) {
  await gw.app.runtime.usage.flush();
  return gw.store.usage.get(gw.tenant.id, requestId ?? "");
}

function raw(body: unknown): Promise<Response> {
  return fetch(`${gw.url}/v1/responses`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${gw.key}` },
    body: JSON.stringify(body),
  });
}

describe("Responses passthrough to an OpenAI provider configured with responsesApi", () => {
  it("sends the client's body to /v1/responses as it is and relays the answer, metered", async () => {
    native.requests.length = 0;
    const body = {
      model: "gpt-5",
      input: [{ role: "user", content: "Say hello" }],
      tools: [{ type: "web_search" }],
      store: false,
      metadata: { a: "b" },
    };
    const res = await raw(body);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { output: Array<{ content?: Array<{ text: string }> }> };
    expect(answer.output[0]!.content![0]!.text).toBe("Hello from fake-openai-responses lorem ipsum");
    expect(native.requests[0]!.path).toBe("/v1/responses");
    expect(native.requests[0]!.json).toEqual(body);
    expect(native.requests[0]!.headers.authorization).toBe("Bearer sk-native");
    expect(await usageOf(res.headers.get("x-gatehouse-request-id"))).toMatchObject({
      surface: "responses",
      status: "success",
      outputTokens: 5,
      usageEstimated: false,
    });
  });

  it("relays the upstream's stream byte for byte, metered from response.completed", async () => {
    const s = client.responses.stream({
      model: "gpt-5",
      input: "please call tool",
      tools: [{ type: "function", name: "lookup", parameters: { type: "object" }, strict: false }],
    });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const ev of s) events.push(ev);
    const final = await s.finalResponse();
    expect(final.output.find((o) => o.type === "function_call")).toMatchObject({
      name: "lookup",
      call_id: expect.stringMatching(/^call_fake/),
    });
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const { response } = await client.responses
      .create({ model: "gpt-5", input: "Say hello", stream: true })
      .withResponse();
    const text = await response.text();
    expect(text).toContain("event: response.completed");
    expect(await usageOf(response.headers.get("x-gatehouse-request-id"))).toMatchObject({
      surface: "responses",
      outputTokens: 5,
      usageEstimated: false,
    });
  });

  it("ends a cut stream with an error event numbered after the upstream's last", async () => {
    native.setMode("cut-stream", 1);
    const res = await raw({ model: "gpt-5", input: "Say hello", stream: true });
    const blocks = (await res.text()).split("\n\n").filter((b) => b !== "");
    const numbers = blocks.map((b) => JSON.parse(b.split("\n")[1]!.slice("data: ".length)).sequence_number);
    expect(numbers).toEqual(numbers.map((_, i) => i));
    expect(blocks.at(-1)).toMatch(/^event: error\n/);
    expect(blocks.at(-1)).toContain('"code":"stream_interrupted"');
    const id = res.headers.get("x-gatehouse-request-id") ?? "";
    let rec = await usageOf(id);
    // A record without reported usage waits for its prompt's token count before it is final.
    for (let i = 0; i < 100 && (rec === undefined || rec.status === "pending"); i++) {
      await new Promise((r) => setTimeout(r, 20));
      rec = await usageOf(id);
    }
    expect(rec).toMatchObject({ surface: "responses", status: "interrupted", usageEstimated: true });
    expect(rec!.outputTokens).toBeGreaterThan(0);
  });

  it("a dropped upstream connection mid-stream ends with the next-numbered error event", async () => {
    native.setMode("reset-mid-stream", 1);
    const res = await raw({ model: "gpt-5", input: "Say hello", stream: true });
    const blocks = (await res.text()).split("\n\n").filter((b) => b !== "");
    const events = blocks.map((b) => JSON.parse(b.split("\n")[1]!.slice("data: ".length)));
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events.at(-1)).toMatchObject({ type: "error", code: "stream_interrupted" });
    expect(blocks.at(-1)).toMatch(/^event: error\n/);
  });

  it("an OpenAI provider without the setting gets the request converted to Chat Completions", async () => {
    chat.requests.length = 0;
    const res = await client.responses.create({ model: "gpt-4o-mini", input: "Say hello" });
    expect(res.output_text).toBe("Hello from fake-openai lorem ipsum");
    expect(chat.requests[0]!.path).toBe("/v1/chat/completions");
  });

  it("stores a native answer under the gateway's id and continues it with the whole input, store false", async () => {
    native.requests.length = 0;
    const first = await client.responses.create({ model: "gpt-5", instructions: "Be brief.", input: "Hi" });
    expect(first.id).toMatch(/^resp_[A-Za-z0-9]{24}$/);
    expect((await client.responses.retrieve(first.id)).output_text).toBe(first.output_text);
    const second = await client.responses.create({
      model: "gpt-5",
      previous_response_id: first.id,
      input: "Again",
    });
    expect(second.previous_response_id).toBe(first.id);
    const sent = native.requests[1]!.json as Record<string, unknown>;
    expect(sent.previous_response_id).toBeUndefined();
    expect(sent.store).toBe(false);
    expect(sent.instructions).toBeUndefined();
    const input = sent.input as Array<Record<string, unknown>>;
    expect(input.map((i) => i.role)).toEqual(["user", "assistant", "user"]);
    expect(input[1]).toMatchObject({
      type: "message",
      content: [{ type: "output_text", text: first.output_text }],
    });
  });

  it("stores a native stream under the gateway's id: every event's response carries it", async () => {
    const s = client.responses.stream({ model: "gpt-5", input: "Say hello" });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const ev of s) events.push(ev);
    const final = await s.finalResponse();
    expect(final.id).toMatch(/^resp_[A-Za-z0-9]{24}$/);
    const ids = events.flatMap((e) => ("response" in e ? [e.response.id] : []));
    expect(new Set(ids)).toEqual(new Set([final.id]));
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    expect((await client.responses.retrieve(final.id)).status).toBe("completed");
  });
});
