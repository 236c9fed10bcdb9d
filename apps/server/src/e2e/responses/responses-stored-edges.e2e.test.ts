import { type FakeServer, startFakeAnthropic } from "@gatehouse/test-support";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely, only in assertions
type Json = Record<string, any>;

let anthropic: FakeServer;
let gw: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  anthropic = await startFakeAnthropic();
  gw = await startTestGateway({
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
  client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gw?.close();
  await anthropic?.close();
});

async function status(promise: Promise<unknown>): Promise<{ status: number | undefined; error: Json }> {
  try {
    await promise;
  } catch (err) {
    return { status: (err as { status?: number }).status, error: (err as { error?: Json }).error ?? {} };
  }
  throw new Error("expected an error");
}

describe("stored responses: the key first, bad ids, token counts", () => {
  it("checks the key first on every stored-response route: 401 in OpenAI's shape, nothing read", async () => {
    const res = await client.responses.create({ model: "claude-sonnet-4-5", input: "Hi" });
    const routes: Array<[string, string]> = [
      ["GET", `/v1/responses/${res.id}`],
      ["DELETE", `/v1/responses/${res.id}`],
      ["POST", `/v1/responses/${res.id}/cancel`],
      ["GET", `/v1/responses/${res.id}/input_items`],
    ];
    for (const [method, path] of routes) {
      for (const headers of [{}, { authorization: "Bearer gh_not-a-key" }] as Record<string, string>[]) {
        const answer = await fetch(`${gw.url}${path}`, { method, headers });
        expect(answer.status).toBe(401);
        expect(((await answer.json()) as Json).error).toMatchObject({ type: "authentication_error" });
      }
    }
    expect((await client.responses.retrieve(res.id)).id).toBe(res.id);
  });

  it("counts input tokens of a continued conversation (input_tokens with previous_response_id)", async () => {
    const count = async (body: Json) => {
      const answer = await fetch(`${gw.url}/v1/responses/input_tokens`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${gw.key}` },
        body: JSON.stringify(body),
      });
      return { status: answer.status, json: (await answer.json()) as Json };
    };
    const first = await client.responses.create({ model: "claude-sonnet-4-5", input: "x".repeat(400) });
    const alone = await count({ model: "claude-sonnet-4-5", input: "Next?" });
    const continued = await count({
      model: "claude-sonnet-4-5",
      input: "Next?",
      previous_response_id: first.id,
    });
    expect(continued.json.input_tokens).toBeGreaterThan(alone.json.input_tokens + 90);
    const unknown = await count({
      model: "claude-sonnet-4-5",
      input: "Next?",
      previous_response_id: "resp_x",
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.code).toBe("previous_response_not_found");
  });

  it("answers odd ids with a 404 (GET, DELETE) or a 400 (previous_response_id), never a 5xx", async () => {
    for (const id of ["%00", "a%00b", "x".repeat(200), "%F0%9F%98%80", "resp_%27%3B--", "..%2F.."]) {
      for (const method of ["GET", "DELETE"]) {
        const answer = await fetch(`${gw.url}/v1/responses/${id}`, {
          method,
          headers: { authorization: `Bearer ${gw.key}` },
        });
        // A path segment over Fastify's parameter length is refused by the router itself (414).
        expect(answer.status).toBe(id.length > 100 ? 414 : 404);
      }
      const refused = await status(
        client.responses.create({
          model: "claude-sonnet-4-5",
          input: "x",
          previous_response_id: decodeURIComponent(id),
        }),
      );
      expect(refused.status).toBe(400);
    }
    for (const previous of [3, true, {}, [], ""]) {
      const answer = await fetch(`${gw.url}/v1/responses`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${gw.key}` },
        body: JSON.stringify({ model: "claude-sonnet-4-5", input: "x", previous_response_id: previous }),
      });
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as Json).error.param).toBe("previous_response_id");
    }
  });
});
