import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";

let fake: FakeServer;
let slow: FakeServer;
let gw: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ chunks: 5 });
  slow = await startFakeOpenAI({ chunks: 6, chunkDelayMs: 150 });
  gw = await startTestGateway({
    providers: [
      { name: "fake", baseUrl: fake.url, apiKey: "sk-provider-key", models: ["gpt-4o-mini"], wildcard: true },
      { name: "slow", baseUrl: slow.url, apiKey: "sk-slow", models: ["slow-model"] },
    ],
  });
  client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gw.close();
  await fake.close();
  await slow.close();
});

async function usageOf(requestId: string | null) {
  await gw.app.runtime.usage.flush();
  return gw.store.usage.get(gw.tenant.id, requestId ?? "");
}

describe("OpenAI surface, passthrough to an OpenAI-compatible upstream", () => {
  it("answers the README's curl request and records its usage", async () => {
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${gw.key}` },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Say hello" }] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-gatehouse-provider")).toBe("fake");
    const body = (await res.json()) as {
      choices: Array<{ message: { content: string } }>;
      usage: { prompt_tokens: number };
    };
    expect(body.choices[0]!.message.content).toBe("Hello from fake-openai lorem ipsum");
    const rec = await usageOf(res.headers.get("x-gatehouse-request-id"));
    expect(rec).toMatchObject({
      status: "success",
      model: "gpt-4o-mini",
      inputTokens: 3,
      outputTokens: 5,
      usageEstimated: false,
      httpStatus: 200,
    });
  });

  it("serves the official SDK, non-streaming, and forwards the body unchanged", async () => {
    fake.requests.length = 0;
    const { data, response } = await client.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], temperature: 0.3 })
      .withResponse();
    expect(data.choices[0]!.message.content).toBe("Hello from fake-openai lorem ipsum");
    expect(data.usage?.completion_tokens).toBe(5);
    const sent = fake.requests[0]!;
    expect(JSON.parse(sent.body)).toEqual({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Hi" }],
      temperature: 0.3,
    });
    expect(await usageOf(response.headers.get("x-gatehouse-request-id"))).toMatchObject({
      status: "success",
      outputTokens: 5,
    });
  });

  it("routes a wildcard model to the provider with the matched name", async () => {
    fake.requests.length = 0;
    const r = await client.chat.completions.create({
      model: "fake/gpt-4o",
      messages: [{ role: "user", content: "Hi" }],
    });
    expect(r.choices[0]!.message.content).toContain("Hello from fake-openai");
    expect(JSON.parse(fake.requests[0]!.body).model).toBe("gpt-4o");
  });

  it("streams with the SDK, strips the usage chunk it did not ask for, and records usage", async () => {
    const { data: stream, response } = await client.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], stream: true })
      .withResponse();
    let text = "";
    let sawUsage = false;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.usage) sawUsage = true;
    }
    expect(text).toBe("Hello from fake-openai lorem ipsum");
    expect(sawUsage).toBe(false);
    const sent = JSON.parse(fake.requests.at(-1)!.body);
    expect(sent.stream_options).toEqual({ include_usage: true });
    expect(await usageOf(response.headers.get("x-gatehouse-request-id"))).toMatchObject({
      status: "success",
      stream: true,
      inputTokens: 1,
      outputTokens: 5,
    });
  });

  it("passes the usage chunk through when the client asks for it", async () => {
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Hi" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const usages = [];
    for await (const chunk of stream) if (chunk.usage) usages.push(chunk.usage);
    expect(usages).toEqual([expect.objectContaining({ prompt_tokens: 1, completion_tokens: 5 })]);
  });

  it("delivers chunks as they arrive: with a slow upstream the first comes long before the last", async () => {
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${gw.key}` },
      body: JSON.stringify({
        model: "slow-model",
        messages: [{ role: "user", content: "Hi" }],
        stream: true,
      }),
    });
    const times: number[] = [];
    const start = Date.now();
    const decoder = new TextDecoder();
    let text = "";
    for await (const chunk of res.body!) {
      times.push(Date.now() - start);
      text += decoder.decode(chunk as Uint8Array);
    }
    expect(text.slice(-200)).toContain("data: [DONE]");
    expect(times.length).toBeGreaterThanOrEqual(5);
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(600);
  });

  it("lists the models of the key's tenant", async () => {
    const list = await client.models.list();
    expect(list.data.map((m) => m.id).sort()).toEqual(["gpt-4o-mini", "slow-model"]);
  });
});
