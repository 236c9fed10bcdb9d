import type { FakeServer } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../../control-plane/e2e/control-plane-api.js";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { createStore } from "../../store/create-store.js";
import type { Store } from "../../store/store.js";
import { pendingUsage, usageFinal } from "../../store/usage/testing/usage-records.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { addModel, addProvider, startFake, usageOf } from "../routing/routing-fixture.js";
import { chat } from "../routing/surface-client.js";

const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
let gw: TestGateway;
let fake: FakeServer;
let call: ReturnType<typeof apiClient>;
let token: string;
/** Pages the request log was asked for, through the store the server uses. */
let logPagesRead = 0;

/** The store, with the request log's page reads counted (to see how far an export has read). */
function countingStore(store: Store): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== "forTenant") return Reflect.get(target, prop, receiver);
      return (tenantId: string) => {
        const tenant = target.forTenant(tenantId);
        const page: typeof tenant.usageLog.page = (q) => {
          logPagesRead += 1;
          return tenant.usageLog.page(q);
        };
        return { ...tenant, usageLog: { ...tenant.usageLog, page } };
      };
    },
  });
}

beforeAll(async () => {
  fake = await startFake("openai");
  gw = await startTestGateway({
    store: countingStore(createStore({ sqlitePath: ":memory:" })),
    passwordHasher: hasher,
  });
  await addProvider(gw, "fake", "openai", fake);
  await addModel(gw, "m-usage", [{ provider: "fake" }]);
  call = apiClient(gw.url);
  await gw.store.users.create({
    tenantId: gw.tenant.id,
    email: "owner@usage.test",
    name: "Owner",
    role: "owner",
    passwordHash: await hasher.hash(PASSWORD),
  });
  token = (await call("POST", "/api/auth/login", { body: { email: "owner@usage.test", password: PASSWORD } }))
    .json.accessToken;
});
afterAll(async () => {
  await gw?.close();
  await fake?.close();
});

describe("usage API over the real server", () => {
  const base = () => `/api/tenants/${gw.tenant.id}/usage`;

  it("answers analytics, the log, a request's detail and a CSV export for requests just served", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await chat(gw, "openai", "m-usage");
      expect(res.status).toBe(200);
      ids.push(res.requestId);
    }
    for (const id of ids) expect((await usageOf(gw, id)).status).toBe("success");

    const summary = await call("GET", `${base()}/summary`, { token });
    expect(summary.status).toBe(200);
    expect(summary.json).toMatchObject({ requests: 4, errors: 0, interval: "hour" });
    expect(summary.json.inputTokens).toBeGreaterThan(0);
    expect(summary.json.latencyP95).toEqual(expect.any(Number));

    const series = await call(
      "GET",
      `${base()}/analytics?metric=requests&groupBy=model&from=${Date.now() - 3_600_000}`,
      {
        token,
      },
    );
    expect(series.status).toBe(200);
    expect(series.json.interval).toBe("minute");
    expect(series.json.series).toHaveLength(1);
    expect(series.json.series[0].group).toBe("m-usage");
    const total = series.json.series[0].points.reduce((n: number, p: { value: number }) => n + p.value, 0);
    expect(total).toBe(4);

    const top = await call("GET", `${base()}/top?by=model`, { token });
    expect(top.json.items.map((i: { group: string; requests: number }) => [i.group, i.requests])).toEqual([
      ["m-usage", 4],
    ]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(
        "GET",
        `${base()}/logs?limit=3&model=m-usage${cursor ? `&cursor=${cursor}` : ""}`,
        {
          token,
        },
      );
      expect(page.status).toBe(200);
      seen.push(...page.json.items.map((r: { id: string }) => r.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());

    const detail = await call("GET", `${base()}/logs/${ids[0]}`, { token });
    expect(detail.json).toMatchObject({ id: ids[0], status: "success", model: "m-usage" });
    expect(detail.json.attempts.length).toBeGreaterThanOrEqual(1);
    expect(detail.json).toHaveProperty("priceVersion");

    const csv = await call("GET", `${base()}/logs/export?model=m-usage`, { token });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = csv.text.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^started_at,request_id,status,/);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(",")[1])
        .sort(),
    ).toEqual([...ids].sort());
  });

  it("refuses bad input with a 400 and another tenant's request with a 404", async () => {
    const bad = await call("GET", `${base()}/analytics?interval=minute&from=0&to=${Date.now()}`, { token });
    expect([bad.status, bad.json.error.code]).toEqual([400, "invalid_request"]);
    const backwards = await call("GET", `${base()}/summary?from=10&to=5`, { token });
    expect(backwards.status).toBe(400);
    const cursor = await call("GET", `${base()}/logs?cursor=not-a-cursor!`, { token });
    expect(cursor.status).toBe(400);
    await gw.store.usage.insertPending([pendingUsage("req_foreign", "ten_foreign", Date.now())]);
    expect((await call("GET", `${base()}/logs/req_foreign`, { token })).status).toBe(404);
  });

  it("streams a large export: the first byte comes before the log is read, and reading waits for the client", async () => {
    const n = 60_000;
    const now = Date.now();
    const records = Array.from({ length: n }, (_, i) =>
      pendingUsage(`req_bulk_${String(i).padStart(6, "0")}`, gw.tenant.id, now - 1_000 - i, {
        model: "bulk",
      }),
    );
    for (let i = 0; i < n; i += 5_000) {
      await gw.store.usage.insertPending(records.slice(i, i + 5_000));
      await gw.store.usage.finalize(records.slice(i, i + 5_000).map((r) => usageFinal(r.id)));
    }
    logPagesRead = 0;
    const res = await fetch(`${gw.url}${base()}/logs/export?model=bulk`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = "";
    try {
      const first = await reader.read();
      expect(first.done).toBe(false);
      expect(logPagesRead).toBeLessThan(60);
      // The client stops reading: once the socket buffers are full the server must stop reading pages
      // (what it holds is bounded by those buffers, not by the export's size).
      await new Promise((r) => setTimeout(r, 400));
      const paused = logPagesRead;
      await new Promise((r) => setTimeout(r, 400));
      expect(logPagesRead).toBe(paused);
      expect(paused).toBeLessThan(60);
      const decoder = new TextDecoder();
      text += decoder.decode(first.value, { stream: true });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } finally {
      await reader.cancel().catch(() => {});
    }
    expect(logPagesRead).toBe(60);
    const lines = text.trimEnd().split("\r\n");
    expect(lines).toHaveLength(n + 1);
  });
});
