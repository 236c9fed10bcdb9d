import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStore } from "../../store/create-store.js";
import type { Store } from "../../store/store.js";
import { resolveMappingWorkspaces } from "./resolve-mapping-workspaces.js";

let store: Store;
beforeEach(async () => {
  store = createStore({ sqlitePath: ":memory:" });
  await store.migrate();
});
afterEach(() => store.close());

describe("resolveMappingWorkspaces", () => {
  it("resolves ids and names (any case) in the tenant only, past the first page, leaving unknown ones out", async () => {
    const a = await store.tenants.create({ name: "A" });
    const b = await store.tenants.create({ name: "B" });
    const A = store.forTenant(a.id);
    // The last one made (not the newest listed: creation times tie within a millisecond).
    let last = await A.workspaces.create({ name: "ws-0", allowedModels: null });
    for (let i = 1; i < 205; i++) last = await A.workspaces.create({ name: `ws-${i}`, allowedModels: null });
    const foreign = await store.forTenant(b.id).workspaces.create({ name: "Foreign", allowedModels: null });
    const resolved = await resolveMappingWorkspaces(A, {
      rules: [
        { group: "g1", workspace: "WS-204" },
        { group: "g2", workspace: last.id },
        { group: "g3", workspace: foreign.id },
        { group: "g4", workspace: "Foreign" },
        { group: "g5", tenantRole: "admin" },
      ],
    });
    expect(resolved).toEqual(
      new Map([
        ["WS-204", last.id],
        [last.id, last.id],
      ]),
    );
  });
});
