import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeEventStreamMessages } from "./decode-event-stream-messages.js";
import { FAKE_REASONING_SIGNATURE } from "./encode-bedrock-fake-response.js";
import { fakeAwsRequestId, startFakeBedrock } from "./fake-bedrock.js";
import type { FakeServer } from "./fake-server.js";

let fake: FakeServer;
const MODEL = encodeURIComponent("anthropic.claude-3-haiku-20240307-v1:0");
const USER = "Say hello, please"; // 17 characters -> 5 input tokens
const SIGNED = {
  authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE12345/20250102/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"ab".repeat(32)}`,
  "x-amz-date": "20250102T000000Z",
  "content-type": "application/json",
};
const body = { messages: [{ role: "user", content: [{ text: USER }] }] };

beforeEach(async () => {
  fake = await startFakeBedrock();
});
afterEach(() => fake.close());

async function call(op: string, payload: unknown = body, headers: Record<string, string> = SIGNED) {
  const res = await fetch(`${fake.url}/model/${MODEL}/${op}`, {
    method: "POST",
    headers,
    body: JSON.stringify(payload),
  });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function streamEvents(payload: unknown = body) {
  const { res, bytes } = await call("converse-stream", payload);
  expect(res.headers.get("content-type")).toBe("application/vnd.amazon.eventstream");
  return decodeEventStreamMessages(bytes).map((m) => ({
    headers: m.headers,
    payload: JSON.parse(m.payload.toString()),
  }));
}

describe("startFakeBedrock", () => {
  it("answers Converse with output.message, stopReason, usage and metrics", async () => {
    const { res, bytes } = await call("converse");
    expect(res.status).toBe(200);
    expect(JSON.parse(bytes.toString())).toEqual({
      output: { message: { role: "assistant", content: [{ text: "Hello from fake-bedrock lorem ipsum" }] } },
      stopReason: "end_turn",
      usage: { inputTokens: 5, outputTokens: 5, totalTokens: 10 },
      metrics: { latencyMs: 42 },
    });
    expect(fake.requests[0]!.path).toBe("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
  });

  it("names every response with a UUID-shaped x-amzn-requestid, numbered per request", async () => {
    const first = await call("converse");
    const second = await call("converse-stream");
    const refused = await call("converse", body, {});
    expect(first.res.headers.get("x-amzn-requestid")).toBe("00000000-0000-4000-8000-000000000001");
    expect(second.res.headers.get("x-amzn-requestid")).toBe(fakeAwsRequestId(2));
    expect(refused.res.headers.get("x-amzn-requestid")).toBe(fakeAwsRequestId(3));
    expect(fakeAwsRequestId(3)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("streams event-stream frames: messageStart, deltas, stop, messageStop, metadata", async () => {
    const events = await streamEvents();
    expect(events.map((e) => e.headers[":event-type"])).toEqual([
      "messageStart",
      ...Array(5).fill("contentBlockDelta"),
      "contentBlockStop",
      "messageStop",
      "metadata",
    ]);
    for (const e of events) {
      expect(e.headers).toMatchObject({ ":message-type": "event", ":content-type": "application/json" });
      expect(e.payload.p).toEqual(expect.any(String));
    }
    expect(
      events
        .slice(1, 6)
        .map((e) => e.payload.delta.text)
        .join(""),
    ).toBe("Hello from fake-bedrock lorem ipsum");
    expect(events[7]!.payload).toMatchObject({ stopReason: "end_turn" });
    expect(events[8]!.payload).toMatchObject({ usage: { inputTokens: 5, outputTokens: 5, totalTokens: 10 } });
  });

  it("streams a toolUse block (contentBlockStart, input fragments) with stopReason tool_use", async () => {
    const events = await streamEvents({
      messages: [{ role: "user", content: [{ text: "call tool" }] }],
      toolConfig: { tools: [{ toolSpec: { name: "lookup", inputSchema: { json: { type: "object" } } } }] },
    });
    expect(events[1]!.payload).toMatchObject({
      contentBlockIndex: 0,
      start: { toolUse: { toolUseId: "tooluse_fake000001", name: "lookup" } },
    });
    const input = events
      .filter((e) => e.headers[":event-type"] === "contentBlockDelta")
      .map((e) => e.payload.delta.toolUse.input);
    expect(input.join("")).toBe('{"q":"x"}');
    expect(events.at(-2)!.payload).toMatchObject({ stopReason: "tool_use" });
  });

  it('streams two toolUse blocks for "call tools", and returns both unstreamed', async () => {
    const spec = (name: string) => ({ toolSpec: { name, inputSchema: { json: { type: "object" } } } });
    const payload = {
      messages: [{ role: "user", content: [{ text: "call tools" }] }],
      toolConfig: { tools: [spec("lookup"), spec("fetch")] },
    };
    const events = await streamEvents(payload);
    const starts = events
      .filter((e) => e.headers[":event-type"] === "contentBlockStart")
      .map((e) => e.payload);
    expect(starts).toMatchObject([
      { contentBlockIndex: 0, start: { toolUse: { toolUseId: "tooluse_fake000001", name: "lookup" } } },
      { contentBlockIndex: 1, start: { toolUse: { toolUseId: "tooluse_fake000001_2", name: "fetch" } } },
    ]);
    const input = (i: number) =>
      events
        .filter((e) => e.headers[":event-type"] === "contentBlockDelta" && e.payload.contentBlockIndex === i)
        .map((e) => e.payload.delta.toolUse.input)
        .join("");
    expect([input(0), input(1)]).toEqual(['{"q":"x"}', '{"q":"y"}']);
    const { bytes } = await call("converse", payload);
    expect(JSON.parse(bytes.toString()).output.message.content).toEqual([
      { toolUse: { toolUseId: "tooluse_fake000002", name: "lookup", input: { q: "x" } } },
      { toolUse: { toolUseId: "tooluse_fake000002_2", name: "fetch", input: { q: "y" } } },
    ]);
  });

  it("streams reasoningContent text then signature when thinking is enabled; max_tokens when capped", async () => {
    const events = await streamEvents({
      ...body,
      inferenceConfig: { maxTokens: 2 },
      additionalModelRequestFields: { thinking: { type: "enabled", budget_tokens: 1024 } },
    });
    const deltas = events
      .filter((e) => e.payload.contentBlockIndex === 0 && e.payload.delta)
      .map((e) => e.payload.delta);
    expect(deltas).toEqual([
      { reasoningContent: { text: "Let me think" } },
      { reasoningContent: { text: " about this." } },
      { reasoningContent: { signature: FAKE_REASONING_SIGNATURE } },
    ]);
    expect(events.at(-2)!.payload).toMatchObject({ stopReason: "max_tokens" });
    expect(events.at(-1)!.payload.usage).toEqual({ inputTokens: 5, outputTokens: 4, totalTokens: 9 });
  });

  it("requires a SigV4-shaped Authorization (403 as AWS), or a bearer key when allowed", async () => {
    const none = await call("converse", body, { "content-type": "application/json" });
    expect(none.res.status).toBe(403);
    expect(none.res.headers.get("x-amzn-errortype")).toMatch(/^MissingAuthenticationTokenException:/);
    expect(JSON.parse(none.bytes.toString())).toEqual({ message: "Missing Authentication Token" });
    const bearer = await call("converse", body, { authorization: "Bearer ABSKkey" });
    expect(bearer.res.headers.get("x-amzn-errortype")).toMatch(/^IncompleteSignatureException:/);
    const lenient = await startFakeBedrock({ allowApiKeys: true });
    const ok = await fetch(`${lenient.url}/model/${MODEL}/converse`, {
      method: "POST",
      headers: { authorization: "Bearer ABSKkey" },
      body: JSON.stringify(body),
    });
    expect(ok.status).toBe(200);
    await lenient.close();
  });

  it.each([
    ["error-429", 429, "ThrottlingException"],
    ["error-400", 400, "ValidationException"],
    ["error-500", 500, "InternalServerException"],
    ["error-503", 503, "ServiceUnavailableException"],
    ["error-401", 403, "UnrecognizedClientException"],
  ] as const)("%s answers %i with x-amzn-errortype %s", async (mode, status, type) => {
    fake.setMode(mode);
    const { res, bytes } = await call("converse");
    expect(res.status).toBe(status);
    expect(res.headers.get("x-amzn-errortype")?.split(":")[0]).toBe(type);
    expect(JSON.parse(bytes.toString())).toEqual({ message: expect.any(String) });
  });

  it("stream-error: an exception frame after the first events", async () => {
    fake.setMode("stream-error");
    const events = await streamEvents();
    expect(events).toHaveLength(3);
    expect(events[2]!.headers).toEqual({
      ":exception-type": "modelStreamErrorException",
      ":content-type": "application/json",
      ":message-type": "exception",
    });
  });
});
