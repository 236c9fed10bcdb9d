import { randomBytes } from "node:crypto";
import { createStore } from "./create-store.js";
import type { Store } from "./store.js";
import type { ApiKeyInput } from "./store-types.js";
import { createTestSchema, findTestPostgres } from "./test-databases.js";

/** A store to test on, and what removes it (its connections, its PostgreSQL schema). */
export interface OpenedTestStore {
  store: Store;
  cleanup: () => Promise<void>;
}

/** One backend a conformance suite runs on; `skip` says why it cannot run here. */
export interface StoreTarget {
  name: string;
  dialect: Store["dialect"];
  skip?: string;
  /** A fresh, unmigrated store on its own database (SQLite in memory, or a new PostgreSQL schema). */
  open: (now: () => number) => Promise<OpenedTestStore>;
}

/**
 * The backends every store conformance suite runs on: SQLite in memory and PostgreSQL (skipped when it is
 * unreachable, failed when REQUIRE_SERVICES=1, see findTestPostgres).
 *
 * @example
 * for (const target of await findStoreTargets())
 *   describe.skipIf(target.skip !== undefined)(target.name, () => { ... });
 */
export async function findStoreTargets(): Promise<StoreTarget[]> {
  const postgres = await findTestPostgres();
  return [
    {
      name: "sqlite",
      dialect: "sqlite",
      open: async (now) => {
        const store = createStore({ sqlitePath: ":memory:", now });
        return { store, cleanup: () => store.close() };
      },
    },
    {
      name: "postgres",
      dialect: "postgres",
      ...(postgres.available ? {} : { skip: postgres.reason }),
      open: async (now) => {
        // Not created here: migrate() creates the schema, as on a fresh installation.
        const { schema, drop } = await createTestSchema(postgres.url, { create: false });
        const store = createStore({ databaseUrl: postgres.url, pgSchema: schema, now });
        return {
          store,
          cleanup: async () => {
            await store.close();
            await drop();
          },
        };
      },
    },
  ];
}

/** A clock for tests: each reading advances it by `step` ms (0 freezes it); set `t` to jump. */
export interface TestClock {
  t: number;
  step: number;
  now: () => number;
}

/**
 * A test clock starting at `start`, ticking 1 ms per reading, so rows created one after the other have
 * distinct, increasing times.
 *
 * @example
 * const clock = testClock();
 * clock.step = 0; // rows created now share one time: ties are ordered by id
 */
export function testClock(start = 1_700_000_000_000): TestClock {
  const clock: TestClock = { t: start, step: 1, now: () => (clock.t += clock.step) };
  return clock;
}

/**
 * A tenant with a workspace and an owner (a user created in it, so a member), for tests.
 *
 * @example
 * const { tenant, workspace, owner } = await seedTenant(store, "Acme");
 */
export async function seedTenant(store: Store, name: string) {
  const tenant = await store.tenants.create({ name });
  const workspace = await store.workspaces.create({ tenantId: tenant.id, name: "default" });
  const owner = await store.users.create({
    tenantId: tenant.id,
    email: `owner-${randomBytes(4).toString("hex")}@${name.toLowerCase()}.test`,
    name: `${name} Owner`,
    role: "owner",
    passwordHash: "$argon2id$x",
  });
  return { tenant, workspace, owner };
}

/**
 * A key input for tests with a unique hash.
 *
 * @example
 * const key = await store.apiKeys.create(testKeyInput(tenant.id, workspace.id));
 */
export function testKeyInput(
  tenantId: string,
  workspaceId: string,
  extra: Partial<ApiKeyInput> = {},
): ApiKeyInput {
  return {
    tenantId,
    workspaceId,
    userId: null,
    name: "ci",
    keyHash: randomBytes(32).toString("hex"),
    keyPrefix: "gh_test",
    expiresAt: null,
    ...extra,
  };
}
