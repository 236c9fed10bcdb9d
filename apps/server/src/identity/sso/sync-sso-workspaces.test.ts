import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStore } from "../../store/create-store.js";
import type { Store } from "../../store/store.js";
import { syncSsoWorkspaces } from "./sync-sso-workspaces.js";

let store: Store;
beforeEach(async () => {
  store = createStore({ sqlitePath: ":memory:" });
  await store.migrate();
});
afterEach(() => store.close());

describe("syncSsoWorkspaces", () => {
  it("adds, re-roles and removes managed memberships only, and says whether anything changed", async () => {
    const tenant = await store.tenants.create({ name: "A" });
    const T = store.forTenant(tenant.id);
    const [a, b, manual] = await Promise.all(
      ["A", "B", "Manual"].map((name) => T.workspaces.create({ name, allowedModels: null })),
    );
    const user = await store.users.create({
      tenantId: tenant.id,
      email: "u@a.test",
      name: "U",
      role: "member",
      passwordHash: "$argon2id$x",
    });
    await T.workspaceMembers.put(manual!.id, user.id, "viewer");
    const managed = new Map([
      ["A", a!.id],
      ["B", b!.id],
    ]);
    const assign = (workspaces: Array<{ workspace: string; role: "admin" | "member" | "viewer" }>) =>
      syncSsoWorkspaces(T, user.id, { tenantRole: "member", workspaces }, managed);
    const held = async () =>
      (await T.workspaceMembers.ofUser(user.id)).map((m) => [m.workspaceId, m.role]).sort();

    const first = await assign([
      { workspace: "A", role: "admin" },
      { workspace: "Gone", role: "admin" },
    ]);
    expect(first).toEqual({ before: [], after: [{ workspaceId: a!.id, role: "admin" }], changed: true });
    expect((await assign([{ workspace: "A", role: "admin" }])).changed).toBe(false);
    const second = await assign([{ workspace: "B", role: "viewer" }]);
    expect(second.before).toEqual([{ workspaceId: a!.id, role: "admin" }]);
    expect(second.after).toEqual([{ workspaceId: b!.id, role: "viewer" }]);
    await assign([{ workspace: "B", role: "member" }]);
    expect(await held()).toEqual(
      [
        [b!.id, "member"],
        [manual!.id, "viewer"],
      ].sort(),
    );
    await assign([]);
    expect(await held()).toEqual([[manual!.id, "viewer"]]);
  });
});
