import { type FakeServer, startFakeAnthropic } from "@gatehouse/test-support";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";

let anthropic: FakeServer;
const gateways: TestGateway[] = [];

beforeAll(async () => {
  anthropic = await startFakeAnthropic();
});
afterAll(async () => {
  for (const gw of gateways) await gw.close();
  await anthropic?.close();
});

async function gateway(options: { bodyLimit?: number; responsesRetentionMs?: number }) {
  const gw = await startTestGateway({
    ...options,
    providers: [
      {
        name: "ant",
        kind: "anthropic",
        baseUrl: anthropic.url,
        apiKey: "sk-ant",
        models: ["claude-sonnet-4-5"],
      },
    ],
  });
  gateways.push(gw);
  return { gw, client: new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 }) };
}

async function failure(
  promise: Promise<unknown>,
): Promise<{ status?: number; error?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (err) {
    return err as { status?: number; error?: Record<string, unknown> };
  }
  throw new Error("expected an error");
}

describe("stored responses: limits and settings", () => {
  it("holds a continued conversation to the body limit: 413 naming previous_response_id, nothing sent", async () => {
    const { client } = await gateway({ bodyLimit: 4096 });
    const first = await client.responses.create({ model: "claude-sonnet-4-5", input: "x".repeat(2500) });
    anthropic.requests.length = 0;
    const refused = await failure(
      client.responses.create({
        model: "claude-sonnet-4-5",
        previous_response_id: first.id,
        input: "y".repeat(2500),
      }),
    );
    expect(refused.status).toBe(413);
    expect(refused.error).toMatchObject({ param: "previous_response_id", code: "payload_too_large" });
    expect(anthropic.requests).toEqual([]);
  });

  it("stores nothing with a retention of 0: the id routes are a 404, previous_response_id a 400", async () => {
    const { gw, client } = await gateway({ responsesRetentionMs: 0 });
    const res = await client.responses.create({ model: "claude-sonnet-4-5", input: "Hi" });
    expect(res.id).toMatch(/^resp_/);
    expect((await failure(client.responses.retrieve(res.id))).status).toBe(404);
    const refused = await failure(
      client.responses.create({ model: "claude-sonnet-4-5", input: "Hi", previous_response_id: res.id }),
    );
    expect(refused.status).toBe(400);
    expect(refused.error?.code).toBe("previous_response_not_found");
    expect(await gw.store.storedResponses.listSealedNotUnder("none", "", 10)).toEqual([]);
  });
});
