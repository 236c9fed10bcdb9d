import { GatewayError } from "@gatehouse/protocol";
import { Kysely, type Migrator, sql } from "kysely";
import { createAccountsStore } from "./accounts/accounts-repo.js";
import { createApiKeysRepo } from "./api-keys-repo.js";
import { createBillingStore } from "./billing/billing-store.js";
import { createBudgetsRepo } from "./budgets/budgets-repo.js";
import { createSqlBudgetLedger } from "./budgets/sql-budget-ledger.js";
import { createCapturesStore } from "./captures/captures-repo.js";
import { createChatSharesLookup } from "./chat-library/chat-shares-repo.js";
import type { DB } from "./database.js";
import { createMigrator } from "./migrations/create-migrator.js";
import { createModelsRepo } from "./models-repo.js";
import { createPostgresDialect } from "./postgres-dialect.js";
import { createPostgresUsageWriter } from "./postgres-usage-writer.js";
import { createPricingStore } from "./pricing/pricing-store.js";
import { createProvidersRepo } from "./providers-repo.js";
import { listAllRateLimits } from "./rate-limits/rate-limits-repo.js";
import type { RepoContext } from "./repo-context.js";
import { readSequence } from "./revisions/bump-scope.js";
import { readChangesSince } from "./revisions/read-changes-since.js";
import { createSmtpSettingsRepo } from "./smtp/smtp-settings-repo.js";
import { createSqliteDialect } from "./sqlite-dialect.js";
import { createSqliteUsageWriter } from "./sqlite-usage-writer.js";
import type { Store } from "./store.js";
import { createStoredResponsesStore } from "./stored-responses/stored-responses-repo.js";
import { createTenantStore } from "./tenancy/for-tenant.js";
import { createTenantsRepo } from "./tenants-repo.js";
import { applyUsageRetention } from "./usage/apply-usage-retention.js";
import { ensureMonthPartitions } from "./usage/usage-partitions.js";
import { createUsageRepo } from "./usage-repo.js";
import type { UsageWriter } from "./usage-writer.js";
import { createUsersRepo } from "./users-repo.js";
import { createWorkspacesRepo } from "./workspaces-repo.js";

export interface CreateStoreOptions {
  /** postgres:// or postgresql:// selects PostgreSQL; when absent, SQLite at `sqlitePath`. */
  databaseUrl?: string;
  /** The SQLite file (its folder is created), or ":memory:". Required when there is no `databaseUrl`. */
  sqlitePath?: string;
  /** PostgreSQL only: the schema to live in, created by `migrate()` when missing (tests isolate by it). */
  pgSchema?: string;
  /** The clock that stamps created/revoked times (Unix ms); defaults to Date.now. */
  now?: () => number;
  /**
   * SQLite only: run the WAL checkpointer thread (default true). The server turns it off when its usage
   * writer thread checkpoints instead (metering/spool/usage-writer-worker.ts).
   */
  walCheckpointer?: boolean;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * Builds the Store over PostgreSQL when `databaseUrl` is a postgres URL, else over SQLite. Nothing is
 * migrated here: call `migrate()` once at start-up (it is safe to call from many instances at once).
 *
 * @example
 * const store = createStore({ sqlitePath: ":memory:" });
 * await store.migrate();
 * const tenant = await store.tenants.create({ name: "Acme" });
 */
export function createStore(options: CreateStoreOptions): Store {
  const { dialectName, db, usageWriterOver, schema, stop } = openBackend(options);
  const now = options.now ?? Date.now;
  const migrator = createMigrator(db as Kysely<unknown>, schema);
  const outside = (name: string) => async () => {
    throw new GatewayError("internal_error", `store.${name}() cannot be called inside a transaction.`);
  };

  /** The Store over `over`: the database itself, or one transaction on it. */
  const storeOver = (over: Kysely<DB>): Store => {
    const ctx: RepoContext = { db: over, now };
    const store: Store = {
      dialect: dialectName,
      migrate: over.isTransaction ? outside("migrate") : () => migrate(migrator),
      // The migrator reads through the database, not the transaction: on SQLite it would wait forever
      // for the one connection the transaction holds.
      isMigrated: over.isTransaction
        ? outside("isMigrated")
        : async () => (await migrator.getMigrations()).every((m) => m.executedAt !== undefined),
      async ping() {
        await sql`select 1`.execute(over);
      },
      close: over.isTransaction
        ? outside("close")
        : async () => {
            await db.destroy();
            await stop();
          },
      revision: () => readSequence(over),
      changesSince: (since) => readChangesSince(over, since),
      transaction: (fn) =>
        over.isTransaction ? fn(store) : over.transaction().execute((trx) => fn(storeOver(trx))),
      forTenant: (tenantId) => createTenantStore(ctx, tenantId),
      accounts: createAccountsStore(ctx),
      pricing: createPricingStore(ctx),
      captures: createCapturesStore(ctx),
      storedResponses: createStoredResponsesStore(ctx),
      budgets: createBudgetsRepo(ctx),
      budgetLedger: createSqlBudgetLedger(over),
      billing: createBillingStore(ctx),
      smtpSettings: createSmtpSettingsRepo(ctx),
      chatShares: createChatSharesLookup(ctx),
      tenants: createTenantsRepo(ctx),
      workspaces: createWorkspacesRepo(ctx),
      users: createUsersRepo(ctx),
      apiKeys: createApiKeysRepo(ctx),
      providers: createProvidersRepo(ctx),
      models: createModelsRepo(ctx),
      rateLimits: { listAll: () => listAllRateLimits(over) },
      usage: createUsageRepo(ctx, usageWriterOver(over)),
      usageMaintenance: {
        ensurePartitions: async (at, monthsAhead) =>
          dialectName === "postgres" ? ensureMonthPartitions(over, at, monthsAhead) : [],
        applyRetention: (at, budget) => applyUsageRetention(over, dialectName, at, budget),
      },
    };
    return store;
  };
  return storeOver(db);
}

async function migrate(migrator: Migrator): Promise<void> {
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "setup";
  throw new GatewayError("internal_error", `Database migration '${failed}' failed.`, {}, { cause: error });
}

interface Backend {
  dialectName: Store["dialect"];
  db: Kysely<DB>;
  /** The usage writer over the database or over one of its transactions. */
  usageWriterOver: (db: Kysely<DB>) => UsageWriter;
  schema: string | undefined;
  /** Ends background work of the backend (the SQLite checkpointer). */
  stop: () => Promise<void>;
}

function openBackend(options: CreateStoreOptions): Backend {
  const { databaseUrl, sqlitePath, pgSchema, walCheckpointer } = options;
  if (databaseUrl) {
    if (!POSTGRES_URL.test(databaseUrl)) {
      throw new GatewayError("internal_error", "DATABASE_URL must start with postgres:// or postgresql://.");
    }
    const db = new Kysely<DB>({ dialect: createPostgresDialect(databaseUrl, pgSchema) });
    return {
      dialectName: "postgres",
      db,
      usageWriterOver: createPostgresUsageWriter,
      schema: pgSchema,
      stop: async () => {},
    };
  }
  if (sqlitePath === undefined) {
    throw new GatewayError("internal_error", "The store needs a DATABASE_URL or a SQLite path.");
  }
  const sqlite = createSqliteDialect(sqlitePath, { walCheckpointer });
  const db = new Kysely<DB>({ dialect: sqlite.dialect });
  const statements = {};
  return {
    dialectName: "sqlite",
    db,
    usageWriterOver: (over) => createSqliteUsageWriter(over, sqlite.database, statements),
    schema: undefined,
    stop: sqlite.stop,
  };
}
