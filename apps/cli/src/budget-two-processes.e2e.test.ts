import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTwoGateways, type TwoGateways } from "./testing/two-gateways.js";

/**
 * DESIGN.md invariant 2 across PROCESSES (issue 11): two real `gatehouse start` processes sharing one
 * PostgreSQL database and one Redis, a $1 tenant budget set with the CLI, 200 requests of exactly $0.01
 * released together, half to each process, three rounds with a fresh budget each; then the same with the
 * SQL ledger (no Redis). At most 100 succeed
 * (exactly 100: the reservation equals the cost), the spend never passes $1, and a refused request never
 * reaches the upstream. apps/server/src/e2e/budgets/concurrent-budget.e2e.test.ts checks the same with
 * two app instances inside one Node process.
 */
const TEST_PG = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const TEST_REDIS = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const CENT = 10_000_000;
const DOLLAR = 100 * CENT;
const MODEL = "openai/gpt-4o-mini";
// $2,000 per million output tokens and nothing for input: the fake's 5-word answer costs 5 × $0.002.
const OUTPUT_USD_PER_MTOK = "2000";
const ANSWER_TOKENS = 5;

/** PostgreSQL and Redis reachable? Required (the test fails) with REQUIRE_SERVICES=1, skipped otherwise. */
async function servicesAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG, connectionTimeoutMillis: 3_000 });
  const redis = new Redis(TEST_REDIS, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  // The connection error (ECONNREFUSED...) says more than the rejection ("Connection is closed").
  let cause: Error | undefined;
  redis.on("error", (err: Error) => {
    cause ??= err;
  });
  try {
    await client.connect();
    await redis.connect().catch((err: Error) => {
      throw new Error(`Redis at ${TEST_REDIS}: ${(cause ?? err).message}`);
    });
    await redis.ping();
    return true;
  } catch (err) {
    if (process.env.REQUIRE_SERVICES === "1")
      throw new Error(`REQUIRE_SERVICES=1 needs PostgreSQL and Redis: ${(err as Error).message}`);
    return false;
  } finally {
    await client.end().catch(() => {});
    redis.disconnect();
  }
}
const hasServices = await servicesAvailable();

interface Answer {
  status: number;
  requestId: string | undefined;
  message: string;
}

async function chat(url: string, key: string, maxTokens: number): Promise<Answer> {
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({
      model: MODEL,
      max_tokens: maxTokens,
      messages: [{ role: "user", content: "hi" }],
    }),
  });
  const text = await res.text();
  const message =
    res.status === 200 ? "" : ((JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text);
  return { status: res.status, requestId: res.headers.get("x-gatehouse-request-id") ?? undefined, message };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a value (bounded), for state that other processes reach asynchronously. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>, tries = 100): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

let fake: FakeServer;
let pair: TwoGateways;
let db: pg.Client;
const budgetIds: string[] = [];

/**
 * Waits until both processes price the model at the tenant's price (a served $0.01 request records exactly
 * $0.01): the second learns of the price from its revision poll, and a probe it served at the catalog's
 * price under a round's budget would take a share of that budget (seen once in CI: 99 served, $0.99 plus
 * 3,150 nano-USD spent).
 */
async function untilBothPrice(): Promise<void> {
  for (const g of pair.gateways) {
    await eventually(`${g.url} to apply the tenant's price`, async () => {
      const served = await chat(g.url, pair.apiKey, ANSWER_TOKENS);
      expect(served.status).toBe(200);
      const cost = await eventually("the probe's usage record", async () => {
        const { rows } = await db.query<{ status: string; cost_nano: string }>(
          "select status, cost_nano from usage_records where id = $1",
          [served.requestId],
        );
        return rows[0] && rows[0].status !== "pending" ? Number(rows[0].cost_nano) : undefined;
      });
      return cost === CENT ? true : undefined;
    });
  }
}

/** Waits until both processes refuse a $2 request with this budget's id: both hold it in memory. */
async function untilBothEnforce(budgetId: string): Promise<void> {
  for (const g of pair.gateways) {
    await eventually(`${g.url} to enforce ${budgetId}`, async () => {
      const probe = await chat(g.url, pair.apiKey, 1000);
      return probe.status === 402 && probe.message.includes(budgetId) ? true : undefined;
    });
  }
}

interface BudgetView {
  id: string;
  current: { spent: number; reserved: number };
}

async function readBudget(id: string): Promise<BudgetView> {
  const list = await pair.gh(["budgets", "list", "--json"]);
  expect(list.stderr).toBe("");
  const budget = (JSON.parse(list.stdout) as BudgetView[]).find((b) => b.id === id);
  if (!budget) throw new Error(`budget ${id} not listed: ${list.stdout}`);
  return budget;
}

