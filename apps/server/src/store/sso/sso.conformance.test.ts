import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store.js";
import { findStoreTargets, seedTenant, type TestClock, testClock } from "../test-stores.js";
import type { SsoConfigInput } from "./sso-types.js";

/**
 * Single sign-on storage on every backend: one configuration per tenant (upserted, its creation time
 * kept, invisible to other tenants, removed with its tenant), and logins under way that work once,
 * expire, and are found by their state's hash from any tenant.
 */

function configInput(extra: Partial<SsoConfigInput> = {}): SsoConfigInput {
  return {
    issuer: "https://idp.example.com",
    clientId: "gatehouse",
    clientSecretSealed: { keyId: "k1", ciphertext: "c2VhbGVk" },
    clientSecretLastFour: "…abcd",
    extraScopes: ["groups"],
    mapping: { rules: [{ group: "eng", tenantRole: "member" }], defaultTenantRole: null },
    allowedDomains: ["example.com"],
    jitProvisioning: true,
    enabled: true,
    ...extra,
  };
}

const SEALED = { keyId: "k1", ciphertext: "bm9uY2U" };

for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`single sign-on storage on ${target.name}`, () => {
    let store: Store;
    let clock: TestClock;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      clock = testClock();
      ({ store, cleanup } = await target.open(clock.now));
      await store.migrate();
    });
    afterEach(() => cleanup());

    it("keeps one configuration per tenant, replaced whole, unseen by other tenants", async () => {
      const a = await seedTenant(store, "A");
      const b = await seedTenant(store, "B");
      const A = store.forTenant(a.tenant.id).sso;
      expect(await A.get()).toBeUndefined();
      const first = await A.put(configInput());
      expect(first).toEqual({
        ...configInput(),
        tenantId: a.tenant.id,
        createdAt: first.createdAt,
        updatedAt: first.createdAt,
      });
      const second = await A.put(
        configInput({ clientId: "other", enabled: false, jitProvisioning: false, allowedDomains: [] }),
      );
      expect(second).toMatchObject({
        clientId: "other",
        enabled: false,
        jitProvisioning: false,
        allowedDomains: [],
      });
      expect(second.createdAt).toBe(first.createdAt);
      expect(second.updatedAt).toBeGreaterThan(first.updatedAt);
      expect(await A.get()).toEqual(second);
      expect(await store.forTenant(b.tenant.id).sso.get()).toBeUndefined();
      expect(await store.forTenant(b.tenant.id).sso.remove()).toBe(false);
      expect(await A.remove()).toBe(true);
      expect(await A.get()).toBeUndefined();
      await expect(store.forTenant("ten_AAAAAAAAAAAAAAAAAAAA").sso.put(configInput())).rejects.toMatchObject({
        code: "not_found",
      });
    });

    it("hands a login back once, by its state's hash, until it expires", async () => {
      const a = await seedTenant(store, "A");
      const logins = store.forTenant(a.tenant.id).ssoLogins;
      const expiresAt = clock.t + 600_000;
      await logins.create({ stateHash: "h1", secretsSealed: SEALED, redirectPath: "/keys", expiresAt });
      await logins.create({ stateHash: "h2", secretsSealed: SEALED, redirectPath: null, expiresAt });
      await expect(
        logins.create({ stateHash: "h1", secretsSealed: SEALED, redirectPath: null, expiresAt }),
      ).rejects.toMatchObject({ code: "conflict" });
      expect(await store.accounts.ssoLogins.consume("nope")).toBeUndefined();
      const [one, two] = await Promise.all([
        store.accounts.ssoLogins.consume("h1"),
        store.accounts.ssoLogins.consume("h1"),
      ]);
      const won = [one, two].filter((x) => x !== undefined);
      expect(won).toHaveLength(1);
      expect(won[0]).toMatchObject({
        tenantId: a.tenant.id,
        secretsSealed: SEALED,
        redirectPath: "/keys",
        expiresAt,
      });
      clock.t = expiresAt;
      expect(await store.accounts.ssoLogins.consume("h2")).toBeUndefined();
    });

    it("sweeps a tenant's expired logins when a new one starts, and only that tenant's", async () => {
      const a = await seedTenant(store, "A");
      const b = await seedTenant(store, "B");
      await store.forTenant(a.tenant.id).ssoLogins.create({
        stateHash: "old",
        secretsSealed: SEALED,
        redirectPath: null,
        expiresAt: clock.t + 10,
      });
      await store.forTenant(b.tenant.id).ssoLogins.create({
        stateHash: "other",
        secretsSealed: SEALED,
        redirectPath: null,
        expiresAt: clock.t + 10,
      });
      clock.t += 1_000;
      await store.forTenant(a.tenant.id).ssoLogins.create({
        stateHash: "new",
        secretsSealed: SEALED,
        redirectPath: null,
        expiresAt: clock.t + 600_000,
      });
      // Reusing the swept state's hash works only because the expired row is gone.
      await store.forTenant(a.tenant.id).ssoLogins.create({
        stateHash: "old",
        secretsSealed: SEALED,
        redirectPath: null,
        expiresAt: clock.t + 600_000,
      });
      // Another tenant's expired login is not swept by this tenant's start: its hash is still taken.
      await expect(
        store.forTenant(a.tenant.id).ssoLogins.create({
          stateHash: "other",
          secretsSealed: SEALED,
          redirectPath: null,
          expiresAt: clock.t + 600_000,
        }),
      ).rejects.toMatchObject({ code: "conflict" });
      expect(await store.accounts.ssoLogins.consume("new")).toMatchObject({ tenantId: a.tenant.id });
    });

    it("counts a tenant's unexpired logins, finished ones included, and no other tenant's", async () => {
      const a = await seedTenant(store, "A");
      const b = await seedTenant(store, "B");
      const start = (tenantId: string, stateHash: string, ttl: number) =>
        store.forTenant(tenantId).ssoLogins.create({
          stateHash,
          secretsSealed: SEALED,
          redirectPath: null,
          expiresAt: clock.t + ttl,
        });
      expect(await store.forTenant(a.tenant.id).ssoLogins.countLive()).toBe(0);
      await start(a.tenant.id, "a1", 100);
      await start(a.tenant.id, "a2", 10_000);
      await start(a.tenant.id, "a3", 10_000);
      await start(b.tenant.id, "b1", 10_000);
      await store.accounts.ssoLogins.consume("a3");
      expect(await store.forTenant(a.tenant.id).ssoLogins.countLive()).toBe(3);
      clock.t += 100;
      expect(await store.forTenant(a.tenant.id).ssoLogins.countLive()).toBe(2);
      expect(await store.forTenant(b.tenant.id).ssoLogins.countLive()).toBe(1);
    });

    it("sweeps every tenant's expired logins at once, and only expired ones", async () => {
      const a = await seedTenant(store, "A");
      const b = await seedTenant(store, "B");
      for (const [tenantId, stateHash, ttl] of [
        [a.tenant.id, "a1", 100],
        [b.tenant.id, "b1", 100],
        [b.tenant.id, "b2", 10_000],
      ] as const) {
        await store.forTenant(tenantId).ssoLogins.create({
          stateHash,
          secretsSealed: SEALED,
          redirectPath: null,
          expiresAt: clock.t + ttl,
        });
      }
      expect(await store.accounts.ssoLogins.sweepExpired()).toBe(0);
      clock.t += 100;
      expect(await store.accounts.ssoLogins.sweepExpired()).toBe(2);
      expect(await store.accounts.ssoLogins.consume("b2")).toMatchObject({ tenantId: b.tenant.id });
    });
  });
}
