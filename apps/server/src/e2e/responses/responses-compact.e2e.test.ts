import {
  FAKE_COMPACTION_OUTPUT_TOKENS,
  type FakeServer,
  startFakeAnthropic,
  startFakeOpenAI,
  startFakeOpenAIResponses,
} from "@gatehouse/test-support";
import fc from "fast-check";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { hostileValueArb, renderJsonText } from "../robustness/hostile-json.js";
import { nativeResponsesProvider } from "./testing/native-responses-provider.js";

let native: FakeServer;
let chat: FakeServer;
let anthropic: FakeServer;
let gw: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  native = await startFakeOpenAIResponses();
  chat = await startFakeOpenAI();
  anthropic = await startFakeAnthropic();
  gw = await startTestGateway({
    retryPolicy: { maxAttempts: 1 },
    providers: [
      nativeResponsesProvider(native.url, ["gpt-5", "shared"]),
      { name: "oai-chat", kind: "openai", baseUrl: chat.url, apiKey: "sk-chat", models: ["gpt-4o-mini"] },
      {
        name: "ant",
        kind: "anthropic",
        baseUrl: anthropic.url,
        apiKey: "sk-ant",
        models: ["claude-x", "shared"],
      },
    ],
  });
  client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gw?.close();
  await native?.close();
  await chat?.close();
  await anthropic?.close();
});

async function usageOf(requestId: string | null) {
  await gw.app.runtime.usage.flush();
  return gw.store.usage.get(gw.tenant.id, requestId ?? "");
}

function raw(body: unknown, key: string | null = gw.key): Promise<Response> {
  return fetch(`${gw.url}/v1/responses/compact`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const CONVERSATION = [
  { role: "user" as const, content: "What is a gateway?" },
  { role: "assistant" as const, content: "A server in front of other servers." },
  { role: "user" as const, content: "Shorter." },
];

describe("POST /v1/responses/compact", () => {
  it("goes natively to an OpenAI provider with responsesApi: the client's bytes, the upstream's answer, metered", async () => {
    native.requests.length = 0;
    const { data, response } = await client.responses
      .compact({ model: "gpt-5", input: CONVERSATION, instructions: "Be brief." })
      .withResponse();
    expect(data.object).toBe("response.compaction");
    expect(data.output.map((o) => o.type)).toEqual(["message", "message", "compaction"]);
    expect(native.requests).toHaveLength(1);
    expect(native.requests[0]!.path).toBe("/v1/responses/compact");
    expect(native.requests[0]!.json).toEqual({
      model: "gpt-5",
      input: CONVERSATION,
      instructions: "Be brief.",
    });
    expect(native.requests[0]!.headers.authorization).toBe("Bearer sk-native");
    expect(await usageOf(response.headers.get("x-gatehouse-request-id"))).toMatchObject({
      surface: "responses",
      status: "success",
      outputTokens: FAKE_COMPACTION_OUTPUT_TOKENS,
      usageEstimated: false,
    });
  });

  it("takes the deployment that can compact when a model also has one that cannot", async () => {
    native.requests.length = 0;
    anthropic.requests.length = 0;
    for (let i = 0; i < 4; i++) {
      const res = await client.responses.compact({ model: "shared", input: "hello" });
      expect(res.object).toBe("response.compaction");
    }
    expect(native.requests).toHaveLength(4);
    expect(anthropic.requests).toHaveLength(0);
  });

  it("the compacted output goes back into /v1/responses natively; a converted upstream refuses it with a 400", async () => {
    const compacted = await client.responses.compact({ model: "gpt-5", input: CONVERSATION });
    native.requests.length = 0;
    const input = [...compacted.output, { role: "user" as const, content: "Go on." }];
    const next = await client.responses.create({
      model: "gpt-5",
      input: input as OpenAI.Responses.ResponseInput,
    });
    expect(next.output_text).toContain("Hello from fake-openai-responses");
    expect((native.requests[0]!.json as { input: unknown[] }).input[2]).toMatchObject({ type: "compaction" });
    const refused = await fetch(`${gw.url}/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${gw.key}` },
      body: JSON.stringify({ model: "claude-x", input }),
    });
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("unsupported_parameter");
    expect(error.message).toContain("'compaction' item");
  });

  it("answers a clear 400 in OpenAI's shape, naming why, for upstreams that do not offer it; nothing is sent", async () => {
    chat.requests.length = 0;
    anthropic.requests.length = 0;
    for (const [model, why] of [
      ["gpt-4o-mini", /provider 'oai-chat', an openai provider without config.responsesApi/],
      ["claude-x", /provider 'ant', of kind anthropic, which has no compaction endpoint/],
    ] as const) {
      const res = await raw({ model, input: "hello" });
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: Record<string, unknown> };
      expect(error).toMatchObject({ type: "invalid_request_error", param: "model" });
      expect(error.message).toMatch(why);
      expect(error.message).toContain("/v1/responses/compact needs an upstream that offers it");
    }
    expect(chat.requests).toHaveLength(0);
    expect(anthropic.requests).toHaveLength(0);
    await expect(client.responses.compact({ model: "claude-x", input: "hi" })).rejects.toMatchObject({
      status: 400,
    });
  });

  it("checks the key before the body, then refuses bad bodies with a 400 naming the param", async () => {
    expect((await raw({ model: "gpt-5" }, null)).status).toBe(401);
    expect((await raw("not json{")).status).toBe(400);
    for (const [body, param] of [
      [{ input: "hi" }, "model"],
      [{ model: null, input: "hi" }, "model"],
      [{ model: 5, input: "hi" }, "model"],
      [{ model: "gpt-5", input: 5 }, "input"],
      [{ model: "gpt-5", input: "hi", instructions: [] }, "instructions"],
      [{ model: "gpt-5", input: "hi", previous_response_id: "resp_1" }, "previous_response_id"],
    ] as const) {
      const res = await raw(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { param: string } }).error.param).toBe(param);
    }
    const unknown = await raw({ model: "no-such-model", input: "hi" });
    expect(unknown.status).toBe(404);
  });

  it("relays the upstream's errors in OpenAI's shape", async () => {
    native.setMode("error-400", 1);
    const res = await raw({ model: "gpt-5", input: "hi" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBeTruthy();
  });

  it("never answers a mutated body with a 5xx; every refusal in OpenAI's error shape", async () => {
    const base = {
      model: "gpt-5",
      instructions: "Be brief.",
      input: [
        { role: "user", content: [{ type: "input_text", text: "Q" }] },
        { type: "compaction", encrypted_content: "earlier" },
        { type: "function_call", call_id: "c1", name: "f", arguments: "{}" },
        { type: "function_call_output", call_id: "c1", output: "42" },
      ],
    };
    const paths: Array<Array<string | number>> = [
      ["model"],
      ["instructions"],
      ["input"],
      ["input", 0],
      ["input", 0, "content"],
      ["input", 1, "encrypted_content"],
      ["input", 2, "arguments"],
      ["previous_response_id"],
    ];
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), hostileValueArb, async (path, value) => {
        const body = structuredClone(base) as Record<string | number, unknown>;
        let node = body;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
        node[path.at(-1)!] = value;
        const res = await raw(renderJsonText(body));
        const text = await res.text();
        statuses.add(res.status);
        expect(res.status, text).toBeLessThan(500);
        if (res.status >= 400)
          expect(JSON.parse(text), text).toMatchObject({ error: { message: expect.any(String) } });
      }),
      { numRuns: 100, interruptAfterTimeLimit: 30_000 },
    );
    expect([...statuses].some((s) => s >= 400)).toBe(true);
  });
});
