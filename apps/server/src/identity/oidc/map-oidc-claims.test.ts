import {
  type OidcRoleMapping,
  type OidcRoleRule,
  oidcRoleMappingSchema,
  TENANT_ROLES,
  WORKSPACE_ROLES,
} from "@gatehouse/contracts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapClaimsToRoles } from "./map-oidc-claims.js";

const GROUPS = ["eng", "ops", "finance", "gh-admins", "gh-owners", "ml"];

const ruleArb: fc.Arbitrary<OidcRoleRule> = fc
  .record(
    {
      group: fc.constantFrom(...GROUPS),
      tenantRole: fc.constantFrom(...TENANT_ROLES),
      workspace: fc.constantFrom("research", "prod", "sandbox"),
      workspaceRole: fc.constantFrom(...WORKSPACE_ROLES),
    },
    { requiredKeys: ["group"] },
  )
  .filter(
    (r) =>
      (r.tenantRole !== undefined || r.workspace !== undefined) &&
      (r.workspaceRole === undefined || r.workspace !== undefined),
  );

const mappingArb: fc.Arbitrary<OidcRoleMapping> = fc.record({
  rules: fc.array(ruleArb, { maxLength: 8 }),
  defaultTenantRole: fc.option(fc.constantFrom(...TENANT_ROLES), { nil: null }),
});

describe("mapClaimsToRoles", () => {
  it("gives the most privileged matched role, else the default, else null", () => {
    fc.assert(
      fc.property(mappingArb, fc.subarray(GROUPS), (mapping, groups) => {
        const { tenantRole, workspaces } = mapClaimsToRoles({ groups }, mapping);
        const matched = mapping.rules.filter((r) => groups.includes(r.group));
        const matchedRoles = matched.flatMap((r) => (r.tenantRole ? [r.tenantRole] : []));
        if (matchedRoles.length === 0) expect(tenantRole).toBe(mapping.defaultTenantRole ?? null);
        else {
          expect(matchedRoles).toContain(tenantRole);
          const rank = (role: string) => TENANT_ROLES.indexOf(role as never);
          for (const role of matchedRoles) expect(rank(tenantRole ?? "")).toBeLessThanOrEqual(rank(role));
        }
        if (tenantRole === null) expect(workspaces).toEqual([]);
        for (const { workspace, role } of workspaces) {
          const granted = matched
            .filter((r) => r.workspace === workspace)
            .map((r) => r.workspaceRole ?? "member");
          expect(granted).toContain(role);
        }
        expect(new Set(workspaces.map((w) => w.workspace)).size).toBe(workspaces.length);
      }),
    );
  });

  it("grants nothing to a user in no group when there is no default", () => {
    fc.assert(
      fc.property(mappingArb, (mapping) => {
        expect(mapClaimsToRoles({}, { ...mapping, defaultTenantRole: null })).toEqual({
          tenantRole: null,
          workspaces: [],
        });
      }),
    );
  });

  it("maps a worked example", () => {
    const mapping = oidcRoleMappingSchema.parse({
      defaultTenantRole: "viewer",
      rules: [
        { group: "eng", tenantRole: "member", workspace: "research" },
        { group: "ml", workspace: "research", workspaceRole: "admin" },
        { group: "finance", tenantRole: "billing" },
        { group: "gh-admins", tenantRole: "admin" },
      ],
    });
    expect(mapClaimsToRoles({ groups: ["eng", "ml", "finance"] }, mapping)).toEqual({
      tenantRole: "member",
      workspaces: [{ workspace: "research", role: "admin" }],
    });
    expect(mapClaimsToRoles({ groups: ["finance"] }, mapping)).toEqual({
      tenantRole: "billing",
      workspaces: [],
    });
    expect(mapClaimsToRoles({ groups: "gh-admins" }, mapping).tenantRole).toBe("admin");
    expect(mapClaimsToRoles({ groups: ["Eng"] }, mapping).tenantRole).toBe("viewer");
  });

  it("reads the groups from a custom claim path", () => {
    const mapping = {
      groupsClaim: "realm_access.roles",
      rules: [{ group: "admin", tenantRole: "owner" as const }],
    };
    expect(mapClaimsToRoles({ realm_access: { roles: ["admin"] }, groups: [] }, mapping).tenantRole).toBe(
      "owner",
    );
    const auth0 = { ...mapping, groupsClaim: "https://gh.example.com/groups" };
    expect(mapClaimsToRoles({ "https://gh.example.com/groups": ["admin"] }, auth0).tenantRole).toBe("owner");
  });

  it("refuses rules that grant nothing", () => {
    expect(oidcRoleMappingSchema.safeParse({ rules: [{ group: "eng" }] }).success).toBe(false);
    expect(
      oidcRoleMappingSchema.safeParse({ rules: [{ group: "eng", workspaceRole: "admin" }] }).success,
    ).toBe(false);
    expect(oidcRoleMappingSchema.safeParse({ rules: [{ group: "eng", tenantRole: "root" }] }).success).toBe(
      false,
    );
  });
});