/** One round: a fresh $1 budget, 200 requests released together over both processes. */
async function round(period: string) {
  const set = await pair.gh([
    "budgets",
    "set",
    "--scope",
    "tenant",
    "--period",
    period,
    "--usd",
    "1",
    "--json",
  ]);
  expect(set.stderr).toBe("");
  const budgetId = (JSON.parse(set.stdout) as { id: string }).id;
  budgetIds.push(budgetId);
  await untilBothEnforce(budgetId);
  fake.requests.length = 0;
  let release!: () => void;
  const barrier = new Promise<void>((r) => {
    release = r;
  });
  const sent = Array.from({ length: 200 }, (_, i) =>
    barrier.then(() => chat(pair.gateways[i % 2]!.url, pair.apiKey, ANSWER_TOKENS)),
  );
  release();
  const answers = await Promise.all(sent);
  const upstream = fake.requests.length;
  // Settlements run after each answer is sent: wait until none is held.
  const budget = await eventually("every hold settled", async () => {
    const b = await readBudget(budgetId);
    return b.current.reserved === 0 ? b : undefined;
  });
  const served = answers.filter((a) => a.status === 200).map((a) => a.requestId!);
  // The usage records of the served requests, once each process has written their finals.
  const records = await eventually("the usage records", async () => {
    const { rows } = await db.query<{ status: string; cost_nano: string }>(
      "select status, cost_nano from usage_records where id = any($1)",
      [served],
    );
    return rows.length === served.length && rows.every((r) => r.status !== "pending") ? rows : undefined;
  });
  const deleted = await pair.gh(["budgets", "delete", budgetId]);
  expect(deleted.code).toBe(0);
  return { answers, upstream, budget, records };
}

// With REDIS_URL the holds are in Redis (one Lua call); without, in PostgreSQL (a conditional UPDATE), and
// the second process learns of a new budget from its revision poll instead of Redis pub/sub.
const LEDGERS = [
  { ledger: "Redis ledger", redisUrl: TEST_REDIS },
  { ledger: "SQL ledger (PostgreSQL, no Redis)", redisUrl: undefined },
];

describe.skipIf(!hasServices).each(LEDGERS)(
  "a $1 budget, 200 concurrent $0.01 requests on two gatehouse processes, $ledger",
  ({ redisUrl }) => {
    beforeAll(async () => {
      budgetIds.length = 0;
      fake = await startFakeOpenAI({ chunks: ANSWER_TOKENS });
      pair = await startTwoGateways({ adminDatabaseUrl: TEST_PG, redisUrl, upstreamUrl: fake.url });
      db = new pg.Client({ connectionString: pair.databaseUrl });
      await db.connect();
      const priced = await pair.gh(["prices", "set", MODEL, "--input", "0", "--output", OUTPUT_USD_PER_MTOK]);
      expect(priced.stderr).toBe("");
      await untilBothPrice();
    }, 60_000);
    afterAll(async () => {
      await db?.end();
      if (pair) expect(await pair.close(budgetIds)).toEqual([0, 0]);
      await fake?.close();
    }, 60_000);

    it("serves exactly 100 per round, never spends past $1, and refusals never reach the upstream", async () => {
      for (const period of ["daily", "weekly", "monthly"]) {
        const { answers, upstream, budget, records } = await round(period);
        const ok = answers.filter((a) => a.status === 200);
        const refused = answers.filter((a) => a.status === 402);
        expect(answers.filter((a) => a.status !== 200 && a.status !== 402)).toEqual([]);
        expect(
          refused.every((a) => a.message.includes(budget.id)),
          period,
        ).toBe(true);
        // Both processes served and both refused: the race really was between processes.
        for (const g of [0, 1]) {
          expect(answers.filter((a, i) => i % 2 === g && a.status === 200).length).toBeGreaterThan(0);
          expect(answers.filter((a, i) => i % 2 === g && a.status === 402).length).toBeGreaterThan(0);
        }
        expect(ok.length).toBeLessThanOrEqual(100);
        expect(ok.length, period).toBe(100);
        expect(upstream).toBe(ok.length);
        expect(budget.current.spent).toBe(ok.length * CENT);
        expect(budget.current.spent).toBeLessThanOrEqual(DOLLAR);
        expect(records.every((r) => r.status === "success" && Number(r.cost_nano) === CENT)).toBe(true);
      }
    }, 60_000);
  },
);
