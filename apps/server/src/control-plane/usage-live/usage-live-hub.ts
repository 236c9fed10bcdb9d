import { GatewayError } from "@gatehouse/protocol";
import type { Logger } from "pino";
import { bucketStart } from "../../store/usage/rollup-layout.js";
import type { UsageTopRow } from "../../store/usage/usage-report-types.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Reads a tenant's usage per workspace over a range (the coarse hourly rollups: a handful of rows). */
export type WorkspaceUsageReader = (tenantId: string, from: number, to: number) => Promise<UsageTopRow[]>;

/** How the hub is built; the defaults suit production. */
export interface UsageLiveHubOptions {
  read: WorkspaceUsageReader;
  logger: Logger;
  now?: () => number;
  /** How often a watched tenant's rollups are read (and so the most often a stream says "changed"). */
  pollMs?: number;
  /** How often an idle stream gets a comment, so proxies and browsers keep it open. */
  heartbeatMs?: number;
  /** Streams one tenant may hold open on this instance; one more answers 429. */
  maxPerTenant?: number;
}

/** One open stream: what it may see, and whether there is news for it. */
interface Subscriber {
  workspaces: "all" | ReadonlySet<string>;
  changedAt: number | undefined;
  ended: boolean;
  wake: (() => void) | undefined;
}

/** A tenant with open streams: its subscribers, its poll timer and the last fingerprint per workspace. */
interface Watched {
  subscribers: Set<Subscriber>;
  timer: NodeJS.Timeout;
  last: Map<string, string> | undefined;
  polling: boolean;
}

/**
 * Live usage for the Activity page: a stream per browser tab that says "new usage landed" so the page
 * re-reads its charts. Usage lands through the recorders (group commit, or the spool's writer thread),
 * possibly on another instance, so rather than hooking every writer the hub polls what they all write:
 * the coarse hourly rollups of the last 24 hours, per workspace, once per `pollMs` per tenant that has an
 * open stream (one small indexed read, however many streams) — and tells each stream whose workspaces
 * changed. Nothing is polled for a tenant without streams.
 *
 * @example
 * const hub = new UsageLiveHub({ read, logger });
 * const body = hub.open(tenantId, "all", 300_000); // AsyncIterable<string> of SSE text
 */
export class UsageLiveHub {
  private readonly tenants = new Map<string, Watched>();
  private readonly now: () => number;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private readonly maxPerTenant: number;
  private closed = false;

  constructor(private readonly o: UsageLiveHubOptions) {
    this.now = o.now ?? Date.now;
    this.pollMs = o.pollMs ?? 2_000;
    this.heartbeatMs = o.heartbeatMs ?? 15_000;
    this.maxPerTenant = o.maxPerTenant ?? 20;
  }

  /** Streams open now, for one tenant or in all. */
  count(tenantId?: string): number {
    if (tenantId !== undefined) return this.tenants.get(tenantId)?.subscribers.size ?? 0;
    let n = 0;
    for (const t of this.tenants.values()) n += t.subscribers.size;
    return n;
  }

  /**
   * Opens a stream of server-sent-event text for a tenant, seeing changes in `workspaces`, that ends by
   * itself after `maxMs`. Throws `rate_limited` (429) when the tenant holds `maxPerTenant` streams, and
   * `service_unavailable` once the hub is closed (shutting down).
   */
  open(tenantId: string, workspaces: "all" | readonly string[], maxMs: number): AsyncIterable<string> {
    if (this.closed) throw new GatewayError("service_unavailable", "The server is shutting down.");
    const watched = this.watch(tenantId);
    if (watched.subscribers.size >= this.maxPerTenant) {
      this.unwatchIfIdle(tenantId);
      throw new GatewayError(
        "rate_limited",
        `At most ${this.maxPerTenant} live streams per tenant; close another tab or retry later.`,
      );
    }
    const sub: Subscriber = {
      workspaces: workspaces === "all" ? "all" : new Set(workspaces),
      changedAt: undefined,
      ended: false,
      wake: undefined,
    };
    watched.subscribers.add(sub);
    const end = () => {
      if (sub.ended) return;
      sub.ended = true;
      sub.wake?.();
      watched.subscribers.delete(sub);
      this.unwatchIfIdle(tenantId);
    };
    const deadline = setTimeout(end, maxMs);
    deadline.unref();
    let greeted = false;
    const next = async (): Promise<IteratorResult<string>> => {
      if (!greeted) {
        greeted = true;
        // `retry` tells EventSource-like readers how soon to reconnect after the stream ends.
        return { done: false, value: `retry: 3000\nevent: ready\ndata: {}\n\n` };
      }
      const text = await this.nextText(sub);
      if (text === undefined) {
        clearTimeout(deadline);
        return { done: true, value: undefined };
      }
      return { done: false, value: text };
    };
    // A hand-written iterator, not a generator: `return` (the client went away) must end the stream at
    // once, while a generator would wait for its pending `await` (up to a heartbeat) first.
    return {
      [Symbol.asyncIterator]: () => ({
        next,
        return: async () => {
          clearTimeout(deadline);
          end();
          return { done: true, value: undefined };
        },
      }),
    };
  }

