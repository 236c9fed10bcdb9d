import { CONTRACTS, defineContract, Id } from "@gatehouse/contracts";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { changesObjects, missingFixtures, ownersOf } from "./matrix-fixtures.js";

const widget = defineContract({
  id: "widgets.get",
  method: "GET",
  path: "/api/tenants/:tenantId/widgets/:widgetId",
  tag: "Widgets",
  summary: "A contract added after the matrix",
  access: { permission: "tenant:read" },
  params: z.object({ tenantId: Id, widgetId: Id }),
  response: z.object({ id: Id }),
});

describe("the matrix's fixtures", () => {
  it("know every path parameter of today's contracts", () => {
    expect(missingFixtures(CONTRACTS)).toEqual([]);
  });

  it("name a new contract's unknown parameter, so the matrix fails until a fixture is added", () => {
    expect(missingFixtures([...CONTRACTS, widget])).toEqual([
      "add a fixture for :widgetId (used by widgets.get: /api/tenants/:tenantId/widgets/:widgetId)",
    ]);
  });

  it("give changing operations fresh objects, and creates and reads the shared ones", () => {
    const byId = new Map(CONTRACTS.map((c) => [c.id, c]));
    expect(changesObjects(byId.get("keys.revoke")!)).toBe(true);
    expect(changesObjects(byId.get("workspaces.delete")!)).toBe(true);
    expect(changesObjects(byId.get("keys.create")!)).toBe(false);
    expect(changesObjects(byId.get("keys.get")!)).toBe(false);
    expect(ownersOf(byId.get("keys.get")!, false)).toEqual(["A", "B", "A+B", "A2", "A3", "Aown", "Asa"]);
    expect(ownersOf(byId.get("auth.me")!, false)).toEqual(["-"]);
    expect(ownersOf(byId.get("serviceAccounts.create")!, true)).toEqual(["A", "B", "A+B"]);
    // A connection test changes nothing but is a POST: it gets a fresh provider all the same.
    expect(changesObjects(byId.get("providers.testConnection")!)).toBe(true);
    expect(changesObjects(byId.get("models.update")!)).toBe(true);
    expect(changesObjects(byId.get("providers.create")!)).toBe(false);
    expect(ownersOf(byId.get("providers.get")!, false)).toEqual(["A", "B", "A+B"]);
  });
});
