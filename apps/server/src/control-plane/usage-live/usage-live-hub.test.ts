import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { UsageTopRow } from "../../store/usage/usage-report-types.js";
import { UsageLiveHub } from "./usage-live-hub.js";

const row = (workspace: string, requests: number): UsageTopRow => ({
  group: workspace,
  requests,
  errors: 0,
  inputTokens: requests * 10,
  outputTokens: requests * 5,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costNano: requests * 1000,
  latency: new Array<number>(16).fill(0),
});

/** A hub over a table of requests per workspace that the test changes, polled every 20 ms. */
function hubOver(options: { maxPerTenant?: number; heartbeatMs?: number } = {}) {
  const usage = new Map<string, number>();
  let reads = 0;
  const hub = new UsageLiveHub({
    logger: pino({ level: "silent" }),
    pollMs: 20,
    read: async () => {
      reads += 1;
      return [...usage].map(([ws, n]) => row(ws, n));
    },
    ...options,
  });
  return { hub, usage, reads: () => reads };
}

/** Reads a stream's texts in the background. */
function reader(stream: AsyncIterable<string>) {
  const texts: string[] = [];
  const iterator = stream[Symbol.asyncIterator]();
  const done = (async () => {
    for (;;) {
      const r = await iterator.next();
      if (r.done) return;
      texts.push(r.value);
    }
  })();
  return { texts, done, stop: () => iterator.return?.() };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let hubs: UsageLiveHub[] = [];
afterEach(() => {
  for (const h of hubs) h.close();
  hubs = [];
});

describe("UsageLiveHub", () => {
  it("tells a stream about new usage in the workspaces it may read, and only those", async () => {
    const { hub, usage } = hubOver();
    hubs.push(hub);
    usage.set("ws_a", 1);
    const all = reader(hub.open("t1", "all", 60_000));
    const onlyB = reader(hub.open("t1", ["ws_b"], 60_000));
    await sleep(60);
    expect(all.texts).toEqual([expect.stringContaining("event: ready")]);
    usage.set("ws_a", 2);
    await expect.poll(() => all.texts.some((t) => t.startsWith("event: usage"))).toBe(true);
    await sleep(60);
    expect(onlyB.texts.some((t) => t.startsWith("event: usage"))).toBe(false);
    usage.set("ws_b", 1);
    await expect.poll(() => onlyB.texts.some((t) => t.startsWith("event: usage"))).toBe(true);
  });

  it("polls a tenant only while it has streams, sends heartbeats, and ends a stream at maxMs", async () => {
    const { hub, reads } = hubOver({ heartbeatMs: 30 });
    hubs.push(hub);
    const s = reader(hub.open("t1", "all", 150));
    await expect.poll(() => s.texts.includes(": ping\n\n")).toBe(true);
    await s.done;
    expect(hub.count("t1")).toBe(0);
    const after = reads();
    await sleep(80);
    expect(reads()).toBe(after);
  });

  it("refuses a stream beyond the tenant's bound, frees the slot at once when a client leaves, and ends all at close", async () => {
    const { hub } = hubOver({ maxPerTenant: 2 });
    hubs.push(hub);
    const a = reader(hub.open("t1", "all", 60_000));
    const b = reader(hub.open("t1", "all", 60_000));
    expect(() => hub.open("t1", "all", 60_000)).toThrow(/At most 2/);
    // Another tenant has its own bound.
    const other = reader(hub.open("t2", "all", 60_000));
    await sleep(20);
    await a.stop();
    expect(hub.count("t1")).toBe(1);
    const c = reader(hub.open("t1", "all", 60_000));
    hub.close();
    await Promise.all([b.done, c.done, other.done]);
    expect(hub.count()).toBe(0);
    expect(() => hub.open("t1", "all", 60_000)).toThrow(/shutting down/);
  });
});
