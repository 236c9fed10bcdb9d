import type { ReservationLedger } from "../../domain/budget.js";
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  findTestRedis,
  uniqueTestPrefix,
} from "../../resilience/test-redis.js";
import type { Store } from "../../store/store.js";
import { findStoreTargets } from "../../store/test-stores.js";
import { MemoryBudgetLedger } from "../memory-budget-ledger.js";
import { RedisBudgetLedger } from "../redis-budget-ledger.js";

/** A ledger under test, the store behind it, and what removes both. */
export interface OpenedLedger {
  ledger: ReservationLedger;
  store: Store;
  /** Makes asynchronous durable writes happen now (Redis); nothing for SQL. */
  flush(): Promise<void>;
  /**
   * Loses the live state, as a restart does (Redis: every counter and hold; memory: a new ledger in
   * `ledger`); undefined for SQL, whose state is the database.
   */
  loseLiveState?: () => Promise<void>;
  cleanup(): Promise<void>;
}

export interface LedgerTarget {
  name: string;
  skip?: string;
  open(): Promise<OpenedLedger>;
}

/**
 * Every reservation ledger the conformance suite and the model test run on: SQL on SQLite and on
 * PostgreSQL, Redis and memory (both with their durable spend on SQLite). PostgreSQL and Redis are skipped when unreachable,
 * failed when REQUIRE_SERVICES=1.
 *
 * @example
 * for (const t of await findLedgerTargets()) describe.skipIf(t.skip !== undefined)(t.name, () => { ... });
 */
export async function findLedgerTargets(): Promise<LedgerTarget[]> {
  const stores = await findStoreTargets();
  const redisEnv = await findTestRedis();
  const sql: LedgerTarget[] = stores.map((t) => ({
    name: `sql (${t.name})`,
    ...(t.skip !== undefined && { skip: t.skip }),
    open: async () => {
      const { store, cleanup } = await t.open(Date.now);
      await store.migrate();
      return { ledger: store.budgetLedger, store, flush: async () => {}, cleanup };
    },
  }));
  const sqlite = stores[0]!;
  const redis: LedgerTarget = {
    name: "redis",
    ...(!redisEnv.available && { skip: redisEnv.reason }),
    open: async () => {
      const { store, cleanup } = await sqlite.open(Date.now);
      await store.migrate();
      const client = connectTestRedis(redisEnv.url);
      await client.connect();
      const prefix = uniqueTestPrefix("budgets");
      const ledger = new RedisBudgetLedger({ redis: client, durable: store.budgetLedger, prefix });
      return {
        ledger,
        store,
        flush: () => ledger.flush(),
        loseLiveState: async () => {
          await deleteKeysWithPrefix(client, prefix);
        },
        cleanup: async () => {
          await ledger.close();
          await deleteKeysWithPrefix(client, prefix);
          client.disconnect();
          await cleanup();
        },
      };
    },
  };
  const memory: LedgerTarget = {
    name: "memory",
    open: async () => {
      const { store, cleanup } = await sqlite.open(Date.now);
      await store.migrate();
      let ledger = new MemoryBudgetLedger({ durable: store.budgetLedger });
      const opened: OpenedLedger = {
        ledger,
        store,
        flush: () => ledger.flush(),
        loseLiveState: async () => {
          await ledger.close();
          ledger = new MemoryBudgetLedger({ durable: store.budgetLedger });
          opened.ledger = ledger;
        },
        cleanup: async () => {
          await ledger.close();
          await cleanup();
        },
      };
      return opened;
    },
  };
  return [...sql, redis, memory];
}
