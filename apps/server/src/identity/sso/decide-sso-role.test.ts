import { TENANT_ROLES } from "@gatehouse/contracts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decideSsoRole } from "./decide-sso-role.js";

const role = fc.constantFrom(...TENANT_ROLES);

describe("decideSsoRole", () => {
  it("applies a matched rule both ways, and the default only below owner and to built-in roles", () => {
    const base = { defaultRole: null, lastOwner: false } as const;
    expect(decideSsoRole({ ...base, current: "viewer", ruleRole: "admin" })).toBe("admin");
    expect(decideSsoRole({ ...base, current: "admin", ruleRole: "member" })).toBe("member");
    expect(decideSsoRole({ ...base, current: "owner", ruleRole: "admin" })).toBe("admin");
    expect(decideSsoRole({ ...base, current: "admin", ruleRole: null, defaultRole: "viewer" })).toBe(
      "viewer",
    );
    expect(decideSsoRole({ ...base, current: "owner", ruleRole: null, defaultRole: "viewer" })).toBe("owner");
    expect(
      decideSsoRole({ ...base, current: "rol_AAAAAAAAAAAAAAAAAAAA", ruleRole: null, defaultRole: "viewer" }),
    ).toBe("rol_AAAAAAAAAAAAAAAAAAAA");
    expect(decideSsoRole({ ...base, current: "member", ruleRole: null })).toBe("member");
  });

  it("never demotes the last owner, whatever the groups say", () => {
    fc.assert(
      fc.property(fc.option(role, { nil: null }), fc.option(role, { nil: null }), (ruleRole, defaultRole) => {
        expect(decideSsoRole({ current: "owner", ruleRole, defaultRole, lastOwner: true })).toBe("owner");
      }),
    );
  });

  it("answers a matched rule's role, or the current one, or the default", () => {
    fc.assert(
      fc.property(
        role,
        fc.option(role, { nil: null }),
        fc.option(role, { nil: null }),
        (current, ruleRole, defaultRole) => {
          const out = decideSsoRole({ current, ruleRole, defaultRole, lastOwner: false });
          if (ruleRole !== null) expect(out).toBe(ruleRole);
          else expect([current, defaultRole]).toContain(out);
        },
      ),
    );
  });
});
