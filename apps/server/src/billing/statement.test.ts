import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStore } from "../store/create-store.js";
import type { Store } from "../store/store.js";
import { seedTenant } from "../store/test-stores.js";
import { buildStatement } from "./statement.js";
import { statementCsv } from "./statement-csv.js";
import { statementPdf } from "./statement-pdf.js";
import { inspectPdf } from "./testing/inspect-pdf.js";

const NOV = Date.UTC(2026, 10, 1);

describe("monthly statements", () => {
  let store: Store;
  let t = NOV + 1000;
  beforeEach(async () => {
    store = createStore({ sqlitePath: ":memory:", now: () => t++ });
    await store.migrate();
  });
  afterEach(() => store.close());

  async function seed() {
    const { tenant, workspace } = await seedTenant(store, "Acme");
    const base = {
      tenantId: tenant.id,
      apiKeyId: "key_x",
      userId: null,
      providerId: null,
      deploymentId: null,
      upstreamModel: null,
      surface: "openai.chat",
      stream: false,
    };
    await store.usage.insertPending([
      { ...base, id: "u1", workspaceId: workspace.id, model: "gpt-4o", startedAt: NOV + 5 },
      { ...base, id: "u2", workspaceId: workspace.id, model: "gpt-4o", startedAt: NOV + 6 },
      { ...base, id: "u3", workspaceId: workspace.id, model: "=cmd|evil", startedAt: NOV + 7 },
      { ...base, id: "u4", workspaceId: workspace.id, model: "gpt-4o", startedAt: NOV - 1 },
    ]);
    const fin = (id: string, costNano: number) => ({
      id,
      status: "success" as const,
      httpStatus: 200,
      errorCode: null,
      inputTokens: 1000,
      outputTokens: 100,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      usageEstimated: false,
      costNano,
      finishedAt: NOV + 10,
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
    await store.usage.finalize([
      fin("u1", 1_250_000_000),
      fin("u2", 250_000_001),
      fin("u3", 7),
      fin("u4", 999),
    ]);
    await store.billing.credits.addEntry(tenant.id, {
      kind: "top_up",
      amountNano: 20_000_000_000,
      description: 'Stripe top-up, "card"',
    });
    await store.billing.credits.addEntry(tenant.id, {
      kind: "debit",
      amountNano: -1_500_000_008,
      description: "Usage",
    });
    return { tenant, workspace };
  }

  it("sums the month's usage per workspace and model and lists its credits and debits, as CSV", async () => {
    const { tenant, workspace } = await seed();
    const s = await buildStatement(store, tenant.id, "2026-11");
    expect(s.totals).toEqual({
      requests: 3,
      inputTokens: 3000,
      outputTokens: 300,
      costNano: 1_500_000_008n,
      creditsNano: 20_000_000_000n,
      debitsNano: 1_500_000_008n,
    });
    const csv = statementCsv(s).split("\r\n");
    expect(csv[0]).toBe(
      "record,date,workspace_id,workspace,model,kind,description,requests,input_tokens,output_tokens,amount_usd",
    );
    expect(csv).toContain(`usage,2026-11,${workspace.id},default,gpt-4o,,,2,2000,200,1.500000001`);
    expect(csv).toContain(`usage,2026-11,${workspace.id},default,'=cmd|evil,,,1,1000,100,0.000000007`);
    expect(
      csv.some(
        (l) => l.startsWith("ledger,") && l.endsWith(',top_up,"Stripe top-up, ""card""",,,,20.000000000'),
      ),
    ).toBe(true);
    expect(csv).toContain("total_usage,2026-11,,,,,,3,3000,300,1.500000008");
    expect(csv).toContain("total_credits,2026-11,,,,,,,,,20.000000000");
    expect(csv).toContain("total_debits,2026-11,,,,,,,,,-1.500000008");
  });

  it("renders the same statement as a PDF with its totals in the text", async () => {
    const { tenant } = await seed();
    const { text } = inspectPdf(statementPdf(await buildStatement(store, tenant.id, "2026-11")));
    expect(text).toContain("Gatehouse statement - Acme");
    expect(text).toContain("Usage cost: 1.500000008 USD");
    expect(text).toContain("Credits: 20.000000000 USD   Debits: 1.500000008 USD");
    expect(text).toMatch(/gpt-4o\s+2\s+2000\s+200\s+1\.500000001/);
  });

  it("paginates a long statement", async () => {
    const { tenant } = await seed();
    for (let i = 0; i < 120; i++)
      await store.billing.credits.addEntry(tenant.id, {
        kind: "adjustment",
        amountNano: i,
        description: `adj ${i}`,
      });
    const s = await buildStatement(store, tenant.id, "2026-11");
    const pdf = statementPdf(s).toString("latin1");
    expect(Number(/\/Count (\d+)/.exec(pdf)?.[1])).toBeGreaterThan(1);
    expect(inspectPdf(Buffer.from(pdf, "latin1")).text).toContain("adj 119");
  });
});
