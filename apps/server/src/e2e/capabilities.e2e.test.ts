import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ModelPatch } from "../store/store-types.js";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";

/**
 * Model settings through the real gateway: capability checks answer before any upstream call, in the
 * client's protocol, and the unsupported-parameter policy decides between a warning and a 400.
 */
let fake: FakeServer;
let gw: TestGateway;

const SETTINGS: Record<string, ModelPatch> = {
  "no-tools": { capabilities: { tools: false } },
  small: { maxOutputTokens: 100, contextWindow: 50 },
  strict: { unsupportedParams: "refuse" },
  lenient: {},
  "gpt-4o": { aliases: ["omni"] },
};

beforeAll(async () => {
  fake = await startFakeOpenAI();
  gw = await startTestGateway({
    providers: [{ name: "openai", baseUrl: fake.url, apiKey: "sk-up", models: Object.keys(SETTINGS) }],
  });
  for (const [name, patch] of Object.entries(SETTINGS)) {
    const model = (await gw.store.models.findByName(gw.tenant.id, name))!;
    await gw.store.models.update(gw.tenant.id, model.id, patch);
  }
  await gw.app.refresh();
});
afterAll(async () => {
  await gw?.close();
  await fake?.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

/** The error shapes of both protocols, loosely: OpenAI's `error.{code,param}`, Anthropic's `type`. */
interface ErrorAnswer {
  type?: string;
  error: { type: string; message: string; code?: string; param?: string | null };
}

async function send(path: string, headers: Record<string, string>, body: unknown) {
  const res = await fetch(`${gw.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: JSON.parse(text) as ErrorAnswer };
}

/** OpenAI chat completions: the passthrough path to an OpenAI upstream. */
const openai = (body: Record<string, unknown>) =>
  send(
    "/v1/chat/completions",
    { authorization: `Bearer ${gw.key}` },
    {
      messages: [{ role: "user", content: "Hi" }],
      ...body,
    },
  );

/** Anthropic messages: converted through the IR to the OpenAI upstream. */
const anthropic = (body: Record<string, unknown>) =>
  send(
    "/v1/messages",
    { "x-api-key": gw.key, "anthropic-version": "2023-06-01" },
    {
      max_tokens: 64,
      messages: [{ role: "user", content: "Hi" }],
      ...body,
    },
  );

const weather = {
  name: "get_weather",
  description: "Weather",
  parameters: { type: "object", properties: {} },
};

describe("capability checks before any upstream call", () => {
  it("refuses tools to a model without them, in OpenAI's error shape", async () => {
    const res = await openai({ model: "no-tools", tools: [{ type: "function", function: weather }] });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      type: "invalid_request_error",
      code: "unsupported_parameter",
      param: "tools",
    });
    expect(res.json.error.message).toContain("'no-tools' does not support tools");
    expect(fake.requests).toEqual([]);
  });

  it("refuses tools to a model without them, in Anthropic's error shape", async () => {
    const { name, description, parameters } = weather;
    const res = await anthropic({
      model: "no-tools",
      tools: [{ name, description, input_schema: parameters }],
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
    expect(res.json.error.message).toContain("does not support tools");
    expect(fake.requests).toEqual([]);
  });

  it("serves the same model a request without tools", async () => {
    expect((await openai({ model: "no-tools" })).status).toBe(200);
    expect(fake.requests).toHaveLength(1);
  });

  it("refuses max_tokens over the model's maximum output, on both paths", async () => {
    const viaOpenAI = await openai({ model: "small", max_completion_tokens: 101 });
    expect(viaOpenAI.status).toBe(400);
    expect(viaOpenAI.json.error).toMatchObject({
      code: "unsupported_parameter",
      param: "max_completion_tokens",
    });
    const viaAnthropic = await anthropic({ model: "small", max_tokens: 500 });
    expect(viaAnthropic.status).toBe(400);
    expect(viaAnthropic.json.error.message).toContain("(100 tokens)");
    expect(fake.requests).toEqual([]);
    expect((await openai({ model: "small", max_tokens: 100 })).status).toBe(200);
  });

  it("answers context_length_exceeded for a prompt over the context window, on both paths", async () => {
    const huge = "word ".repeat(400);
    const viaOpenAI = await openai({ model: "small", messages: [{ role: "user", content: huge }] });
    expect(viaOpenAI.status).toBe(400);
    expect(viaOpenAI.json.error).toMatchObject({ code: "context_length_exceeded", param: "messages" });
    const viaAnthropic = await anthropic({ model: "small", messages: [{ role: "user", content: huge }] });
    expect(viaAnthropic.status).toBe(400);
    expect(viaAnthropic.json.error.message).toContain("context window");
    expect(fake.requests).toEqual([]);
  });
});

describe("the unsupported-parameter policy", () => {
  it("refuses a dropped top_k (Anthropic client → OpenAI upstream) when the model says refuse", async () => {
    const res = await anthropic({ model: "strict", top_k: 5 });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
    expect(res.json.error.message).toContain("top_k");
    expect(fake.requests).toEqual([]);
  });

  it("drops it with an x-gatehouse-warnings header by default", async () => {
    const res = await anthropic({ model: "lenient", top_k: 5 });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-gatehouse-warnings")).toContain("top_k");
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.json).not.toHaveProperty("top_k");
  });

  it("lets a 'refuse' model serve a request with nothing to drop", async () => {
    const res = await anthropic({ model: "strict" });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-gatehouse-warnings")).toBeNull();
  });
});

describe("aliases", () => {
  it("routes an alias to its model, sending the model's upstream name", async () => {
    const res = await openai({ model: "omni" });
    expect(res.status).toBe(200);
    expect(fake.requests).toHaveLength(1);
    expect((fake.requests[0]!.json as { model: string }).model).toBe("gpt-4o");
  });

  it("routes an alias through the IR path too", async () => {
    expect((await anthropic({ model: "omni" })).status).toBe(200);
    expect((fake.requests[0]!.json as { model: string }).model).toBe("gpt-4o");
  });
});
