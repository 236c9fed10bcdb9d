import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RequestScope } from "../data-plane/pipeline/request-scope.js";
import { createStore } from "../store/create-store.js";
import type { Store } from "../store/store.js";
import { BillingSnapshot } from "./billing-snapshot.js";
import { planGate } from "./plan-gate.js";
import { planInput } from "./testing/plan-input.js";

const scope = (tenantId: string, modelName: string, requestedName = modelName) =>
  ({
    principal: { tenantId },
    route: { model: { name: modelName }, requestedName },
  }) as unknown as RequestScope;

describe("planGate over the billing snapshot", () => {
  let store: Store;
  let snapshot: BillingSnapshot;
  let tenantId: string;
  beforeEach(async () => {
    store = createStore({ sqlitePath: ":memory:" });
    await store.migrate();
    tenantId = (await store.tenants.create({ name: "Acme" })).id;
    snapshot = new BillingSnapshot(store);
  });
  afterEach(() => store.close());

  const plan = () =>
    store.billing.plans.create(planInput({ name: "Mini", models: ["gpt-4o-mini", "openai/*-mini"] }));

  it("admits everything for a tenant without a plan, and only the plan's models once it has one", async () => {
    const p = await plan();
    await snapshot.load();
    const gate = planGate(snapshot);
    expect(() => gate.admit(scope(tenantId, "o1-pro"))).not.toThrow();
    await store.billing.credits.setPlan(tenantId, p.id);
    await snapshot.apply(tenantId);
    expect(() => gate.admit(scope(tenantId, "gpt-4o-mini"))).not.toThrow();
    expect(() => gate.admit(scope(tenantId, "o1-pro"))).toThrow(
      expect.objectContaining({ code: "model_not_in_plan" }),
    );
    // An alias is checked by the model it serves; a wildcard model by the requested name.
    expect(() => gate.admit(scope(tenantId, "o1-pro", "gpt-4o-mini"))).toThrow(
      expect.objectContaining({ code: "model_not_in_plan" }),
    );
    expect(() => gate.admit(scope(tenantId, "openai/*", "openai/gpt-4.1-mini"))).not.toThrow();
    expect(() => gate.admit(scope(tenantId, "openai/*", "openai/gpt-4.1"))).toThrow(
      expect.objectContaining({ code: "model_not_in_plan" }),
    );
    expect(() =>
      gate.admit({ principal: { tenantId }, route: undefined } as unknown as RequestScope),
    ).not.toThrow();
  });

  it("sees plan edits through the _plans scope and a removed plan through the tenant's", async () => {
    const p = await plan();
    await store.billing.credits.setPlan(tenantId, p.id);
    await snapshot.load();
    const gate = planGate(snapshot);
    await store.billing.plans.update(p.id, { models: ["o1-*"] });
    await snapshot.apply("_plans");
    expect(() => gate.admit(scope(tenantId, "o1-pro"))).not.toThrow();
    await store.billing.credits.setPlan(tenantId, null);
    await snapshot.apply(tenantId);
    expect(snapshot.tenant(tenantId)).toBeUndefined();
    expect(() => gate.admit(scope(tenantId, "anything"))).not.toThrow();
  });
});
