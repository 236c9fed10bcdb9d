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
  "budget_counters",
  "budget_notifications",
  "budget_reservations",
  "budget_webhooks",
  "budgets",
  "capture_settings",
  "chat_conversations",
  "chat_file_quota_locks",
  "chat_files",
  "chat_messages",
  "chat_presets",
  "chat_shares",
  "config_revisions",
  "credit_ledger",
  "deployments",
  "invitations",
  "memberships",
  "meta",
  "models",
  "one_time_tokens",
  "plans",
  "price_book_entries",
  "pricing_settings",
  "prompt_captures",
  "providers",
  "rate_limits",
  "redemption_codes",
  "redemptions",
  "refresh_tokens",
  "roles",
  "service_accounts",
  "smtp_settings",
  "sso_configs",
  "sso_login_states",
  "stored_responses",
  "stripe_events",
  "tenant_billing",
  "tenants",
  "usage_records",
  "usage_retention",
  "usage_rollup_day",
  "usage_rollup_day_keys",
  "usage_rollup_hour",
  "usage_rollup_hour_keys",
  "usage_rollup_minute",
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

/**
 * The application's tables, in this test's schema only. On PostgreSQL the catalog is read for that schema
 * alone: Kysely's introspection looks at every schema, and fails (3F000) when a concurrent test file
 * drops its own schema meanwhile.
 */
async function appTables(db: Kysely<unknown>, schema?: string): Promise<string[]> {
  const names =
    schema === undefined
      ? (await db.introspection.getTables()).map((t) => t.name)
      : (
          await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = ${schema} and table_type = 'BASE TABLE'`.execute(db)
        ).rows.map((r) => r.name);
  return (
    names
      .filter((n) => !n.startsWith("kysely_"))
      // PostgreSQL's monthly partitions of usage_records (migration 0012) depend on today's date.
      .filter((n) => !/^usage_records_(p\d{6}|default)$/.test(n))
      // SQLite's FTS5 search tables and their shadow tables (migration 0017) exist on SQLite only.
      .filter((n) => !/_fts(_config|_data|_docsize|_idx)?$/.test(n))
      .sort()
  );
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
        ["0022-chat-preset-tools", "Down", "Success"],
        ["0021-stored-responses", "Down", "Success"],
        ["0020-chat-answer-runs", "Down", "Success"],
        ["0019-chat-files", "Down", "Success"],
        ["0018-chat-presets-and-shares", "Down", "Success"],
        ["0017-chat-conversations", "Down", "Success"],
        ["0016-prompt-captures", "Down", "Success"],
        ["0015-smtp-settings", "Down", "Success"],
        ["0014-session-devices", "Down", "Success"],
        ["0013-provider-disabled", "Down", "Success"],
        ["0012-usage-rollups-and-partitions", "Down", "Success"],
        ["0011-billing", "Down", "Success"],
        ["0010-budgets", "Down", "Success"],
        ["0009-rate-limits", "Down", "Success"],
        ["0008-price-books", "Down", "Success"],
        ["0007-usage-record-details", "Down", "Success"],
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
