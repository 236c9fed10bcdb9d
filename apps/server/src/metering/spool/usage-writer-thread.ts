import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";
import { WAL_CHECKPOINT_DEFAULTS } from "../../store/wal-checkpointer.js";
import type { FromWriter, SpoolRange, ToWriter } from "./spool-messages.js";
import type { UsageWriterData } from "./usage-writer-worker.js";

/** What the writer thread reports; the recorder implements it. */
export interface UsageWriterEvents {
  message(message: FromWriter): void;
  /** The thread ended without being asked to; a new one is started after a backoff. */
  died(reason: string): void;
  /** A replacement thread is ready: hand it everything not committed. */
  restarted(): void;
}

export interface UsageWriterThreadOptions {
  dbPath: string;
  dir: string;
  /** How long the thread's commits wait for another connection's lock (default 5 s, as the store's). */
  busyTimeoutMs?: number;
  checkpoint?: { intervalMs?: number; maxWalBytes?: number; pollMs?: number };
  /** Builds the Worker (tests keep a handle to end it). */
  createWorker?: (url: URL, options: WorkerOptions) => Worker;
  /** The worker script; by default the built usage-writer-worker.js next to this module. */
  workerUrl?: URL;
}

/**
 * The main thread's handle on the usage writer thread (usage-writer-worker.ts): starts it, hands it
 * spool ranges, relays its reports, and restarts it when it dies — with a growing delay, so a thread that
 * cannot start (an unreadable database) is retried without spinning. Posting while no thread runs drops
 * the message: the recorder re-posts everything not committed on `restarted`.
 *
 * @example
 * const thread = new UsageWriterThread({ dbPath: "data/gatehouse.db", dir: spoolDir });
 * await thread.start(events);
 * thread.post(ranges);
 */
export class UsageWriterThread {
  private worker: Worker | undefined;
  private ready = false;
  /** Whether a thread was ever ready: a failed first start is the caller's error, not a death. */
  private started = false;
  private events: UsageWriterEvents | undefined;
  private stopping = false;
  private deaths = 0;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: UsageWriterThreadOptions) {}

  /** Starts the thread; resolves once its database connection is open, rejects if it cannot start. */
  start(events: UsageWriterEvents): Promise<void> {
    this.events = events;
    return this.spawn();
  }

  post(ranges: SpoolRange[]): void {
    if (ranges.length > 0 && this.ready) this.send({ t: "ranges", ranges });
  }

  /**
   * Asks the thread to commit what it holds, checkpoint and close its connection, and waits until it
   * did. Never `terminate()`s a thread that may be inside SQLite: a statement that returns an error into
   * a terminating thread aborts the whole process in better-sqlite3 ("v8::ToLocalChecked Empty
   * MaybeLocal", https://github.com/WiseLibs/better-sqlite3/issues/842). Its wait is bounded by the busy
   * timeout (a lock) or the disk (a stall); only after "stopped" is it ended.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    const ended = new Promise<void>((resolve) => {
      worker.on("message", (m: FromWriter) => m.t === "stopped" && resolve());
      worker.once("exit", () => resolve());
    });
    // A thread still starting gets "stop" as soon as it is ready (see spawn).
    if (this.ready) this.send({ t: "stop" });
    await ended;
    await worker.terminate();
    this.worker = undefined;
  }

  /** A thread that reported a commit is healthy again: the next death restarts it at once. */
  healthy(): void {
    this.deaths = 0;
  }

  private spawn(): Promise<void> {
    const { dbPath, dir } = this.options;
    const checkpoint = { ...WAL_CHECKPOINT_DEFAULTS, pollMs: 1_000, ...this.options.checkpoint };
    const workerData: UsageWriterData = {
      dbPath,
      dir,
      busyTimeoutMs: this.options.busyTimeoutMs ?? 5_000,
      checkpoint,
    };
    const create = this.options.createWorker ?? ((url, opts) => new Worker(url, opts));
    const worker = create(this.options.workerUrl ?? builtWorkerUrl(), {
      workerData,
      // It holds a batch of records at a time; the caps bound it, they are not reserved up front.
      resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 64, codeRangeSizeMb: 4 },
    });
    // Never keeps the process alive: whatever it has not committed stays in the spool for the next start.
    worker.unref();
    this.worker = worker;
    this.ready = false;
    let lastError = "";
    return new Promise<void>((resolve, reject) => {
      worker.on("message", (m: FromWriter) => {
        if (m.t === "ready" && !this.ready) {
          this.ready = true;
          this.started = true;
          if (this.stopping) this.send({ t: "stop" });
          resolve();
        } else this.events?.message(m);
      });
      worker.on("error", (err) => {
        lastError = err.message;
      });
      worker.once("exit", (code) => {
        if (this.worker === worker) {
          this.worker = undefined;
          this.ready = false;
        }
        const reason = lastError || `exit code ${code}`;
        reject(new Error(`the usage writer thread could not start: ${reason}`));
        if (this.started && !this.stopping) this.died(reason);
      });
    });
  }

  private died(reason: string): void {
    this.events?.died(reason);
    const delay = Math.min(30_000, this.deaths === 0 ? 0 : 100 * 2 ** this.deaths);
    this.deaths++;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stopping) return;
      this.spawn().then(
        () => this.events?.restarted(),
        () => {}, // its exit already scheduled the next attempt
      );
    }, delay);
    this.restartTimer.unref();
  }

  private send(message: ToWriter): void {
    this.worker?.postMessage(message);
  }
}

/**
 * The compiled worker next to this module. Under Vitest this module runs from src/ as TypeScript, which
 * a worker thread cannot load; it then uses the build in dist/ (npm test builds first, as the tests
 * that spawn the CLI do).
 */
function builtWorkerUrl(): URL {
  const here = fileURLToPath(import.meta.url);
  const sibling = here.replace(/[^/\\]+$/, "usage-writer-worker.js");
  if (existsSync(sibling)) return pathToFileURL(sibling);
  const at = here.lastIndexOf("/src/");
  const built = `${here.slice(0, at)}/dist/${here.slice(at + 5)}`.replace(/\.ts$/, ".js");
  return pathToFileURL(built.replace(/[^/\\]+$/, "usage-writer-worker.js"));
}
