import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

/** Pricing over the API, end to end: the catalog pages, the price book, settings, audit, bad input. */
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;
let owner: string;

beforeAll(async () => {
  gw = await startTestGateway({ passwordHasher: hasher });
  call = apiClient(gw.url);
  await gw.store.users.create({
    tenantId: gw.tenant.id,
    email: "owner@acme.test",
    name: "Olive Owner",
    role: "owner",
    passwordHash: await hasher.hash(PASSWORD),
  });
  owner = (await call("POST", "/api/auth/login", { body: { email: "owner@acme.test", password: PASSWORD } }))
    .json.accessToken;
});
afterAll(() => gw.close());

const base = () => `/api/tenants/${gw.tenant.id}/pricing`;

describe("pricing over the API", () => {
  it("pages through the whole shipped catalog, filtered by provider and model", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor === null ? "" : `&cursor=${cursor}`;
      const page = await call("GET", `${base()}/catalog?limit=7${q}`, { token: owner });
      expect(page.status).toBe(200);
      seen.push(...page.json.items.map((e: { version: string }) => e.version));
      cursor = page.json.nextCursor;
    } while (cursor !== null);
    expect(seen.length).toBe(gw.app.runtime.prices.entries.length);
    expect([...seen].sort()).toEqual(seen);
    const claude = await call("GET", `${base()}/catalog?provider=anthropic&model=opus-4-1`, { token: owner });
    expect(claude.json.items).toEqual([
      expect.objectContaining({
        version: "anthropic/claude-opus-4-1@2025-08-05",
        prices: expect.objectContaining({ input: 15_000_000_000, cacheWrite1h: 30_000_000_000 }),
        source: "https://docs.anthropic.com/en/docs/about-claude/pricing",
      }),
    ]);
  });

  it("puts, reads, lists and removes book entries, each change audited and bumping the revision", async () => {
    const revision = await gw.store.revision();
    const prices = {
      input: 2_500_000_000,
      output: 10_000_000_000,
      promptTiers: [{ aboveTokens: 100, input: 1, output: 2 }],
    };
    const put = await call("PUT", `${base()}/book/entry`, {
      token: owner,
      body: { model: "team/gpt", prices },
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ model: "team/gpt", prices });
    expect(await gw.store.revision()).toBeGreaterThan(revision);
    expect(gw.app.runtime.catalog.pricingOf(gw.tenant.id).book.get("team/gpt")?.prices).toEqual(prices);
    const got = await call("GET", `${base()}/book/entry?model=${encodeURIComponent("team/gpt")}`, {
      token: owner,
    });
    expect(got.json.prices).toEqual(prices);
    const listed = await call("GET", `${base()}/book?model=team/`, { token: owner });
    expect(listed.json.items.map((e: { model: string }) => e.model)).toEqual(["team/gpt"]);
    const removed = await call("DELETE", `${base()}/book/entry?model=team/gpt`, { token: owner });
    expect(removed.status).toBe(204);
    expect((await call("DELETE", `${base()}/book/entry?model=team/gpt`, { token: owner })).status).toBe(204);
    expect((await call("GET", `${base()}/book/entry?model=team/gpt`, { token: owner })).status).toBe(404);
    const audit = await gw.store.forTenant(gw.tenant.id).audit.list({ limit: 50, order: "asc" });
    expect(audit.items.map((e) => e.action)).toEqual(["pricing.putEntry", "pricing.deleteEntry"]);
  });

  it("reads default settings and changes them", async () => {
    expect((await call("GET", `${base()}/settings`, { token: owner })).json).toEqual({
      markupBps: 0,
      unpricedModels: "record",
    });
    const patched = await call("PATCH", `${base()}/settings`, {
      token: owner,
      body: { unpricedModels: "refuse" },
    });
    expect(patched.json).toEqual({ markupBps: 0, unpricedModels: "refuse" });
    expect(gw.app.runtime.catalog.pricingOf(gw.tenant.id).settings.unpricedModels).toBe("refuse");
  });

  it("answers bad prices with a 400 naming the field, never a 5xx", async () => {
    const bad = await call("PUT", `${base()}/book/entry`, {
      token: owner,
      body: { model: "m", prices: { input: 1.5, output: 1 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("input");
    const dup = await call("PUT", `${base()}/book/entry`, {
      token: owner,
      body: {
        model: "m",
        prices: {
          input: 1,
          output: 1,
          promptTiers: [
            { aboveTokens: 5, input: 1, output: 1 },
            { aboveTokens: 5, input: 2, output: 2 },
          ],
        },
      },
    });
    expect(dup.status).toBe(400);
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (prices) => {
        const res = await call("PUT", `${base()}/book/entry`, {
          token: owner,
          body: { model: "fuzz", prices },
        });
        expect(res.status === 200 || res.status === 400).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
