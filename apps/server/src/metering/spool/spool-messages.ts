/**
 * A run of whole lines of one spool segment, bytes [from, to). `sealed`: the segment gets no more lines,
 * so the writer thread deletes it once this range is committed.
 */
export interface SpoolRange {
  seq: number;
  from: number;
  to: number;
  sealed: boolean;
}

/** Main thread → writer thread. */
export type ToWriter = { t: "ranges"; ranges: SpoolRange[] } | { t: "stop" };

/** What one commit wrote. */
export interface CommitReport {
  t: "committed";
  /** The ranges now in the database, in the order posted. */
  ranges: SpoolRange[];
  /** Pending and final records read from them. */
  records: number;
  /** Complete lines that were not valid records (skipped). */
  invalid: number;
  /** Bytes of torn last lines ignored (only a crashed process's segments have them). */
  tornBytes: number;
  /** Ranges of unsealed segments whose file had vanished: their records are lost. */
  missing: number;
}

/** Writer thread → main thread. */
export type FromWriter = { t: "ready" } | CommitReport | { t: "failed"; message: string } | { t: "stopped" };
