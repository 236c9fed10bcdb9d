import type { PendingUsage, UsageFinal } from "../store/store-types.js";

/**
 * What the data plane records usage through (DESIGN.md invariant 3): `begin` before the upstream call,
 * `finish` after it. Two implementations: GroupCommitUsageRecorder (begin waits for a database commit)
 * and SpoolUsageRecorder (begin waits for an append to a spool file; a writer thread commits).
 */
export interface UsageRecorder {
  /** Makes the pending record durable; resolves when it is, rejects when it cannot be (no upstream call
   * may then be made). */
  begin(record: PendingUsage): Promise<void>;
  /** Queues the record's final state. Never throws; nobody waits for it. */
  finish(final: UsageFinal): void;
  /** Writes everything queued so far (tests, shutdown). */
  flush(): Promise<void>;
  /** Records queued and not yet written (readiness and shutdown logs). */
  readonly backlog: number;
}

/** A recorder the process owns: `close()` flushes and ends its background work (threads, files). */
export interface OwnedUsageRecorder extends UsageRecorder {
  close(): Promise<void>;
}
