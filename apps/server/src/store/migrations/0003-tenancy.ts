import { type Kysely, type Migration, sql } from "kysely";

type ColumnType = "text" | "integer" | "bigint";

interface NewColumn {
  table: "users" | "api_keys" | "workspaces";
  name: string;
  type: ColumnType;
  /** NOT NULL with this default, so rows that exist get it; absent means a nullable column. */
  default?: string | number;
}

/**
 * Columns added to existing tables. Users become installation-wide accounts (their `tenant_id` and
 * `role` stay as the home tenant they were created in; memberships say where else they belong).
 */
const COLUMNS: readonly NewColumn[] = [
  { table: "users", name: "email_verified_at", type: "bigint" },
  // Access tokens issued before this instant are refused: "log out everywhere" and password changes.
  { table: "users", name: "sessions_valid_after", type: "bigint", default: 0 },
  { table: "workspaces", name: "allowed_models", type: "text" },
  { table: "api_keys", name: "service_account_id", type: "text" },
  { table: "api_keys", name: "allowed_models", type: "text" },
  { table: "api_keys", name: "allowed_cidrs", type: "text" },
  { table: "api_keys", name: "metadata", type: "text", default: "{}" },
  { table: "api_keys", name: "last_used_at", type: "bigint" },
];

/**
 * Tenancy: memberships of users in tenants and workspaces, custom roles, service accounts, sessions
 * (refresh tokens), single-use tokens (password reset, email verification), invitations and the audit log.
 * Every tenant-owned table carries `tenant_id` and is indexed by it with its creation order, which is what
 * the cursor pagination reads. Secrets (refresh, reset, invitation tokens) are stored as SHA-256 only.
 */
export const tenancyMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const c of COLUMNS) {
      await db.schema
        .alterTable(c.table)
        .addColumn(c.name, c.type, (col) =>
          c.default === undefined ? col : col.notNull().defaultTo(c.default),
        )
        .execute();
    }
    await db.schema
      .createIndex("api_keys_tenant_created_idx")
      .on("api_keys")
      .columns(["tenant_id", "created_at", "id"])
      .execute();
    await db.schema.createIndex("api_keys_workspace_idx").on("api_keys").column("workspace_id").execute();
    await db.schema
      .createIndex("workspaces_tenant_created_idx")
      .on("workspaces")
      .columns(["tenant_id", "created_at", "id"])
      .execute();
    await createMemberships(db);
    await createRolesAndServiceAccounts(db);
    await createSessionTables(db);
    await createInvitations(db);
    await createAuditLog(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      "audit_log",
      "invitations",
      "one_time_tokens",
      "refresh_tokens",
      "service_accounts",
      "roles",
      "workspace_members",
      "memberships",
    ]) {
      await db.schema.dropTable(table).execute();
    }
    for (const index of [
      "api_keys_tenant_created_idx",
      "api_keys_workspace_idx",
      "workspaces_tenant_created_idx",
    ])
      await db.schema.dropIndex(index).execute();
    for (const c of [...COLUMNS].reverse()) await db.schema.alterTable(c.table).dropColumn(c.name).execute();
  },
};

async function createMemberships(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("memberships")
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    // A built-in role name (owner, admin, member, viewer, billing) or a custom role's id.
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("memberships_pk", ["tenant_id", "user_id"])
    .execute();
  await db.schema.createIndex("memberships_user_idx").on("memberships").column("user_id").execute();
  await db.schema
    .createIndex("memberships_tenant_created_idx")
    .on("memberships")
    .columns(["tenant_id", "created_at", "user_id"])
    .execute();
  // Every user so far belonged to the tenant it was created in, with its role there.
  await sql`insert into memberships (tenant_id, user_id, role, created_at)
            select tenant_id, id, role, created_at from users`.execute(db);

  await db.schema
    .createTable("workspace_members")
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("workspace_members_pk", ["workspace_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("workspace_members_tenant_user_idx")
    .on("workspace_members")
    .columns(["tenant_id", "user_id"])
    .execute();
}

async function createRolesAndServiceAccounts(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("roles")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    // JSON array of permission names.
    .addColumn("permissions", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("roles_tenant_name_uq")
    .on("roles")
    .unique()
    .expression(sql`tenant_id, lower(name)`)
    .execute();

  await db.schema
    .createTable("service_accounts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("service_accounts_tenant_created_idx")
    .on("service_accounts")
    .columns(["tenant_id", "created_at", "id"])
    .execute();
}

async function createSessionTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("refresh_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    // Every token a login produced, through its rotations: reuse of a used one revokes the whole family.
    .addColumn("family_id", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("used_at", "bigint")
    .addColumn("revoked_at", "bigint")
    .execute();
  await db.schema.createIndex("refresh_tokens_family_idx").on("refresh_tokens").column("family_id").execute();
  await db.schema.createIndex("refresh_tokens_user_idx").on("refresh_tokens").column("user_id").execute();

  await db.schema
    .createTable("one_time_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    // password_reset | verify_email
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("used_at", "bigint")
    .execute();
  await db.schema.createIndex("one_time_tokens_user_idx").on("one_time_tokens").column("user_id").execute();
}

async function createInvitations(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("workspace_id", "text", (c) => c.references("workspaces.id").onDelete("cascade"))
    .addColumn("workspace_role", "text")
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("accepted_at", "bigint")
    .addColumn("revoked_at", "bigint")
    .execute();
  await db.schema
    .createIndex("invitations_tenant_created_idx")
    .on("invitations")
    .columns(["tenant_id", "created_at", "id"])
    .execute();
}

async function createAuditLog(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("at", "bigint", (c) => c.notNull())
    // user | api_key | service_account | system
    .addColumn("actor_kind", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_kind", "text", (c) => c.notNull())
    .addColumn("target_id", "text")
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    // JSON objects with secrets removed; null when there is no before (a create) or after (a delete).
    .addColumn("before", "text")
    .addColumn("after", "text")
    .execute();
  await db.schema
    .createIndex("audit_log_tenant_at_idx")
    .on("audit_log")
    .columns(["tenant_id", "at", "id"])
    .execute();
  await db.schema
    .createIndex("audit_log_tenant_action_idx")
    .on("audit_log")
    .columns(["tenant_id", "action", "at"])
    .execute();
}
