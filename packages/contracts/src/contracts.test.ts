import { describe, expect, it } from "vitest";
import { CONTRACTS, PERMISSIONS } from "./index.js";

describe("CONTRACTS", () => {
  it("gives every operation a unique id and a unique method + path", () => {
    const ids = CONTRACTS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const routes = CONTRACTS.map((c) => `${c.method} ${c.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it("keeps every route under /api/ and every permission in the catalogue", () => {
    for (const c of CONTRACTS) {
      expect(c.path.startsWith("/api/"), c.id).toBe(true);
      if (typeof c.access === "object") expect(PERMISSIONS, c.id).toContain(c.access.permission);
    }
  });

  it("lets only POST creates be idempotent, and gives bodies only to writes", () => {
    for (const c of CONTRACTS) {
      if (c.idempotent) expect(c.method, c.id).toBe("POST");
      if (c.method === "GET") expect(c.body, c.id).toBeUndefined();
    }
  });

  it("ignores a mass-assigned tenant id or role in a create body instead of refusing it", () => {
    const create = CONTRACTS.find((c) => c.id === "workspaces.create")!;
    const parsed = create.body!.parse({
      name: "Research",
      tenantId: "ten_AAAAAAAAAAAAAAAAAAAA",
      role: "owner",
    });
    expect(parsed).toEqual({ name: "Research" });
  });
});
