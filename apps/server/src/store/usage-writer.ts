import type { Store } from "./store.js";

/**
 * The two batched usage writes of the hot path. Each dialect has its fastest form (prepared statements in
 * one transaction on SQLite, array-parameter statements on PostgreSQL); both obey the Store's contract.
 */
export type UsageWriter = Pick<Store["usage"], "insertPending" | "finalize">;
