import { request } from "node:http";
import type { FakeServer } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { addModel, addProvider, startFake } from "../routing/routing-fixture.js";
import { ResponsesSocketClient } from "./testing/responses-socket-client.js";

/** A raw upgrade request's answer: status and body (for answers that are not a socket). */
function rawUpgrade(url: string, path: string, key: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, {
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
        authorization: `Bearer ${key}`,
      },
    });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (c: Buffer) => {
        body += String(c);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: "" });
    });
    req.on("error", reject);
    req.end();
  });
}

// The WebSocket mode's limits with short settings: the message size, the idle time, a connection's age,
// the key's concurrency, and the server's shutdown.
describe("Responses WebSocket limits", () => {
  let gw: TestGateway;
  let anthropic: FakeServer;

  beforeAll(async () => {
    anthropic = await startFake("anthropic", { slowDelayMs: 400 });
    gw = await startTestGateway({
      retryPolicy: { maxAttempts: 1 },
      responsesWebSocket: { maxMessageBytes: 4096, idleMs: 400, maxConnectionMs: 1_500, pingMs: 200 },
    });
    await addProvider(gw, "anth", "anthropic", anthropic);
    await addModel(gw, "claude-ws", [{ provider: "anth" }]);
  });
  afterAll(async () => {
    await gw?.close();
    await anthropic?.close();
  });

  it("answers an oversized message with an error event, then closes with 1009", async () => {
    const socket = await ResponsesSocketClient.open(gw.url, gw.key);
    socket.send({ type: "response.create", model: "claude-ws", input: "x".repeat(5000) });
    expect(await socket.untilLast()).toEqual([
      { type: "error", status: 413, error: expect.objectContaining({ code: "payload_too_large" }) },
    ]);
    expect(await socket.closed).toEqual({ code: 1009, reason: "message too big" });
  });

  it("refuses a continued conversation grown past the body limit, the socket open", async () => {
    const own = await startTestGateway({ bodyLimit: 4096 });
    try {
      await addProvider(own, "anth", "anthropic", anthropic);
      await addModel(own, "claude-ws", [{ provider: "anth" }]);
      const socket = await ResponsesSocketClient.open(own.url, own.key);
      let previous: unknown;
      let last: Record<string, unknown> | undefined;
      for (const letter of ["x", "y", "z"]) {
        const events = await socket.turn({
          model: "claude-ws",
          previous_response_id: previous,
          input: letter.repeat(1500),
        });
        last = events.at(-1);
        if (last!.type !== "response.completed") break;
        previous = (last!.response as { id: string }).id;
      }
      expect(last).toEqual({
        type: "error",
        status: 413,
        error: expect.objectContaining({ code: "payload_too_large", param: "previous_response_id" }),
      });
      expect((await socket.turn({ model: "claude-ws", input: "fresh start" })).at(-1)!.type).toBe(
        "response.completed",
      );
      socket.close();
    } finally {
      await own.close();
    }
  });

  it("closes a frame far above the limit without reading it (1009)", async () => {
    const socket = await ResponsesSocketClient.open(gw.url, gw.key);
    socket.send("x".repeat(64 * 1024));
    expect((await socket.closed).code).toBe(1009);
  });

  it("closes a socket that never sends response.create after the idle limit, with an error event first", async () => {
    const socket = await ResponsesSocketClient.open(gw.url, gw.key);
    const started = Date.now();
    expect(await socket.untilLast()).toEqual([
      { type: "error", status: 408, error: expect.objectContaining({ code: "websocket_idle_timeout" }) },
    ]);
    expect(await socket.closed).toEqual({ code: 1000, reason: "idle timeout" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
  });

  it("does not count a running response as idle, and ends an aged connection once it is done", async () => {
    const socket = await ResponsesSocketClient.open(gw.url, gw.key);
    const started = Date.now();
    // Slow: the response outlasts both the idle limit (400 ms) and the connection's (1.5 s).
    anthropic.setMode("slow", 1);
    const events = await socket.turn({ model: "claude-ws", input: "slowly" });
    expect(Date.now() - started).toBeGreaterThan(1_500);
    expect(events.at(-1)!.type).toBe("response.completed");
    expect(await socket.untilLast()).toEqual([
      {
        type: "error",
        status: 400,
        error: expect.objectContaining({ code: "websocket_connection_limit_reached" }),
      },
    ]);
    expect(await socket.closed).toEqual({ code: 1000, reason: "connection limit reached" });
  });

  it("pings every pingMs and drops a socket that does not answer; one that answers stays", async () => {
    const own = await startTestGateway({ responsesWebSocket: { pingMs: 100, idleMs: 5_000 } });
    try {
      const url = `${own.url.replace(/^http/, "ws")}/v1/responses`;
      const headers = { authorization: `Bearer ${own.key}` };
      const deaf = new WebSocket(url, { headers, autoPong: false });
      const polite = await ResponsesSocketClient.open(own.url, own.key);
      let pings = 0;
      deaf.on("ping", () => pings++);
      const started = Date.now();
      const code = await new Promise<number>((resolve) => deaf.on("close", (c) => resolve(c)));
      // Dropped without a close frame (1006) after one unanswered ping, long before the idle limit.
      expect(code).toBe(1006);
      expect(pings).toBe(1);
      expect(Date.now() - started).toBeLessThan(1_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(polite.ws.readyState).toBe(WebSocket.OPEN);
      polite.close();
    } finally {
      await own.close();
    }
  });

  it("counts each in-flight response toward the key's concurrency limit", async () => {
    const rule = await gw.store.forTenant(gw.tenant.id).rateLimits.create({
      scopeKind: "workspace",
      scopeId: gw.workspace.id,
      concurrency: 1,
    });
    await gw.app.refresh();
    try {
      const a = await ResponsesSocketClient.open(gw.url, gw.key);
      const b = await ResponsesSocketClient.open(gw.url, gw.key);
      anthropic.setMode("slow", 1);
      a.send({ type: "response.create", model: "claude-ws", input: "holds the slot" });
      await new Promise((r) => setTimeout(r, 150));
      const refused = await b.turn({ model: "claude-ws", input: "second" });
      expect(refused).toEqual([
        expect.objectContaining({
          type: "error",
          status: 429,
          error: expect.objectContaining({ code: "rate_limited" }),
        }),
      ]);
      expect((await a.untilLast()).at(-1)!.type).toBe("response.completed");
      a.close();
      b.close();
    } finally {
      await gw.store.forTenant(gw.tenant.id).rateLimits.remove(rule.id);
      await gw.app.refresh();
    }
  });

  it("answers an upgrade of another path with 404 and a bad key with 401, in OpenAI's shape", async () => {
    const other = await rawUpgrade(gw.url, "/v1/chat/completions", gw.key);
    expect(other.status).toBe(404);
    expect(JSON.parse(other.body)).toMatchObject({ error: { code: "not_found" } });
    const bad = await rawUpgrade(gw.url, "/v1/responses", "sk-wrong");
    expect(bad.status).toBe(401);
    expect(JSON.parse(bad.body)).toMatchObject({ error: { code: "invalid_api_key" } });
    expect((await rawUpgrade(gw.url, "/v1/responses", gw.key)).status).toBe(101);
  });

  it("closes open sockets with 1001 when the server shuts down", async () => {
    const own = await startTestGateway({ responsesWebSocket: { idleMs: 60_000 } });
    const socket = await ResponsesSocketClient.open(own.url, own.key);
    await own.close();
    expect(await socket.closed).toEqual({ code: 1001, reason: "server shutting down" });
  });

  it("lets a response in flight finish at shutdown, then closes its socket with 1001", async () => {
    const own = await startTestGateway({ responsesWebSocket: { idleMs: 60_000 } });
    await addProvider(own, "anth", "anthropic", anthropic);
    await addModel(own, "claude-ws", [{ provider: "anth" }]);
    const socket = await ResponsesSocketClient.open(own.url, own.key);
    anthropic.setMode("slow", 1);
    socket.send({ type: "response.create", model: "claude-ws", input: "finish me" });
    while (socket.events.length === 0) await new Promise((r) => setTimeout(r, 20));
    const closing = own.close();
    expect((await socket.untilLast()).at(-1)!.type).toBe("response.completed");
    expect(await socket.closed).toEqual({ code: 1001, reason: "server shutting down" });
    await closing;
  });
});
