import type {
  ApiKey,
  ApiKeyInput,
  Deployment,
  DeploymentInput,
  Model,
  ModelInput,
  ModelWithDeployments,
  PendingUsage,
  Provider,
  ProviderInput,
  Tenant,
  UsageFinal,
  UsageQuery,
  UsageRecord,
  User,
  UserRole,
  Workspace,
} from "./store-types.js";

/**
 * The persistence seam: one interface, two implementations (SQLite through better-sqlite3, PostgreSQL
 * through pg), both built on Kysely with one set of migrations, both held to one conformance suite.
 *
 * Tenant-scoped reads take the tenant id and answer `undefined` for another tenant's row, so a
 * cross-tenant read cannot tell a foreign row from a missing one. Every mutation of configuration
 * (keys, providers, models, deployments) bumps the configuration revision in the same transaction,
 * which is how running instances learn to refresh their in-memory snapshots.
 */
export interface Store {
  readonly dialect: "sqlite" | "postgres";
  /** Runs pending migrations (under a lock on PostgreSQL, so many instances may start at once). */
  migrate(): Promise<void>;
  /** Whether migrations are all applied. */
  isMigrated(): Promise<boolean>;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The configuration revision: a counter bumped by every configuration change. */
  revision(): Promise<number>;

  tenants: {
    create(input: { name: string }): Promise<Tenant>;
    get(id: string): Promise<Tenant | undefined>;
    list(): Promise<Tenant[]>;
  };
  workspaces: {
    create(input: { tenantId: string; name: string }): Promise<Workspace>;
    get(tenantId: string, id: string): Promise<Workspace | undefined>;
    list(tenantId: string): Promise<Workspace[]>;
  };
  users: {
    create(input: { tenantId: string; email: string; name: string; role: UserRole; passwordHash: string }): Promise<User>;
    /** Emails are unique across the installation, compared case-insensitively. */
    findByEmail(email: string): Promise<User | undefined>;
    get(tenantId: string, id: string): Promise<User | undefined>;
    list(tenantId: string): Promise<User[]>;
    count(): Promise<number>;
  };
  apiKeys: {
    create(input: ApiKeyInput): Promise<ApiKey>;
    /** The hot-path lookup (behind a cache): any tenant, revoked and expired keys included. */
    findByHash(keyHash: string): Promise<ApiKey | undefined>;
    get(tenantId: string, id: string): Promise<ApiKey | undefined>;
    list(tenantId: string): Promise<ApiKey[]>;
    /** Marks the key revoked; false when it does not exist in this tenant or was already revoked. */
    revoke(tenantId: string, id: string): Promise<boolean>;
  };
  providers: {
    create(input: ProviderInput): Promise<Provider>;
    get(tenantId: string, id: string): Promise<Provider | undefined>;
    findByName(tenantId: string, name: string): Promise<Provider | undefined>;
    list(tenantId: string): Promise<Provider[]>;
    /** Every provider of every tenant, for the routing snapshot. */
    listAll(): Promise<Provider[]>;
    /** Removes the provider and its deployments; false when absent. */
    remove(tenantId: string, id: string): Promise<boolean>;
  };
  models: {
    create(input: ModelInput): Promise<Model>;
    get(tenantId: string, id: string): Promise<Model | undefined>;
    findByName(tenantId: string, name: string): Promise<Model | undefined>;
    list(tenantId: string): Promise<ModelWithDeployments[]>;
    /** Every model of every tenant with its deployments, for the routing snapshot. */
    listAll(): Promise<ModelWithDeployments[]>;
    /** Removes the model and its deployments; false when absent. */
    remove(tenantId: string, id: string): Promise<boolean>;
    addDeployment(tenantId: string, input: DeploymentInput): Promise<Deployment>;
    removeDeployment(tenantId: string, id: string): Promise<boolean>;
  };
  usage: {
    /** Inserts pending records in one transaction; a record whose id exists is left as it is. */
    insertPending(records: PendingUsage[]): Promise<void>;
    /** Finalizes records in one transaction; only pending records change. */
    finalize(finals: UsageFinal[]): Promise<void>;
    get(tenantId: string, id: string): Promise<UsageRecord | undefined>;
    list(query: UsageQuery): Promise<UsageRecord[]>;
    /** Pending records started before `before`, any tenant: the reconciler's work list. */
    listStalePending(before: number, limit: number): Promise<UsageRecord[]>;
  };
}
