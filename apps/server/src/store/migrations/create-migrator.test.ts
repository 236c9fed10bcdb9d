import { Kysely, NO_MIGRATIONS, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createPostgresDialect } from "../postgres-dialect.js";
import { createSqliteDialect } from "../sqlite-dialect.js";
import { createTestSchema, findTestPostgres, type TestSchema } from "../test-databases.js";
import { createMigrator } from "./create-migrator.js";

const postgres = await findTestPostgres();

const APP_TABLES = [
  "api_keys",
  "audit_log",
  "config_revisions",
  "deployments",
  "invitations",
  "memberships",
  "meta",
  "models",
  "one_time_tokens",
  "providers",
  "refresh_tokens",
  "roles",
  "service_accounts",
  "sso_configs",
  "sso_login_states",
  "tenants",
  "usage_records",
  "users",
  "workspace_members",
  "workspaces",
];

interface Target {
  name: string;
  skip: boolean;
  open: () => Promise<{ db: Kysely<unknown>; schema?: TestSchema }>;
}

const TARGETS: Target[] = [
  {
    name: "sqlite",
    skip: false,
    open: async () => ({ db: new Kysely({ dialect: createSqliteDialect(":memory:").dialect }) }),
  },
  {
    name: "postgres",
    skip: !postgres.available,
    open: async () => {
      const schema = await createTestSchema(postgres.url);
      return { db: new Kysely({ dialect: createPostgresDialect(postgres.url, schema.schema) }), schema };
    },
  },
];

/** The application's tables, in this test's schema only (introspection lists every schema). */
async function appTables(db: Kysely<unknown>, schema?: string): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables
    .filter((t) => schema === undefined || t.schema === schema)
    .map((t) => t.name)
    .filter((n) => !n.startsWith("kysely_"))
    .sort();
}

for (const target of TARGETS) {
  describe.skipIf(target.skip)(`migrations on ${target.name}`, () => {
    let cleanup: () => Promise<void> = async () => {};
    afterEach(() => cleanup());

    it("goes up, down and up again, leaving the revision counter at 0", async () => {
      const { db, schema } = await target.open();
      cleanup = async () => {
        await db.destroy();
        await schema?.drop();
      };
      const migrator = createMigrator(db, schema?.schema);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await appTables(db, schema?.schema)).toEqual(APP_TABLES);
      const revision = await sql<{
        value: number;
      }>`select value from meta where key = 'config_revision'`.execute(db);
      expect(Number(revision.rows[0]?.value)).toBe(0);
      const down = await migrator.migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      expect(down.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([
        ["0006-scoped-revisions", "Down", "Success"],
        ["0005-provider-origin-and-credential-hint", "Down", "Success"],
        ["0004-sso", "Down", "Success"],
        ["0003-tenancy", "Down", "Success"],
        ["0002-model-routing-and-capabilities", "Down", "Success"],
        ["0001-initial", "Down", "Success"],
      ]);
      expect(await appTables(db, schema?.schema)).toEqual([]);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await appTables(db, schema?.schema)).toEqual(APP_TABLES);
    });
  });
}
