import { describe, expect, it } from "vitest";
import type { ApiKey } from "../store/store-types.js";
import { compileKeyGrant } from "./key-grant.js";

function key(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: "key_1",
    tenantId: "ten_1",
    workspaceId: "ws_1",
    userId: null,
    serviceAccountId: null,
    name: "k",
    keyHash: "h",
    keyPrefix: "gh_",
    createdAt: 0,
    expiresAt: null,
    revokedAt: null,
    allowedModels: null,
    allowedCidrs: null,
    metadata: {},
    lastUsedAt: null,
    ...overrides,
  };
}

describe("compileKeyGrant", () => {
  it("admits a model only when the key's and the workspace's lists both do", () => {
    const grant = compileKeyGrant(key({ allowedModels: ["gpt-*", "claude-haiku"] }), [
      "gpt-4o-mini",
      "claude-*",
    ]);
    expect(grant.allowsModel("gpt-4o-mini")).toBe(true);
    expect(grant.allowsModel("claude-haiku")).toBe(true);
    expect(grant.allowsModel("gpt-4o")).toBe(false); // the workspace does not list it
    expect(grant.allowsModel("claude-opus")).toBe(false); // the key does not list it
    expect(compileKeyGrant(key(), null).allowsModel("anything")).toBe(true);
    expect(compileKeyGrant(key({ allowedModels: [] }), null).allowsModel("gpt-4o")).toBe(false);
  });

  it("admits addresses in the key's ranges, IPv4, IPv6 and IPv4-mapped alike", () => {
    const grant = compileKeyGrant(key({ allowedCidrs: ["10.0.0.0/8", "2001:db8::/32"] }), null);
    expect(grant.allowsAddress("10.1.2.3")).toBe(true);
    expect(grant.allowsAddress("::ffff:10.1.2.3")).toBe(true);
    expect(grant.allowsAddress("2001:db8::1")).toBe(true);
    expect(grant.allowsAddress("192.168.0.1")).toBe(false);
    expect(compileKeyGrant(key(), null).allowsAddress("192.168.0.1")).toBe(true);
  });

  it("denies, rather than allows, when a stored pattern or range no longer parses", () => {
    const grant = compileKeyGrant(
      key({ allowedModels: ["bad pattern"], allowedCidrs: ["10.0.0.1/8"] }),
      null,
    );
    expect(grant.allowsModel("bad pattern")).toBe(false);
    expect(grant.allowsAddress("10.0.0.1")).toBe(false);
  });
});
