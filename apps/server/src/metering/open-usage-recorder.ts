import { rmdirSync } from "node:fs";
import type { Worker, WorkerOptions } from "node:worker_threads";
import type { Logger } from "pino";
import { ConfigError } from "../config/config.js";
import type { Store } from "../store/store.js";
import { GroupCommitUsageRecorder } from "./group-commit-usage-recorder.js";
import { ensurePrivateDir } from "./spool/ensure-private-dir.js";
import { SpoolAppender } from "./spool/spool-appender.js";
import { acquireSpoolLock, type SpoolLock } from "./spool/spool-lock.js";
import { SpoolProgress } from "./spool/spool-progress.js";
import { listSegmentFiles } from "./spool/spool-segment-files.js";
import { SpoolUsageRecorder } from "./spool/spool-usage-recorder.js";
import { UsageWriterThread } from "./spool/usage-writer-thread.js";
import type { OwnedUsageRecorder } from "./usage-recorder.js";

/** Knobs of the spool recorder; the defaults are the production values (tests shorten them). */
export interface SpoolTuning {
  /** A segment is sealed once this large (default 4 MiB). */
  segmentBytes?: number;
  finalsDelayMs?: number;
  postDelayMs?: number;
  maxBacklogBytes?: number;
  closeTimeoutMs?: number;
  busyTimeoutMs?: number;
  checkpoint?: { intervalMs?: number; maxWalBytes?: number; pollMs?: number };
  createWorker?: (url: URL, options: WorkerOptions) => Worker;
}

export interface OpenUsageRecorderOptions {
  store: Store;
  logger: Logger;
  /** The store's SQLite file (undefined for PostgreSQL or an in-memory database). */
  sqlitePath: string | undefined;
  /** resolveSpoolDir(config): where the spool lives, or undefined for group commit. */
  spoolDir: string | undefined;
  tuning?: SpoolTuning;
}

/**
 * The one place that picks how usage is recorded. A SQLite file with a spool directory gets the
 * SpoolUsageRecorder: the directory is locked for this process, segments a crashed process left are
 * committed (idempotently) and deleted before this returns — so before the app serves and before the
 * reconciler looks for stale pending records — and the writer thread runs. Everything else
 * (PostgreSQL: several instances, and a pod's /dev/shm dies with the pod; in-memory SQLite;
 * GATEHOUSE_SPOOL_DIR=off) gets the GroupCommitUsageRecorder. Problems are one-line ConfigErrors.
 *
 * @example
 * const usage = await openUsageRecorder({ store, logger, sqlitePath, spoolDir: resolveSpoolDir(config) });
 * const app = await createApp({ store, secretBox, logger, usageRecorder: usage });
 * // at exit, after app.shutdown():
 * await usage.close();
 */
export async function openUsageRecorder(options: OpenUsageRecorderOptions): Promise<OwnedUsageRecorder> {
  const { store, logger, sqlitePath, spoolDir } = options;
  const isFile = sqlitePath !== undefined && sqlitePath !== ":memory:" && sqlitePath !== "";
  if (spoolDir === undefined || store.dialect !== "sqlite" || !isFile) {
    return new GroupCommitUsageRecorder(store, logger);
  }
  ensurePrivateDir(spoolDir);
  const lock = acquireSpoolLock(spoolDir);
  try {
    return await openSpool(spoolDir, sqlitePath, lock, logger, options.tuning ?? {});
  } catch (err) {
    lock.release();
    throw err;
  }
}

async function openSpool(
  dir: string,
  dbPath: string,
  lock: SpoolLock,
  logger: Logger,
  tuning: SpoolTuning,
): Promise<SpoolUsageRecorder> {
  const leftovers = listSegmentFiles(dir);
  const thread = new UsageWriterThread({
    dbPath,
    dir,
    busyTimeoutMs: tuning.busyTimeoutMs,
    checkpoint: tuning.checkpoint,
    createWorker: tuning.createWorker,
  });
  const recorder = new SpoolUsageRecorder({
    appender: new SpoolAppender(
      dir,
      (leftovers.at(-1)?.seq ?? 0) + 1,
      tuning.segmentBytes ?? 4 * 1024 * 1024,
    ),
    progress: new SpoolProgress(),
    thread,
    logger,
    finalsDelayMs: tuning.finalsDelayMs,
    postDelayMs: tuning.postDelayMs,
    maxBacklogBytes: tuning.maxBacklogBytes,
    closeTimeoutMs: tuning.closeTimeoutMs,
    onClosed: () => releaseSpool(dir, lock),
  });
  try {
    await recorder.start();
  } catch (err) {
    throw new ConfigError(`cannot start the usage writer thread: ${(err as Error).message}`);
  }
  if (leftovers.length > 0) {
    const replay = await recorder.replay(leftovers);
    if (!replay.ok) {
      await thread.stop();
      throw new ConfigError(`cannot write the usage spool ${dir}, left by an earlier run, into the database`);
    }
    logger.warn(
      { dir, segments: leftovers.length, ...replay, ok: undefined },
      "usage: wrote the spool an earlier run left behind (it did not stop cleanly)",
    );
  }
  logger.debug({ dir }, "usage spool ready");
  return recorder;
}

/** Removes the lock, and the directory when no segment is left in it (else the next start replays). */
function releaseSpool(dir: string, lock: SpoolLock): void {
  const empty = listSegmentFiles(dir).length === 0;
  lock.release();
  if (!empty) return;
  try {
    rmdirSync(dir);
  } catch {
    // Something else lives there (a directory the operator chose): leave it.
  }
}
