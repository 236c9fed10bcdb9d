import { type FakeServer, fakeReplyText, startFakeAnthropic, startFakeGemini } from "@gatehouse/test-support";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueApiKey } from "../../auth/issue-api-key.js";
import { StoredResponsesSweeper } from "../../data-plane/responses/stored-responses-sweeper.js";
import { createLogger } from "../../logging/create-logger.js";
import { createStore } from "../../store/create-store.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";

const DAY = 86_400_000;
// biome-ignore lint/suspicious/noExplicitAny: recorded upstream bodies and answers are read loosely, only in assertions
type Json = Record<string, any>;

let anthropic: FakeServer;
let gemini: FakeServer;
let gw: TestGateway;
let client: OpenAI;
/** The gateway's and the store's clock: tests move it to expire responses. */
const clock = { t: Date.now() };

beforeAll(async () => {
  anthropic = await startFakeAnthropic();
  gemini = await startFakeGemini();
  gw = await startTestGateway({
    store: createStore({ sqlitePath: ":memory:", now: () => clock.t }),
    now: () => clock.t,
    providers: [
      {
        name: "ant",
        kind: "anthropic",
        baseUrl: anthropic.url,
        apiKey: "sk-ant",
        models: ["claude-sonnet-4-5"],
      },
      {
        name: "gem",
        kind: "gemini",
        baseUrl: `${gemini.url}/v1beta`,
        apiKey: "AIza",
        models: ["gemini-2.5-flash"],
      },
    ],
  });
  client = clientFor(gw.key);
});
afterAll(async () => {
  await gw?.close();
  await anthropic?.close();
  await gemini?.close();
});

