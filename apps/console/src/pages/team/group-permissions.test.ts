import { describe, expect, it } from "vitest";
import { groupPermissions } from "./group-permissions";

describe("groupPermissions", () => {
  it("groups by resource in first-seen order", () => {
    expect(groupPermissions(["keys:read", "audit:read", "keys:create", "service-accounts:manage"])).toEqual([
      ["keys", ["read", "create"]],
      ["audit", ["read"]],
      ["service-accounts", ["manage"]],
    ]);
    expect(groupPermissions([])).toEqual([]);
  });
});