  /** Ends every stream and stops polling (shutdown: open streams would otherwise hold the server). */
  close(): void {
    this.closed = true;
    for (const [tenantId, watched] of this.tenants) {
      for (const sub of watched.subscribers) {
        sub.ended = true;
        sub.wake?.();
      }
      watched.subscribers.clear();
      this.unwatchIfIdle(tenantId);
    }
  }

  /** The next text for a stream: news, else a heartbeat after `heartbeatMs`; undefined once it ended. */
  private nextText(sub: Subscriber): Promise<string | undefined> {
    if (sub.ended) return Promise.resolve(undefined);
    if (sub.changedAt !== undefined) {
      const at = sub.changedAt;
      sub.changedAt = undefined;
      return Promise.resolve(`event: usage\ndata: {"at":${at}}\n\n`);
    }
    return new Promise((resolve) => {
      const ping = setTimeout(() => {
        sub.wake = undefined;
        resolve(": ping\n\n");
      }, this.heartbeatMs);
      sub.wake = () => {
        clearTimeout(ping);
        sub.wake = undefined;
        resolve(this.nextText(sub));
      };
    });
  }

  private watch(tenantId: string): Watched {
    let watched = this.tenants.get(tenantId);
    if (watched !== undefined) return watched;
    const timer = setInterval(() => void this.poll(tenantId), this.pollMs);
    timer.unref();
    watched = { subscribers: new Set(), timer, last: undefined, polling: false };
    this.tenants.set(tenantId, watched);
    // The baseline at once: usage landing from now on is news.
    void this.poll(tenantId);
    return watched;
  }

  private unwatchIfIdle(tenantId: string): void {
    const watched = this.tenants.get(tenantId);
    if (watched === undefined || watched.subscribers.size > 0) return;
    clearInterval(watched.timer);
    this.tenants.delete(tenantId);
  }

  /** Reads the tenant's last 24 hours per workspace and tells the streams that see a changed one. */
  private async poll(tenantId: string): Promise<void> {
    const watched = this.tenants.get(tenantId);
    if (watched === undefined || watched.polling) return;
    watched.polling = true;
    try {
      const now = this.now();
      const rows = await this.o.read(
        tenantId,
        bucketStart(now - DAY, "hour"),
        bucketStart(now, "hour") + HOUR,
      );
      const current = new Map(rows.map((r) => [r.group ?? "", fingerprint(r)]));
      const before = watched.last;
      watched.last = current;
      if (before === undefined) return;
      const changed = new Set<string>();
      for (const [ws, print] of current) if (before.get(ws) !== print) changed.add(ws);
      // A workspace that left the window (its hour slid out) changed too: its charts move.
      for (const ws of before.keys()) if (!current.has(ws)) changed.add(ws);
      if (changed.size === 0) return;
      for (const sub of watched.subscribers) {
        if (sub.workspaces !== "all" && ![...changed].some((ws) => (sub.workspaces as Set<string>).has(ws))) {
          continue;
        }
        sub.changedAt = now;
        sub.wake?.();
      }
    } catch (err) {
      this.o.logger.warn({ err, tenantId }, "live usage poll failed; retrying");
    } finally {
      watched.polling = false;
    }
  }
}

function fingerprint(r: UsageTopRow): string {
  return `${r.requests}/${r.errors}/${r.costNano}/${r.inputTokens + r.outputTokens}`;
}