function clientFor(key: string): OpenAI {
  return new OpenAI({ apiKey: key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
}

async function status(promise: Promise<unknown>): Promise<{ status: number | undefined; error: Json }> {
  try {
    await promise;
  } catch (err) {
    return { status: (err as { status?: number }).status, error: (err as { error?: Json }).error ?? {} };
  }
  throw new Error("expected an error");
}

async function otherKeys(): Promise<{ sameTenant: string; otherTenant: string }> {
  const same = await issueApiKey(gw.store, {
    tenantId: gw.tenant.id,
    workspaceId: gw.workspace.id,
    name: "other",
  });
  const tenant = await gw.store.tenants.create({ name: "Other" });
  const workspace = await gw.store.workspaces.create({ tenantId: tenant.id, name: "Default" });
  const other = await issueApiKey(gw.store, { tenantId: tenant.id, workspaceId: workspace.id, name: "x" });
  await gw.app.refresh();
  return { sameTenant: same.secret, otherTenant: other.secret };
}

describe("stored responses and previous_response_id", () => {
  it("stores a response, retrieves it, and continues it on Anthropic with the whole conversation", async () => {
    anthropic.requests.length = 0;
    const first = await client.responses.create({
      model: "claude-sonnet-4-5",
      instructions: "Be terse.",
      input: "My name is Ada.",
    });
    expect(first.id).toMatch(/^resp_[A-Za-z0-9]{24}$/);
    expect(await client.responses.retrieve(first.id)).toEqual(first);
    const second = await client.responses.create({
      model: "claude-sonnet-4-5",
      previous_response_id: first.id,
      input: "What is my name?",
    });
    expect(second.previous_response_id).toBe(first.id);
    expect(second.id).not.toBe(first.id);
    const sent = anthropic.requests[1]!.json as Json;
    expect(sent.messages).toEqual([
      { role: "user", content: "My name is Ada." },
      { role: "assistant", content: fakeReplyText("anthropic", 5) },
      { role: "user", content: "What is my name?" },
    ]);
    // Instructions are not carried over (OpenAI's rule).
    expect(sent.system).toBeUndefined();
    const third = await client.responses.create({
      model: "claude-sonnet-4-5",
      previous_response_id: second.id,
      input: [{ role: "user", content: "And again?" }],
    });
    expect(third.status).toBe("completed");
    expect((anthropic.requests[2]!.json as Json).messages).toHaveLength(5);
  });

  it("continues a streamed response on Gemini, the rebuilt conversation reaching the upstream", async () => {
    gemini.requests.length = 0;
    const stream = client.responses.stream({ model: "gemini-2.5-flash", input: "Remember 42." });
    const first = await stream.finalResponse();
    const stored = await client.responses.retrieve(first.id);
    expect(stored).toMatchObject({ id: first.id, status: "completed", output_text: first.output_text });
    await client.responses.create({
      model: "gemini-2.5-flash",
      previous_response_id: first.id,
      input: "Which number?",
    });
    const contents = (gemini.requests[1]!.json as Json).contents as Json[];
    expect(contents.map((c) => c.role)).toEqual(["user", "model", "user"]);
    expect(contents[1]!.parts[0].text).toBe(first.output_text);
    expect(contents[2]!.parts[0].text).toBe("Which number?");
  });

  it("stores nothing with store: false: its id is unknown to GET and to previous_response_id", async () => {
    const res = await client.responses.create({ model: "claude-sonnet-4-5", input: "Hi", store: false });
    expect((await status(client.responses.retrieve(res.id))).status).toBe(404);
    const refused = await status(
      client.responses.create({ model: "claude-sonnet-4-5", input: "Hi", previous_response_id: res.id }),
    );
    expect(refused).toEqual({
      status: 400,
      error: {
        type: "invalid_request_error",
        param: "previous_response_id",
        code: "previous_response_not_found",
        message: `Previous response with id '${res.id}' not found.`,
      },
    });
  });

  it("answers 404 to another key and another tenant, for every endpoint, and 400 to continue it", async () => {
    const res = await client.responses.create({ model: "claude-sonnet-4-5", input: "Secret" });
    const keys = await otherKeys();
    for (const key of [keys.sameTenant, keys.otherTenant]) {
      const other = clientFor(key);
      expect((await status(other.responses.retrieve(res.id))).status).toBe(404);
      expect((await status(other.responses.delete(res.id))).status).toBe(404);
      expect((await status(other.responses.inputItems.list(res.id))).status).toBe(404);
      expect((await status(other.responses.cancel(res.id))).status).toBe(404);
    }
    const sameTenant = clientFor(keys.sameTenant);
    const refused = await status(
      sameTenant.responses.create({ model: "claude-sonnet-4-5", input: "x", previous_response_id: res.id }),
    );
    expect(refused.status).toBe(400);
    expect(refused.error.code).toBe("previous_response_not_found");
    expect((await client.responses.retrieve(res.id)).id).toBe(res.id);
  });

  it("deletes a response: 404 after, for GET, DELETE and previous_response_id", async () => {
    const res = await client.responses.create({ model: "claude-sonnet-4-5", input: "Bye" });
    const deleted = await fetch(`${gw.url}/v1/responses/${res.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${gw.key}` },
    });
    expect(await deleted.json()).toEqual({ id: res.id, object: "response", deleted: true });
    expect((await status(client.responses.retrieve(res.id))).status).toBe(404);
    expect((await status(client.responses.delete(res.id))).status).toBe(404);
    const refused = await status(
      client.responses.create({ model: "claude-sonnet-4-5", input: "x", previous_response_id: res.id }),
    );
    expect(refused.error.code).toBe("previous_response_not_found");
  });

  it("refuses cancel with OpenAI's 400 (no background responses), 404 for an unknown id", async () => {
    const res = await client.responses.create({ model: "claude-sonnet-4-5", input: "Hi" });
    const refused = await status(client.responses.cancel(res.id));
    expect(refused.status).toBe(400);
    expect(refused.error.type).toBe("invalid_request_error");
    expect(refused.error.message).toMatch(/Cannot cancel a synchronous response/);
    expect((await status(client.responses.cancel("resp_nope"))).status).toBe(404);
  });

  it("lists a response's own input items with ids, paginated either way", async () => {
    const first = await client.responses.create({ model: "claude-sonnet-4-5", input: "Earlier" });
    const input = ["a", "b", "c", "d", "e"].map((t) => ({ role: "user" as const, content: t }));
    const res = await client.responses.create({
      model: "claude-sonnet-4-5",
      previous_response_id: first.id,
      input,
    });
    const page = await client.responses.inputItems.list(res.id, { limit: 2, order: "asc" });
    expect(page.data.map((i) => (i as Json).content[0].text)).toEqual(["a", "b"]);
    expect(page.data[0]).toMatchObject({ type: "message", role: "user", id: expect.stringMatching(/^msg_/) });
    expect(page.has_more).toBe(true);
    const all: string[] = [];
    for await (const item of client.responses.inputItems.list(res.id, { limit: 2 }))
      all.push((item as Json).content[0].text);
    expect(all).toEqual(["e", "d", "c", "b", "a"]);
    const bad = await fetch(`${gw.url}/v1/responses/${res.id}/input_items?limit=0`, {
      headers: { authorization: `Bearer ${gw.key}` },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json).error.param).toBe("limit");
  });

  it("replays a stored response as its event stream (?stream=true, starting_after)", async () => {
    const res = await client.responses.create({ model: "claude-sonnet-4-5", input: "Hi" });
    const events: Json[] = [];
    for await (const ev of await client.responses.retrieve(res.id, { stream: true })) events.push(ev);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events[0]!.type).toBe("response.created");
    // output_text is the SDK's own convenience, not part of the wire object.
    const { output_text: _, ...wire } = res;
    expect(events.at(-1)).toMatchObject({ type: "response.completed", response: wire });
    const deltas = events.filter((e) => e.type === "response.output_text.delta").map((e) => e.delta);
    expect(deltas.join("")).toBe(res.output_text);
    const tail: Json[] = [];
    for await (const ev of await client.responses.retrieve(res.id, { stream: true, starting_after: 3 }))
      tail.push(ev);
    expect(tail.map((e) => e.sequence_number)).toEqual(events.slice(4).map((e) => e.sequence_number));
  });

  it("stores a stream that failed after it began as failed; an error before any answer stores nothing", async () => {
    anthropic.setMode("stream-error", 1);
    const res = await fetch(`${gw.url}/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${gw.key}` },
      body: JSON.stringify({ model: "claude-sonnet-4-5", input: "Hi", stream: true }),
    });
    const events = (await res.text())
      .split("\n\n")
      .filter((b) => b.trim() !== "")
      .map(
        (b) =>
          JSON.parse(
            b
              .split("\n")
              .find((l) => l.startsWith("data: "))!
              .slice(6),
          ) as Json,
      );
    expect(events.at(-1)!.type).toBe("response.failed");
    const id = events[0]!.response.id as string;
    const stored = await client.responses.retrieve(id);
    expect(stored).toMatchObject({ id, status: "failed", error: events.at(-1)!.response.error });
    // Every stored row, whatever its key (no row is sealed under a key named "none").
    const rows = async () => (await gw.store.storedResponses.listSealedNotUnder("none", "", 10_000)).length;
    const before = await rows();
    anthropic.setMode("error-400", 1);
    const refused = await status(client.responses.create({ model: "claude-sonnet-4-5", input: "Hi" }));
    expect(refused.status).toBe(400);
    expect(await rows()).toBe(before);
  });

  it("keeps the payload encrypted at rest: the row holds neither question nor answer", async () => {
    const res = await client.responses.create({ model: "claude-sonnet-4-5", input: "Plaintext-canary-7731" });
    const keyId = (await gw.store.apiKeys.list(gw.tenant.id)).find((k) => k.name === "test")!.id;
    const row = await gw.store.storedResponses.get({ tenantId: gw.tenant.id, apiKeyId: keyId }, res.id);
    expect(row).toMatchObject({ id: res.id, status: "completed", model: "claude-sonnet-4-5" });
    expect(JSON.stringify(row)).not.toContain("Plaintext-canary-7731");
    expect(JSON.stringify(row)).not.toContain(res.output_text);
    expect(row!.payload.startsWith("env1.")).toBe(true);
  });

  it("expires responses after the retention: hidden at once, deleted by the sweep", async () => {
    const res = await client.responses.create({ model: "claude-sonnet-4-5", input: "Old" });
    const keep = clock.t;
    clock.t += 31 * DAY;
    try {
      expect((await status(client.responses.retrieve(res.id))).status).toBe(404);
      const sweeper = new StoredResponsesSweeper(gw.store, createLogger("silent"), () => clock.t);
      expect(await sweeper.runOnce()).toBeGreaterThanOrEqual(1);
      clock.t = keep;
      expect((await status(client.responses.retrieve(res.id))).status).toBe(404);
    } finally {
      clock.t = keep;
    }
  });
});
