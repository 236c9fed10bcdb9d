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
  describe.skipIf(target.skip)(`migration 0003 on ${target.name}`, () => {
    let cleanup: () => Promise<void> = async () => {};
    afterEach(() => cleanup());

    it("makes every existing user a member of its tenant, gives existing rows the defaults, and goes down", async () => {
      const { db, schema } = await target.open();
      cleanup = async () => {
        await db.destroy();
        await schema?.drop();
      };
      const migrator = createMigrator(db, schema?.schema);
      expect((await migrator.migrateTo("0002-model-routing-and-capabilities")).error).toBeUndefined();
      const before = {
        users: await columnsOf(db, "users", schema?.schema),
        apiKeys: await columnsOf(db, "api_keys", schema?.schema),
        workspaces: await columnsOf(db, "workspaces", schema?.schema),
      };
      await sql`insert into tenants (id, name, created_at) values ('ten_1', 'A', 1), ('ten_2', 'B', 2)`.execute(
        db,
      );
      await sql`insert into workspaces (id, tenant_id, name, created_at) values ('ws_1', 'ten_1', 'default', 3)`.execute(
        db,
      );
      await sql`insert into users (id, tenant_id, email, name, role, password_hash, created_at) values
        ('usr_1', 'ten_1', 'a@a.test', 'Ada', 'owner', 'h', 10),
        ('usr_2', 'ten_1', 'b@a.test', 'Bob', 'viewer', 'h', 11),
        ('usr_3', 'ten_2', 'c@b.test', 'Cy', 'admin', 'h', 12)`.execute(db);
      await sql`insert into api_keys (id, tenant_id, workspace_id, user_id, name, key_hash, key_prefix, created_at)
        values ('key_1', 'ten_1', 'ws_1', 'usr_1', 'ci', 'hash', 'gh_', 20)`.execute(db);

      expect((await migrator.migrateTo("0003-tenancy")).error).toBeUndefined();
      const memberships = await sql<Record<string, unknown>>`
        select tenant_id, user_id, role, created_at from memberships order by user_id`.execute(db);
      expect(memberships.rows.map((r) => ({ ...r, created_at: Number(r.created_at) }))).toEqual([
        { tenant_id: "ten_1", user_id: "usr_1", role: "owner", created_at: 10 },
        { tenant_id: "ten_1", user_id: "usr_2", role: "viewer", created_at: 11 },
        { tenant_id: "ten_2", user_id: "usr_3", role: "admin", created_at: 12 },
      ]);
      const user = await sql<Record<string, unknown>>`
        select email_verified_at, sessions_valid_after from users where id = 'usr_1'`.execute(db);
      expect(user.rows[0]?.email_verified_at).toBeNull();
      expect(Number(user.rows[0]?.sessions_valid_after)).toBe(0);
      const key = await sql<Record<string, unknown>>`
        select service_account_id, allowed_models, allowed_cidrs, metadata, last_used_at from api_keys`.execute(
        db,
      );
      expect(key.rows).toEqual([
        {
          service_account_id: null,
          allowed_models: null,
          allowed_cidrs: null,
          metadata: "{}",
          last_used_at: null,
        },
      ]);
      const ws = await sql<Record<string, unknown>>`select allowed_models from workspaces`.execute(db);
      expect(ws.rows).toEqual([{ allowed_models: null }]);

      const down = await migrator.migrateDown();
      expect(down.results?.map((r) => [r.migrationName, r.status])).toEqual([["0003-tenancy", "Success"]]);
      expect(await columnsOf(db, "users", schema?.schema)).toEqual(before.users);
      expect(await columnsOf(db, "api_keys", schema?.schema)).toEqual(before.apiKeys);
      expect(await columnsOf(db, "workspaces", schema?.schema)).toEqual(before.workspaces);
      const kept = await sql<{ id: string }>`select id from users order by id`.execute(db);
      expect(kept.rows.map((r) => r.id)).toEqual(["usr_1", "usr_2", "usr_3"]);
    });
  });
}
