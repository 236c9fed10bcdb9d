import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store.js";
import type { PendingUsage, UsageFinal } from "../store-types.js";
import { findStoreTargets, seedTenant, type TestClock, testClock } from "../test-stores.js";
import type { PlanInput } from "./billing-types.js";
import { PLANS_SCOPE } from "./plans-repo.js";

const targets = await findStoreTargets();
const USD = 1_000_000_000;
const hash = (code: string) => createHash("sha256").update(code).digest("hex");

const planInput = (extra: Partial<PlanInput> = {}): PlanInput => ({
  name: "Pro",
  models: ["gpt-4o*", "claude-*"],
  rpm: 600,
  tpm: 100_000,
  concurrency: 10,
  includedNano: 50 * USD,
  includedTokens: null,
  stripePriceId: "price_pro",
  ...extra,
});

/** The sum of every ledger entry of a tenant, read page by page. */
async function ledgerSum(store: Store, tenantId: string): Promise<number> {
  let sum = 0;
  let cursor: string | undefined;
  do {
    const page = await store.billing.credits.listEntries(tenantId, {
      limit: 2,
      order: "asc",
      ...(cursor && { cursor }),
    });
    for (const e of page.items) sum += e.amountNano;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return sum;
}

for (const target of targets) {
  describe.skipIf(target.skip !== undefined)(`billing store on ${target.name}`, () => {
    let store: Store;
    let clock: TestClock;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      clock = testClock();
      ({ store, cleanup } = await target.open(clock.now));
      await store.migrate();
    });
    afterEach(() => cleanup());

    it("creates, lists, updates and removes plans, bumping the installation-wide billing scope", async () => {
      const start = await store.revision();
      const plan = await store.billing.plans.create(planInput());
      expect(plan).toMatchObject({
        name: "Pro",
        models: ["gpt-4o*", "claude-*"],
        rpm: 600,
        includedNano: 50 * USD,
      });
      await expect(store.billing.plans.create(planInput())).rejects.toMatchObject({ code: "conflict" });
      const updated = await store.billing.plans.update(plan.id, { models: ["gpt-4o-mini"], tpm: null });
      expect(updated).toMatchObject({ models: ["gpt-4o-mini"], tpm: null, rpm: 600 });
      expect(await store.billing.plans.update("pln_missing", { rpm: 1 })).toBeUndefined();
      expect(await store.billing.plans.findByStripePrice("price_pro")).toMatchObject({ id: plan.id });
      expect((await store.changesSince(start)).changes).toEqual([
        expect.objectContaining({ tenantId: PLANS_SCOPE, kind: "billing" }),
      ]);
      expect((await store.billing.plans.list()).map((p) => p.name)).toEqual(["Pro"]);
      expect(await store.billing.plans.remove(plan.id)).toBe(true);
      expect(await store.billing.plans.remove(plan.id)).toBe(false);
    });

    it("sets a tenant's plan and prepaid flag with a billing bump, and refuses removing a plan in use", async () => {
      const { tenant } = await seedTenant(store, "Acme");
      const plan = await store.billing.plans.create(planInput());
      const start = await store.revision();
      expect(await store.billing.credits.get(tenant.id)).toMatchObject({
        planId: null,
        prepaid: false,
        availableNano: 0,
      });
      await store.billing.credits.setPlan(tenant.id, plan.id);
      const row = await store.billing.credits.setPrepaid(tenant.id, true);
      expect(row).toMatchObject({ planId: plan.id, prepaid: true });
      expect((await store.changesSince(start)).changes).toEqual([
        expect.objectContaining({ tenantId: tenant.id, kind: "billing" }),
      ]);
      expect((await store.billing.credits.listConfigured("", 10)).map((b) => b.tenantId)).toEqual([
        tenant.id,
      ]);
      await expect(store.billing.plans.remove(plan.id)).rejects.toMatchObject({ code: "conflict" });
      await expect(store.billing.credits.setPlan(tenant.id, "pln_missing")).rejects.toMatchObject({
        code: "not_found",
      });
    });

    it("keeps balance = sum(entries) − unflushed spend through reservations, settles and flushes", async () => {
      const { tenant } = await seedTenant(store, "Acme");
      await store.billing.credits.setPrepaid(tenant.id, true);
      await store.billing.credits.addEntry(tenant.id, {
        kind: "top_up",
        amountNano: 10 * USD,
        description: "Top-up",
      });
      expect(await store.billing.credits.reserve(tenant.id, 4 * USD)).toBe(true);
      expect(await store.billing.credits.reserve(tenant.id, 4 * USD)).toBe(true);
      expect(await store.billing.credits.reserve(tenant.id, 3 * USD)).toBe(false);
      expect(await store.billing.credits.get(tenant.id)).toMatchObject({
        reservedNano: 8 * USD,
        availableNano: 2 * USD,
      });
      await store.billing.credits.settle(tenant.id, 4 * USD, 1 * USD + 7);
      await store.billing.credits.settle(tenant.id, 4 * USD, 2 * USD);
      let b = await store.billing.credits.get(tenant.id);
      expect(b).toMatchObject({ reservedNano: 0, unflushedNano: 3 * USD + 7, availableNano: 7 * USD - 7 });
      expect(b.ledgerNano).toBe(await ledgerSum(store, tenant.id));
      clock.t += 3_600_000;
      expect(await store.billing.credits.flushAll()).toBe(1);
      expect(await store.billing.credits.flush(tenant.id)).toBe(0);
      b = await store.billing.credits.get(tenant.id);
      expect(b).toMatchObject({ unflushedNano: 0, ledgerNano: 7 * USD - 7, availableNano: 7 * USD - 7 });
      expect(await ledgerSum(store, tenant.id)).toBe(b.ledgerNano);
      const page = await store.billing.credits.listEntries(tenant.id, { limit: 10, order: "desc" });
      expect(page.items.map((e) => [e.kind, e.amountNano])).toEqual([
        ["debit", -(3 * USD + 7)],
        ["top_up", 10 * USD],
      ]);
    });

    it("refuses reservations of a tenant that is not prepaid", async () => {
      const { tenant } = await seedTenant(store, "Acme");
      await store.billing.credits.addEntry(tenant.id, { kind: "top_up", amountNano: USD, description: "x" });
      expect(await store.billing.credits.reserve(tenant.id, 1)).toBe(false);
    });

    it("never overspends under concurrent reservations", async () => {
      const { tenant } = await seedTenant(store, "Acme");
      await store.billing.credits.setPrepaid(tenant.id, true);
      await store.billing.credits.addEntry(tenant.id, {
        kind: "top_up",
        amountNano: 10 * USD,
        description: "x",
      });
      const results = await Promise.all(
        Array.from({ length: 25 }, () => store.billing.credits.reserve(tenant.id, USD)),
      );
      expect(results.filter(Boolean)).toHaveLength(10);
      expect(await store.billing.credits.get(tenant.id)).toMatchObject({
        reservedNano: 10 * USD,
        availableNano: 0,
      });
    });

    it("adds an entry with a reference once (replays add nothing)", async () => {
      const { tenant } = await seedTenant(store, "Acme");
      const first = await store.billing.credits.addEntry(tenant.id, {
        kind: "top_up",
        amountNano: USD,
        description: "x",
        reference: "evt_1",
      });
      expect(first).toBeDefined();
      expect(
        await store.billing.credits.addEntry(tenant.id, {
          kind: "top_up",
          amountNano: USD,
          description: "x",
          reference: "evt_1",
        }),
      ).toBeUndefined();
      expect((await store.billing.credits.get(tenant.id)).ledgerNano).toBe(USD);
    });

    it("redeems a code once per tenant, up to max uses, not after expiry, with no double redemption under concurrency", async () => {
      const a = await seedTenant(store, "Acme");
      const b = await seedTenant(store, "Beta");
      const c = await seedTenant(store, "Gamma");
      const code = await store.billing.redemptions.create({
        codeHash: hash("GH-ONE"),
        valueNano: 5 * USD,
        expiresAt: clock.now() + 1000,
        maxUses: 2,
        note: "launch",
      });
      const tries = await Promise.allSettled([
        ...Array.from({ length: 4 }, () => store.billing.redemptions.redeem(a.tenant.id, hash("GH-ONE"))),
        store.billing.redemptions.redeem(b.tenant.id, hash("GH-ONE")),
        store.billing.redemptions.redeem(c.tenant.id, hash("GH-ONE")),
      ]);
      expect(tries.filter((t) => t.status === "fulfilled")).toHaveLength(2);
      for (const t of tries)
        if (t.status === "rejected") expect(["conflict", "not_found"]).toContain(t.reason.code);
      expect((await store.billing.credits.get(a.tenant.id)).ledgerNano).toBe(5 * USD);
      const total = (await Promise.all([a, b, c].map((s) => ledgerSum(store, s.tenant.id)))).reduce(
        (x, y) => x + y,
      );
      expect(total).toBe(10 * USD);
      expect((await store.billing.redemptions.list({ limit: 10, order: "asc" })).items).toEqual([
        expect.objectContaining({ id: code.id, uses: 2, maxUses: 2, note: "launch" }),
      ]);
      await store.billing.redemptions.create({
        codeHash: hash("GH-OLD"),
        valueNano: USD,
        expiresAt: clock.now() + 10,
        maxUses: 5,
        note: "",
      });
      clock.t += 11;
      await expect(store.billing.redemptions.redeem(a.tenant.id, hash("GH-OLD"))).rejects.toMatchObject({
        code: "not_found",
      });
      await expect(store.billing.redemptions.redeem(a.tenant.id, hash("nope"))).rejects.toMatchObject({
        code: "not_found",
      });
      expect((await store.billing.redemptions.list({ limit: 10, order: "asc" })).items[1]).toMatchObject({
        uses: 0,
      });
    });

    it("claims a Stripe event id once", async () => {
      expect(await store.billing.stripeEvents.claim("evt_1", "invoice.paid")).toBe(true);
      expect(await store.billing.stripeEvents.claim("evt_1", "invoice.paid")).toBe(false);
    });

    it("aggregates a month of usage by workspace and model in SQL, with the month's ledger entries", async () => {
      const { tenant, workspace } = await seedTenant(store, "Acme");
      const nov = Date.UTC(2026, 10, 1);
      const dec = Date.UTC(2026, 11, 1);
      const rec = (id: string, at: number, model: string, ws = workspace.id): PendingUsage => ({
        id,
        tenantId: tenant.id,
        workspaceId: ws,
        apiKeyId: "key_x",
        userId: null,
        model,
        providerId: null,
        deploymentId: null,
        upstreamModel: null,
        surface: "openai.chat",
        stream: false,
        startedAt: at,
      });
      await store.usage.insertPending([
        rec("r1", nov, "gpt-4o"),
        rec("r2", dec - 1, "gpt-4o"),
        rec("r3", nov + 5, "claude-x"),
        rec("r4", dec, "gpt-4o"),
        rec("r5", nov - 1, "gpt-4o"),
        rec("r6", nov + 9, "gpt-4o", "ws_other"),
        rec("r7", nov + 10, "gpt-4o"),
      ]);
      const fin = (id: string, costNano: number): UsageFinal => ({
        id,
        status: "success",
        httpStatus: 200,
        errorCode: null,
        inputTokens: 100,
        outputTokens: 10,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        usageEstimated: false,
        costNano,
        finishedAt: nov,
        ttfbMs: null,
        attempts: [],
        cacheWrite1hTokens: 0,
        imageTokens: 0,
        audioTokens: 0,
        priceVersion: null,
        unpriced: false,
        streamOutcome: null,
        latencyMs: null,
      });
      await store.usage.finalize(
        ["r1", "r2", "r3", "r4", "r5", "r6"].map((id, i) => fin(id, (i + 1) * 1000)),
      );
      clock.t = nov + 100;
      await store.billing.credits.addEntry(tenant.id, { kind: "top_up", amountNano: USD, description: "x" });
      const data = await store.billing.statement(tenant.id, nov, dec);
      expect(data.usage).toEqual(
        [
          {
            workspaceId: workspace.id,
            model: "claude-x",
            requests: 1,
            inputTokens: 100,
            outputTokens: 10,
            costNano: 3000,
          },
          {
            workspaceId: workspace.id,
            model: "gpt-4o",
            requests: 2,
            inputTokens: 200,
            outputTokens: 20,
            costNano: 3000,
          },
          {
            workspaceId: "ws_other",
            model: "gpt-4o",
            requests: 1,
            inputTokens: 100,
            outputTokens: 10,
            costNano: 6000,
          },
        ].sort((x, y) =>
          x.workspaceId < y.workspaceId ? -1 : x.workspaceId > y.workspaceId ? 1 : x.model < y.model ? -1 : 1,
        ),
      );
      expect(data.entries.map((e) => e.amountNano)).toEqual([USD]);
      expect(data.truncated).toBe(false);
    });
  });
}
