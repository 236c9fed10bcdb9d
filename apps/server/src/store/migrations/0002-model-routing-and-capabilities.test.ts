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
  describe.skipIf(target.skip)(`migration 0002 on ${target.name}`, () => {
    let cleanup: () => Promise<void> = async () => {};
    afterEach(() => cleanup());

    it("gives rows that existed the default settings, and goes down to exactly the 0001 columns", async () => {
      const { db, schema } = await target.open();
      cleanup = async () => {
        await db.destroy();
        await schema?.drop();
      };
      const migrator = createMigrator(db, schema?.schema);
      expect((await migrator.migrateTo("0001-initial")).error).toBeUndefined();
      const modelColumnsBefore = await columnsOf(db, "models", schema?.schema);
      const deploymentColumnsBefore = await columnsOf(db, "deployments", schema?.schema);
      await sql`insert into tenants (id, name, created_at) values ('ten_1', 'A', 1)`.execute(db);
      await sql`insert into providers (id, tenant_id, name, kind, base_url, config, created_at)
        values ('prv_1', 'ten_1', 'p', 'openai', 'https://a.test', '{}', 1)`.execute(db);
      await sql`insert into models (id, tenant_id, name, input_price_per_mtok, output_price_per_mtok, created_at)
        values ('mdl_1', 'ten_1', 'm', 1, 2, 1)`.execute(db);
      await sql`insert into deployments (id, tenant_id, model_id, provider_id, upstream_model, weight, priority, created_at)
        values ('dep_1', 'ten_1', 'mdl_1', 'prv_1', 'm', 1, 0, 1)`.execute(db);

      expect((await migrator.migrateTo("0002-model-routing-and-capabilities")).error).toBeUndefined();
      const model = await sql<Record<string, unknown>>`select * from models where id = 'mdl_1'`.execute(db);
      expect(model.rows[0]).toMatchObject({
        aliases: "[]",
        capabilities: "{}",
        unsupported_params: "drop",
        balance_strategy: "weighted_random",
        fallback_models: "[]",
        context_fallback_model: null,
        timeouts: "{}",
      });
      expect(Number(model.rows[0]?.content_filter_fallback)).toBe(0);
      const dep = await sql<Record<string, unknown>>`select rpm, tpm, region from deployments`.execute(db);
      expect(dep.rows).toEqual([{ rpm: null, tpm: null, region: null }]);

      const down = await migrator.migrateDown();
      expect(down.results?.map((r) => [r.migrationName, r.status])).toEqual([
        ["0002-model-routing-and-capabilities", "Success"],
      ]);
      expect(await columnsOf(db, "models", schema?.schema)).toEqual(modelColumnsBefore);
      expect(await columnsOf(db, "deployments", schema?.schema)).toEqual(deploymentColumnsBefore);
      const kept = await sql<{ name: string }>`select name from models`.execute(db);
      expect(kept.rows).toEqual([{ name: "m" }]);
    });
  });
}
