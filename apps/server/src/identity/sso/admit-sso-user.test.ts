import type { OidcRoleMapping } from "@gatehouse/contracts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../store/store.js";
import type { Tenant, Workspace } from "../../store/store-types.js";
import { findStoreTargets, testClock } from "../../store/test-stores.js";
import type { OidcClaims } from "../oidc/complete-oidc-login.js";
import { createPasswordHasher } from "../session/password-hasher.js";
import { admitSsoUser, type SsoAdmissionPolicy } from "./admit-sso-user.js";

const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const META = { ip: "203.0.113.7", userAgent: "test" };
const MAPPING: OidcRoleMapping = {
  defaultTenantRole: "viewer",
  rules: [
    { group: "admins", tenantRole: "admin" },
    { group: "owners", tenantRole: "owner" },
    { group: "finance", tenantRole: "billing" },
    { group: "ml", workspace: "Research", workspaceRole: "admin" },
    { group: "ml-readers", workspace: "Research", workspaceRole: "viewer" },
  ],
};

let store: Store;
let cleanup: () => Promise<void>;
// A clock that ticks at each reading, so audit entries are ordered by time, not by their random ids.
const clock = testClock(Date.now());
let tenant: Tenant;
let research: Workspace;
let policy: SsoAdmissionPolicy;

function claims(email: string, groups: string[], extra: Partial<OidcClaims> = {}): OidcClaims {
  return { sub: email, email, emailVerified: true, groups, raw: { sub: email, email, groups }, ...extra };
}

const admit = (identity: OidcClaims, p: SsoAdmissionPolicy = policy) =>
  admitSsoUser({ store, hasher, now: clock.now }, tenant.id, identity, p, META);

const roleOf = async (userId: string) => (await store.forTenant(tenant.id).members.get(userId))?.role;

async function actions(): Promise<string[]> {
  const page = await store.forTenant(tenant.id).audit.list({ limit: 200, order: "asc" });
  return page.items.map((e) => e.action);
}

for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`admitSsoUser on ${target.name}`, () => {
    beforeEach(async () => {
      ({ store, cleanup } = await target.open(clock.now));
      await store.migrate();
      tenant = await store.tenants.create({ name: "Acme" });
      research = await store
        .forTenant(tenant.id)
        .workspaces.create({ name: "Research", allowedModels: null });
      policy = {
        mapping: MAPPING,
        allowedDomains: ["acme.test"],
        jitProvisioning: true,
        installationDomains: [],
      };
    });
    afterEach(() => cleanup());

    it("provisions an unknown user with the mapped roles, verified, and audits it", async () => {
      const user = await admit(claims("ann@acme.test", ["finance", "ml"], { name: "Ann" }));
      expect(user).toMatchObject({ email: "ann@acme.test", name: "Ann" });
      expect(user.emailVerifiedAt).not.toBeNull();
      expect(await roleOf(user.id)).toBe("billing");
      expect(await store.forTenant(tenant.id).workspaceMembers.ofUser(user.id)).toEqual([
        { workspaceId: research.id, role: "admin" },
      ]);
      expect(await hasher.verify(user.passwordHash, "")).toBe(false);
      const [entry] = (await store.forTenant(tenant.id).audit.list({ limit: 10, order: "asc" })).items;
      expect(entry).toMatchObject({
        action: "sso.provision",
        actorKind: "user",
        actorId: user.id,
        ip: META.ip,
        after: {
          email: "ann@acme.test",
          role: "billing",
          workspaces: [{ workspaceId: research.id, role: "admin" }],
        },
      });
    });

    it("follows the groups at every login: up, down, workspace re-roled and removed", async () => {
      const user = await admit(claims("bo@acme.test", ["admins", "ml"]));
      expect(await roleOf(user.id)).toBe("admin");
      await admit(claims("bo@acme.test", ["ml-readers"]));
      expect(await roleOf(user.id)).toBe("viewer");
      expect(await store.forTenant(tenant.id).workspaceMembers.ofUser(user.id)).toEqual([
        { workspaceId: research.id, role: "viewer" },
      ]);
      await admit(claims("bo@acme.test", []));
      expect(await store.forTenant(tenant.id).workspaceMembers.ofUser(user.id)).toEqual([]);
      expect(await actions()).toEqual([
        "sso.provision",
        "sso.roleChange",
        "sso.workspaceRoles",
        "sso.workspaceRoles",
      ]);
    });

    it("leaves workspaces the mapping does not name alone", async () => {
      const other = await store.forTenant(tenant.id).workspaces.create({ name: "Ops", allowedModels: null });
      const user = await admit(claims("cy@acme.test", []));
      await store.forTenant(tenant.id).workspaceMembers.put(other.id, user.id, "member");
      await admit(claims("cy@acme.test", []));
      expect(await store.forTenant(tenant.id).workspaceMembers.ofUser(user.id)).toEqual([
        { workspaceId: other.id, role: "member" },
      ]);
    });

    it("signs an existing password user in, keeping their password and an owner's role", async () => {
      const owner = await store.users.create({
        tenantId: tenant.id,
        email: "Olive@acme.test",
        name: "Olive",
        role: "owner",
        passwordHash: await hasher.hash("correct horse battery staple"),
      });
      const again = await admit(claims("olive@acme.test", []));
      expect(again.id).toBe(owner.id);
      expect(await roleOf(owner.id)).toBe("owner");
      expect(
        await hasher.verify(
          (await store.users.findById(owner.id))!.passwordHash,
          "correct horse battery staple",
        ),
      ).toBe(true);
      // A rule may demote an owner, but never the last one.
      await admit(claims("olive@acme.test", ["admins"]));
      expect(await roleOf(owner.id)).toBe("owner");
      await admit(claims("second@acme.test", ["owners"]));
      await admit(claims("olive@acme.test", ["admins"]));
      expect(await roleOf(owner.id)).toBe("admin");
    });

    it("refuses what it must, with a 403 that says why, and creates nothing", async () => {
      const refused = (identity: OidcClaims, p?: SsoAdmissionPolicy) =>
        expect(admit(identity, p)).rejects.toMatchObject({ code: "permission_denied" });
      await refused(claims("eve@evil.test", ["admins"]));
      await refused(claims("eve@acme.test", ["admins"], { emailVerified: false }));
      await refused({ sub: "x", emailVerified: true, groups: [], raw: { sub: "x" } });
      await refused(claims("new@acme.test", ["admins"]), { ...policy, jitProvisioning: false });
      await refused(claims("new@acme.test", []), {
        ...policy,
        mapping: { ...MAPPING, defaultTenantRole: null },
      });
      await refused(claims("new@acme.test", ["admins"]), { ...policy, installationDomains: ["corp.test"] });
      expect(await store.users.count()).toBe(0);
      expect(await actions()).toEqual([]);
    });

    it("refuses an account that belongs to another tenant too, so one tenant's provider cannot open it", async () => {
      const other = await store.tenants.create({ name: "Other" });
      await store.users.create({
        tenantId: other.id,
        email: "dual@acme.test",
        name: "Dual",
        role: "owner",
        passwordHash: "$argon2id$x",
      });
      await expect(admit(claims("dual@acme.test", ["admins"]))).rejects.toMatchObject({
        code: "permission_denied",
        message: expect.stringContaining("other organisations"),
      });
      expect(
        await store.accounts.membershipsOf((await store.users.findByEmail("dual@acme.test"))!.id),
      ).toEqual([{ tenantId: other.id, tenantName: "Other", role: "owner" }]);
    });
  });
}
