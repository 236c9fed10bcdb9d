import { Kysely, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createPostgresDialect } from "../postgres-dialect.js";
import { createSqliteDialect } from "../sqlite-dialect.js";
import { createTestSchema, findTestPostgres, type TestSchema } from "../test-databases.js";
import { createMigrator } from "./create-migrator.js";

const postgres = await findTestPostgres();

const TARGETS = [
  {
    name: "sqlite",
    skip: false,
    open: async (): Promise<{ db: Kysely<unknown>; schema?: TestSchema }> => ({
      db: new Kysely({ dialect: createSqliteDialect(":memory:").dialect }),
    }),
  },
  {
    name: "postgres",
    skip: !postgres.available,
    open: async (): Promise<{ db: Kysely<unknown>; schema?: TestSchema }> => {
      const schema = await createTestSchema(postgres.url);
      return { db: new Kysely({ dialect: createPostgresDialect(postgres.url, schema.schema) }), schema };
    },
  },
];

async function columnsOf(db: Kysely<unknown>, table: string, schema?: string): Promise<string[]> {
  const tables = await db.introspection.getTables();
  const t = tables.find((x) => x.name === table && (schema === undefined || x.schema === schema));
  return (t?.columns ?? []).map((c) => c.name).sort();
}
for (const target of TARGETS) {
  describe.skipIf(target.skip)(`migration 0005 on ${target.name}`, () => {
    let cleanup: () => Promise<void> = async () => {};
    afterEach(() => cleanup());

    it("marks existing providers as the platform's, without a credential hint, and goes down", async () => {
      const { db, schema } = await target.open();
      cleanup = async () => {
        await db.destroy();
        await schema?.drop();
      };
      const migrator = createMigrator(db, schema?.schema);
      expect((await migrator.migrateTo("0003-tenancy")).error).toBeUndefined();
      const before = await columnsOf(db, "providers", schema?.schema);
      await sql`insert into tenants (id, name, created_at) values ('ten_1', 'A', 1)`.execute(db);
      await sql`insert into providers (id, tenant_id, name, kind, base_url, credentials_key_id, credentials_ciphertext, config, created_at)
        values ('prv_1', 'ten_1', 'openai', 'openai', 'https://api.openai.com/v1', 'k', 'c', '{}', 5)`.execute(
        db,
      );

      expect((await migrator.migrateTo("0005-provider-origin-and-credential-hint")).error).toBeUndefined();
      const rows = await sql<Record<string, unknown>>`
        select origin, credentials_last_four, credentials_ciphertext from providers`.execute(db);
      expect(rows.rows).toEqual([
        { origin: "platform", credentials_last_four: null, credentials_ciphertext: "c" },
      ]);

      const down = await migrator.migrateDown();
      expect(down.results?.map((r) => [r.migrationName, r.status])).toEqual([
        ["0005-provider-origin-and-credential-hint", "Success"],
      ]);
      expect(await columnsOf(db, "providers", schema?.schema)).toEqual(before);
      const kept = await sql<{ id: string }>`select id from providers`.execute(db);
      expect(kept.rows.map((r) => r.id)).toEqual(["prv_1"]);
    });
  });
}
