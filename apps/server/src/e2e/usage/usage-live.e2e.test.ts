import { createGatehouseClient, GatehouseApiError, type ServerSentEvent } from "@gatehouse/sdk";
import type { FakeServer } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { addModel, addProvider, startFake } from "../routing/routing-fixture.js";
import { chat } from "../routing/surface-client.js";

const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
let gw: TestGateway;
let fake: FakeServer;
let client: ReturnType<typeof createGatehouseClient>;

beforeAll(async () => {
  fake = await startFake("openai");
  gw = await startTestGateway({ passwordHasher: hasher });
  await addProvider(gw, "fake", "openai", fake);
  await addModel(gw, "m-live", [{ provider: "fake" }]);
  await gw.store.users.create({
    tenantId: gw.tenant.id,
    email: "owner@live.test",
    name: "Owner",
    role: "owner",
    passwordHash: await hasher.hash(PASSWORD),
  });
  client = createGatehouseClient({ baseUrl: gw.url });
  await client.auth.logIn({ body: { email: "owner@live.test", password: PASSWORD } });
});
afterAll(async () => {
  // The aborted streams' sockets outlive them here (see the report); cut them as `gatehouse start` does
  // after its shutdown timeout.
  const closing = gw?.close();
  await new Promise((r) => setTimeout(r, 500));
  gw?.app.server.server.closeAllConnections();
  await closing;
  await fake?.close();
});

/** Collects a stream's events in the background until `stop` is aborted or the server ends it. */
function collect(maxSeconds: number) {
  const events: ServerSentEvent[] = [];
  const stop = new AbortController();
  const done = (async () => {
    try {
      for await (const e of client.events("usage.live", {
        params: { tenantId: gw.tenant.id },
        query: { maxSeconds },
        signal: stop.signal,
      })) {
        events.push(e);
      }
    } catch (err) {
      if (!stop.signal.aborted) throw err;
    }
  })();
  return { events, stop, done };
}

describe("usage.live over the real server", () => {
  it("says ready, then sends a usage event after a request lands, and ends after maxSeconds", async () => {
    const live = collect(8);
    await expect.poll(() => live.events.map((e) => e.event)).toContain("ready");
    // The first poll (the baseline) runs at once; let it finish before the request.
    await new Promise((r) => setTimeout(r, 300));
    expect(live.events.filter((e) => e.event === "usage")).toHaveLength(0);
    expect((await chat(gw, "openai", "m-live")).status).toBe(200);
    await expect
      .poll(() => live.events.filter((e) => e.event === "usage").length, { timeout: 6_000 })
      .toBeGreaterThan(0);
    const usage = live.events.find((e) => e.event === "usage")!;
    expect(JSON.parse(usage.data)).toEqual({ at: expect.any(Number) });
    // The server ends the stream by itself (maxSeconds), so the loop finishes without an abort.
    await live.done;
    expect(live.stop.signal.aborted).toBe(false);
  }, 30_000);

  it("refuses a caller without a token (401) and `call` on the stream operation", async () => {
    const res = await fetch(`${gw.url}/api/tenants/${gw.tenant.id}/usage/live`);
    expect(res.status).toBe(401);
    await expect(client.call("usage.live", { params: { tenantId: gw.tenant.id } })).rejects.toThrow(
      /event stream/,
    );
  });

  it("holds at most 20 streams per tenant and frees a slot when a client goes away", async () => {
    const open = Array.from({ length: 20 }, () => collect(30));
    for (const s of open) await expect.poll(() => s.events.length).toBeGreaterThan(0);
    const refused = collect(30);
    await expect(refused.done).rejects.toBeInstanceOf(GatehouseApiError);
    await expect(refused.done).rejects.toMatchObject({ status: 429 });
    open[0]!.stop.abort();
    await open[0]!.done;
    const again = collect(30);
    await expect.poll(() => again.events.length, { timeout: 5_000 }).toBeGreaterThan(0);
    for (const s of [...open.slice(1), again]) s.stop.abort();
    await Promise.all([...open, again].map((s) => s.done));
  }, 30_000);

  it("ends open streams at shutdown instead of holding the server", async () => {
    const other = await startTestGateway({ passwordHasher: hasher });
    await other.store.users.create({
      tenantId: other.tenant.id,
      email: "owner@live.test",
      name: "Owner",
      role: "owner",
      passwordHash: await hasher.hash(PASSWORD),
    });
    const c = createGatehouseClient({ baseUrl: other.url });
    await c.auth.logIn({ body: { email: "owner@live.test", password: PASSWORD } });
    const seen: string[] = [];
    const done = (async () => {
      for await (const e of c.events("usage.live", { params: { tenantId: other.tenant.id } }))
        seen.push(e.event);
    })();
    await expect.poll(() => seen).toContain("ready");
    const started = Date.now();
    const closing = other.close();
    await done;
    expect(Date.now() - started).toBeLessThan(5_000);
    // The stream's keep-alive socket is idle now; `gatehouse start` sweeps those every 100 ms.
    other.app.server.server.closeIdleConnections();
    await closing;
  }, 30_000);
});
