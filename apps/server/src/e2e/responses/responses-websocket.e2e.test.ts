import { type FakeServer, fakeReplyText } from "@gatehouse/test-support";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { addModel, addProvider, startFake } from "../routing/routing-fixture.js";
import { codexRequest } from "./testing/codex-request.js";
import {
  ResponsesSocketClient,
  responseOf,
  textOf,
  UpgradeRefused,
} from "./testing/responses-socket-client.js";

// The Responses API's WebSocket mode through the real server and the `ws` client: turns continued with
// previous_response_id against the Anthropic fake (which must see the whole conversation), warm-up,
// refusals as error events, and the key checked at the upgrade.
describe("GET /v1/responses as a WebSocket", () => {
  let gw: TestGateway;
  let anthropic: FakeServer;
  const sockets: ResponsesSocketClient[] = [];
  const open = async (headers?: Record<string, string>) => {
    const socket = await ResponsesSocketClient.open(gw.url, gw.key, headers);
    sockets.push(socket);
    return socket;
  };
  /** The messages the upstream was sent last: role and text of each. */
  const upstreamConversation = () => {
    const json = anthropic.requests.at(-1)!.json as {
      messages: Array<{ role: string; content: string | Array<{ type: string; text?: string }> }>;
    };
    return json.messages.map((m) => ({
      role: m.role,
      text: typeof m.content === "string" ? m.content : m.content.map((p) => p.text ?? "").join(""),
    }));
  };
  const usageLines = () =>
    gw.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.surface === "responses" && l.url === "/v1/responses");

  beforeAll(async () => {
    anthropic = await startFake("anthropic", { slowDelayMs: 300 });
    gw = await startTestGateway({ retryPolicy: { maxAttempts: 1 } });
    await addProvider(gw, "anth", "anthropic", anthropic);
    await addModel(gw, "claude-ws", [{ provider: "anth" }]);
    await addModel(gw, "claude-limited", [{ provider: "anth" }]);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await gw?.close();
    await anthropic?.close();
  });
  beforeEach(() => {
    anthropic.requests.length = 0;
  });

  it("runs three turns on one socket, each continuing the last: the upstream sees the whole conversation", async () => {
    const socket = await open();
    const reply = fakeReplyText("anthropic", 5);
    const first = await socket.turn({
      model: "claude-ws",
      instructions: "Be brief.",
      input: "Capital of France?",
    });
    expect(first[0]).toMatchObject({ type: "response.created", sequence_number: 0 });
    expect(first.at(-1)!.type).toBe("response.completed");
    expect(textOf(first)).toBe(reply);
    const id1 = responseOf(first).id as string;
    expect(id1).toMatch(/^resp_/);

    const second = await socket.turn({
      model: "claude-ws",
      previous_response_id: id1,
      input: "And of Spain?",
    });
    expect(second.at(-1)!.type).toBe("response.completed");
    const id2 = responseOf(second).id as string;
    expect(id2).not.toBe(id1);

    const third = await socket.turn({
      model: "claude-ws",
      previous_response_id: id2,
      input: [{ type: "message", role: "user", content: [{ type: "input_text", text: "And of Italy?" }] }],
    });
    expect(third.at(-1)!.type).toBe("response.completed");
    expect(anthropic.requests).toHaveLength(3);
    expect(upstreamConversation()).toEqual([
      { role: "user", text: "Capital of France?" },
      { role: "assistant", text: reply },
      { role: "user", text: "And of Spain?" },
      { role: "assistant", text: reply },
      { role: "user", text: "And of Italy?" },
    ]);
    // Instructions are each turn's own: the first turn's are not carried.
    expect((anthropic.requests[0]!.json as { system?: unknown }).system).toBeDefined();
    expect((anthropic.requests[2]!.json as { system?: unknown }).system).toBeUndefined();
    // Each turn is a request of its own, metered and logged under the surface `responses`.
    await gw.app.runtime.usage.flush();
    expect(
      usageLines()
        .slice(-3)
        .map((l) => l.status),
    ).toEqual([200, 200, 200]);
  });

  it("answers a warm-up (generate: false) without calling the model, and continues from its id", async () => {
    const socket = await open();
    const warm = await socket.turn({ model: "claude-ws", input: "Remember: 42.", generate: false });
    expect(warm.map((e) => e.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.completed",
    ]);
    expect(responseOf(warm)).toMatchObject({ status: "completed", output: [], usage: { total_tokens: 0 } });
    expect(anthropic.requests).toHaveLength(0);
    const next = await socket.turn({
      model: "claude-ws",
      previous_response_id: responseOf(warm).id,
      input: "What number?",
    });
    expect(next.at(-1)!.type).toBe("response.completed");
    expect(
      upstreamConversation()
        .map((m) => m.text)
        .join(" | "),
    ).toContain("Remember: 42.");
    expect(upstreamConversation().at(-1)!.text).toContain("What number?");
  });

  it("refuses a bad key at the upgrade: a 401 in OpenAI's error shape, and no socket", async () => {
    for (const key of ["gh-not-a-key", undefined]) {
      const refusal = await ResponsesSocketClient.open(gw.url, key).then(
        () => undefined,
        (err: UpgradeRefused) => err,
      );
      expect(refusal).toBeInstanceOf(UpgradeRefused);
      expect(refusal!.status).toBe(401);
      expect(JSON.parse(refusal!.body)).toMatchObject({
        error: {
          type: "authentication_error",
          code: key === undefined ? "missing_api_key" : "invalid_api_key",
        },
      });
    }
    expect(anthropic.requests).toHaveLength(0);
  });

  it("keeps a plain GET /v1/responses (no upgrade) a 4xx, never a 5xx", async () => {
    const res = await fetch(`${gw.url}/v1/responses`, { headers: { authorization: `Bearer ${gw.key}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("answers bad JSON, an unknown type and a bad field with error events, and keeps the socket open", async () => {
    const socket = await open();
    socket.send("{not json");
    expect(await socket.untilLast()).toEqual([
      { type: "error", status: 400, error: expect.objectContaining({ code: "invalid_json" }) },
    ]);
    socket.send({ type: "session.update" });
    expect(await socket.untilLast()).toEqual([
      {
        type: "error",
        status: 400,
        error: expect.objectContaining({ code: "invalid_request", param: "type" }),
      },
    ]);
    socket.send(Buffer.from("{}"), { binary: true });
    expect((await socket.untilLast()).at(-1)).toMatchObject({ type: "error", status: 400 });
    const bad = await socket.turn({ model: "claude-ws", input: [{ type: "nonsense" }] });
    expect(bad).toEqual([
      { type: "error", status: 400, error: expect.objectContaining({ type: "invalid_request_error" }) },
    ]);
    const ok = await socket.turn({ model: "claude-ws", input: "still there?" });
    expect(ok.at(-1)!.type).toBe("response.completed");
  });

  it("continues a stored response on a new socket; a store:false one only on its own socket", async () => {
    const first = await open();
    const stored = responseOf(await first.turn({ model: "claude-ws", input: "Remember 42." })).id as string;
    const unstored = responseOf(await first.turn({ model: "claude-ws", input: "Forget it.", store: false }))
      .id as string;
    first.close();

    const second = await open();
    const events = await second.turn({ model: "claude-ws", previous_response_id: stored, input: "Which?" });
    expect(events.at(-1)!.type).toBe("response.completed");
    expect(upstreamConversation().map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(upstreamConversation()[0]!.text).toBe("Remember 42.");
    const refused = await second.turn({ model: "claude-ws", previous_response_id: unstored, input: "x" });
    expect(refused).toEqual([
      expect.objectContaining({
        type: "error",
        error: expect.objectContaining({ code: "previous_response_not_found" }),
      }),
    ]);
  });

  it("answers an id neither on this socket nor stored with previous_response_not_found", async () => {
    const socket = await open();
    const events = await socket.turn({
      model: "claude-ws",
      previous_response_id: "resp_elsewhere",
      input: "x",
    });
    expect(events).toEqual([
      {
        type: "error",
        status: 400,
        error: expect.objectContaining({
          code: "previous_response_not_found",
          param: "previous_response_id",
        }),
      },
    ]);
    expect(anthropic.requests).toHaveLength(0);
  });

  it("refuses a second response.create while one runs, with an error event", async () => {
    anthropic.setMode("slow", 1);
    const socket = await open();
    socket.send({ type: "response.create", model: "claude-ws", input: "slowly" });
    socket.send({ type: "response.create", model: "claude-ws", input: "too soon" });
    const events = await socket.untilLast();
    const refusal = events.find((e) => e.type === "error");
    expect(refusal).toMatchObject({ status: 400, error: { code: "response_in_progress" } });
    const rest = await socket.untilLast();
    expect(rest.at(-1)!.type).toBe("response.completed");
    expect(anthropic.requests).toHaveLength(1);
  });

  it("meters a response whose client closes the socket mid-stream as client_closed (499)", async () => {
    anthropic.setMode("slow", 1);
    const socket = await open();
    socket.send({ type: "response.create", model: "claude-ws", input: "cut me off" });
    while (!socket.events.some((e) => e.type === "response.output_text.delta"))
      await new Promise((r) => setTimeout(r, 20));
    const before = usageLines().length;
    socket.close();
    for (let i = 0; i < 100 && usageLines().length === before; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(usageLines().at(-1)).toMatchObject({ status: 499, surface: "responses" });
  });

  it("answers a rate-limit refusal as an error event with status 429 and retry-after, the socket open", async () => {
    await gw.store.forTenant(gw.tenant.id).rateLimits.create({
      scopeKind: "workspace",
      scopeId: gw.workspace.id,
      model: "claude-limited",
      rpm: 1,
    });
    await gw.app.refresh();
    const socket = await open();
    expect((await socket.turn({ model: "claude-limited", input: "one" })).at(-1)!.type).toBe(
      "response.completed",
    );
    const refused = await socket.turn({ model: "claude-limited", input: "two" });
    expect(refused).toEqual([
      {
        type: "error",
        status: 429,
        error: expect.objectContaining({ code: "rate_limited" }),
        headers: { "retry-after": expect.stringMatching(/^\d+$/) },
      },
    ]);
    expect(anthropic.requests).toHaveLength(1);
    expect((await socket.turn({ model: "claude-ws", input: "other model" })).at(-1)!.type).toBe(
      "response.completed",
    );
  });

  it("serves Codex: the OpenAI-Beta header, a warm-up, then a turn with tools, reasoning and store false", async () => {
    const socket = await open({
      "openai-beta": "responses_websockets=2026-02-04",
      originator: "codex_cli_rs",
      session_id: "0199a1b2-0000-7000-8000-000000000000",
    });
    const request = codexRequest("claude-ws", "0199a1b2-0000-7000-8000-000000000000");
    // Warmed up before any input (instructions and tools only), then the first turn continues from it.
    const warm = await socket.turn({ ...request, input: [], generate: false });
    expect(warm.at(-1)!.type).toBe("response.completed");
    const events = await socket.turn({ ...request, previous_response_id: responseOf(warm).id });
    expect(events.at(-1)!.type).toBe("response.completed");
    const call = (responseOf(events).output as Array<Record<string, unknown>>).find(
      (o) => o.type === "function_call",
    );
    expect(call).toMatchObject({ name: "shell", call_id: expect.any(String) });
    const next = await socket.turn({
      ...request,
      previous_response_id: responseOf(events).id,
      input: [{ type: "function_call_output", call_id: call!.call_id, output: "ok" }],
    });
    expect(next.at(-1)!.type).toBe("response.completed");
    const last = anthropic.requests.at(-1)!.json as { messages: Array<{ role: string; content: unknown }> };
    expect(JSON.stringify(last.messages)).toContain('"tool_result"');
  });
});
