import { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "../database.js";
import { createMigrator } from "../migrations/create-migrator.js";
import { createPostgresDialect } from "../postgres-dialect.js";
import { createSqliteDialect } from "../sqlite-dialect.js";
import type { Store } from "../store.js";
import { createTestSchema, findTestPostgres } from "../test-databases.js";
import { findStoreTargets, seedTenant, testClock, testKeyInput } from "../test-stores.js";
import { bumpRevision, bumpScope } from "./bump-scope.js";
import { readChangesSince } from "./read-changes-since.js";

const targets = await findStoreTargets();

/** The changed scopes after `since`, as "tenant:kind" strings in sequence order. */
async function scopesSince(store: Store, since: number): Promise<string[]> {
  const { changes } = await store.changesSince(since);
  return changes.map((c) => `${c.tenantId}:${c.kind}`);
}

for (const target of targets) {
  describe.skipIf(target.skip !== undefined)(`scoped revisions on ${target.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await target.open(testClock().now));
      await store.migrate();
    });
    afterEach(() => cleanup());

    it("starts at sequence 0 with nothing changed", async () => {
      expect(await store.changesSince(0)).toEqual({ sequence: 0, changes: [], everything: false });
    });

    it("records each writer under its tenant and kind, and only what changed after the given sequence", async () => {
      const a = await seedTenant(store, "Acme");
      const b = await seedTenant(store, "Beta");
      const start = await store.revision();
      await store.apiKeys.create(testKeyInput(a.tenant.id, a.workspace.id));
      await store.models.create({
        tenantId: b.tenant.id,
        name: "m",
        inputPricePerMTok: 1,
        outputPricePerMTok: 1,
        contextWindow: 1000,
        maxOutputTokens: 100,
      });
      await store.providers.create({
        tenantId: b.tenant.id,
        name: "p",
        kind: "openai",
        baseUrl: "https://a.test/v1",
        credentials: null,
        config: {},
      });
      const middle = await store.revision();
      await store.forTenant(a.tenant.id).members.setRole(a.owner.id, "admin");
      expect(await scopesSince(store, start)).toEqual([
        `${a.tenant.id}:keys`,
        `${b.tenant.id}:catalog`,
        `${b.tenant.id}:credentials`,
        `${a.tenant.id}:permissions`,
      ]);
      expect(await scopesSince(store, middle)).toEqual([`${a.tenant.id}:permissions`]);
      const now = await store.changesSince(await store.revision());
      expect(now.changes).toEqual([]);
    });

    it("keeps one row per scope, carrying its latest sequence", async () => {
      const a = await seedTenant(store, "Acme");
      const start = await store.revision();
      const first = await store.apiKeys.create(testKeyInput(a.tenant.id, a.workspace.id));
      await store.apiKeys.revoke(a.tenant.id, first.id);
      const { sequence, changes } = await store.changesSince(start);
      expect(sequence).toBe(start + 2);
      expect(changes).toEqual([{ tenantId: a.tenant.id, kind: "keys", seq: start + 2 }]);
    });

    it("moves the sequence once for a change of several kinds", async () => {
      const a = await seedTenant(store, "Acme");
      const ws = await store.forTenant(a.tenant.id).workspaces.create({ name: "ml", allowedModels: null });
      const start = await store.revision();
      expect(await store.forTenant(a.tenant.id).workspaces.remove(ws.id)).toBe(true);
      expect(await store.revision()).toBe(start + 1);
      expect((await scopesSince(store, start)).sort()).toEqual([
        `${a.tenant.id}:keys`,
        `${a.tenant.id}:permissions`,
      ]);
    });

    it("does not record a change that rolled back", async () => {
      const a = await seedTenant(store, "Acme");
      const start = await store.revision();
      await expect(
        store.transaction(async (tx) => {
          await tx.apiKeys.create(testKeyInput(a.tenant.id, a.workspace.id));
          throw new Error("abort");
        }),
      ).rejects.toThrow("abort");
      expect(await store.changesSince(start)).toEqual({ sequence: start, changes: [], everything: false });
    });
  });
}

const postgres = await findTestPostgres();
const RAW_TARGETS: {
  name: string;
  skip: boolean;
  open(): Promise<{ db: Kysely<DB>; schema?: { schema: string; drop(): Promise<void> } }>;
}[] = [
  {
    name: "sqlite",
    skip: false,
    open: async () => ({ db: new Kysely<DB>({ dialect: createSqliteDialect(":memory:").dialect }) }),
  },
  {
    name: "postgres",
    skip: !postgres.available,
    open: async () => {
      const schema = await createTestSchema(postgres.url);
      return { db: new Kysely<DB>({ dialect: createPostgresDialect(postgres.url, schema.schema) }), schema };
    },
  },
];

for (const target of RAW_TARGETS) {
  describe.skipIf(target.skip)(`bumpScope and bumpRevision on ${target.name}`, () => {
    it("an unscoped (compatibility) bump asks for everything; scoped ones still come with it", async () => {
      const { db, schema } = await target.open();
      try {
        expect(
          (await createMigrator(db as Kysely<unknown>, schema?.schema).migrateToLatest()).error,
        ).toBeUndefined();
        expect(await bumpRevision(db)).toBe(1);
        expect(await bumpScope(db, "ten_a", "catalog")).toBe(2);
        expect(await readChangesSince(db, 0)).toEqual({
          sequence: 2,
          changes: [{ tenantId: "ten_a", kind: "catalog", seq: 2 }],
          everything: true,
        });
        expect(await readChangesSince(db, 1)).toEqual({
          sequence: 2,
          changes: [{ tenantId: "ten_a", kind: "catalog", seq: 2 }],
          everything: false,
        });
        // A kind this version does not know (a newer writer's) is skipped, not misread.
        await db
          .insertInto("config_revisions")
          .values({ tenant_id: "ten_a", kind: "future", revision: 1, seq: 2 })
          .execute();
        expect((await readChangesSince(db, 1)).changes).toHaveLength(1);
      } finally {
        await db.destroy();
        await schema?.drop();
      }
    });
  });
}
