import type { Redis } from "ioredis";
import type {
  CounterKey,
  CounterState,
  ReservationLedger,
  ReservationRequest,
  ReserveResult,
} from "../domain/budget.js";
import type { SqlBudgetLedger } from "../store/budgets/sql-budget-ledger.js";
import { RESERVE_LUA, SEED_LUA, SETTLE_LUA } from "./ledger-scripts.js";
import { SpendPersister } from "./spend-persister.js";

/** A period's counter is kept this long after it was seeded (longer than any period but `total`, which never expires; the database keeps the spend). */
const COUNTER_TTL_MS = 40 * 86_400_000;

export interface RedisBudgetLedgerOptions {
  redis: Redis;
  /** The database's durable spend: read to seed a counter Redis does not hold, written asynchronously. */
  durable: Pick<SqlBudgetLedger, "read" | "addSpent">;
  prefix?: string;
  onError?: (err: unknown) => void;
  /** How often settled spend is written to the database, ms (1 s by default). */
  persistIntervalMs?: number;
}

interface StoredLine {
  key: string;
  amount: string;
  budgetId: string;
  periodStart: number;
  tenantId: string;
}

type Commands = {
  gatehouseBudgetReserve(...args: (string | number)[]): Promise<number[]>;
  gatehouseBudgetSettle(...args: (string | number)[]): Promise<string[] | null>;
  gatehouseBudgetSeed(...args: (string | number)[]): Promise<number>;
};

/**
 * The reservation ledger on Redis: one Lua call reserves against every budget a request touches, all or
 * nothing; one settles. Redis is the source of truth for holds and current spend; settled spend is also
 * written to the database asynchronously ({@link SpendPersister}), and a counter Redis does not hold
 * (first use, or after a Redis restart) is seeded from the database before the first reservation on it.
 *
 * @example
 * const ledger = new RedisBudgetLedger({ redis, durable: store.budgetLedger });
 */
export class RedisBudgetLedger implements ReservationLedger {
  private readonly redis: Redis & Commands;
  private readonly prefix: string;
  private readonly persister: SpendPersister;

  constructor(private readonly options: RedisBudgetLedgerOptions) {
    this.prefix = options.prefix ?? "gatehouse:budget:";
    const redis = options.redis;
    redis.defineCommand("gatehouseBudgetReserve", { lua: RESERVE_LUA });
    redis.defineCommand("gatehouseBudgetSettle", { numberOfKeys: 2, lua: SETTLE_LUA });
    redis.defineCommand("gatehouseBudgetSeed", { lua: SEED_LUA });
    this.redis = redis as Redis & Commands;
    this.persister = new SpendPersister(
      (d) => options.durable.addSpent(d),
      options.onError ?? (() => {}),
      options.persistIntervalMs,
    );
  }

  async reserve(request: ReservationRequest): Promise<ReserveResult> {
    const keys = request.lines.map((l) => this.counterKey(l));
    const stored: StoredLine[] = request.lines.map((l, i) => ({
      key: keys[i]!,
      amount: String(l.amount),
      budgetId: l.budgetId,
      periodStart: l.periodStart,
      tenantId: l.tenantId,
    }));
    const args: (string | number)[] = [keys.length + 2, ...keys, this.reservationKey(request.id)];
    args.push(this.expiryKey(), request.id, request.expiresAt, JSON.stringify(stored));
    for (const l of request.lines) args.push(String(l.amount), String(l.limit));
    for (let attempt = 0; attempt < 3; attempt++) {
      const [code, ...rest] = await this.redis.gatehouseBudgetReserve(...args);
      if (code === 1) return { ok: true };
      if (code === 0) return { ok: false, refused: rest[0]! - 1 };
      if (code === -2) throw new Error(`reservation ${request.id} already exists`);
      await this.seed(rest.map((i) => request.lines[i - 1]!));
    }
    throw new Error("budget counters could not be seeded from the database");
  }

  async settle(id: string, actual: readonly number[]): Promise<CounterState[] | undefined> {
    const answer = await this.redis.gatehouseBudgetSettle(
      this.reservationKey(id),
      this.expiryKey(),
      id,
      ...actual.map((a) => String(a)),
    );
    if (answer === null) return undefined;
    const [json, ...counters] = answer;
    const lines = JSON.parse(json!) as StoredLine[];
    for (const [i, l] of lines.entries()) {
      const amount = actual[i] ?? 0;
      this.persister.add({ tenantId: l.tenantId, budgetId: l.budgetId, periodStart: l.periodStart, amount });
    }
    return lines.map((_, i) => ({ spent: Number(counters[2 * i]), reserved: Number(counters[2 * i + 1]) }));
  }

  async expire(now: number): Promise<number> {
    const due = await this.redis.zrangebyscore(this.expiryKey(), "-inf", now, "LIMIT", 0, 1000);
    let closed = 0;
    for (const id of due) if (await this.settle(id, [])) closed++;
    return closed;
  }

  async read(keys: readonly CounterKey[]): Promise<CounterState[]> {
    const pipeline = this.redis.pipeline();
    for (const k of keys) pipeline.hmget(this.counterKey(k), "k", "s", "r");
    const answers = (await pipeline.exec()) ?? [];
    const unseeded = keys.filter((_, i) => (answers[i]?.[1] as (string | null)[] | undefined)?.[0] == null);
    const durable = await this.options.durable.read(unseeded);
    let next = 0;
    return keys.map((_, i) => {
      const [k, s, r] = (answers[i]?.[1] as (string | null)[] | undefined) ?? [];
      if (k == null) return { spent: durable[next++]?.spent ?? 0, reserved: 0 };
      return { spent: Number(s ?? 0), reserved: Number(r ?? 0) };
    });
  }

  /** Writes the spend settled so far to the database (tests, shutdown). */
  flush(): Promise<void> {
    return this.persister.flush();
  }

  /** Stops the persister after writing what it holds (not the Redis connection: its owner's). */
  close(): Promise<void> {
    return this.persister.close();
  }

  private async seed(lines: readonly CounterKey[]): Promise<void> {
    // Spend settled by this instance but not yet written must not be missing from the seed.
    await this.persister.flush();
    const spent = await this.options.durable.read(lines);
    const args: (string | number)[] = [lines.length, ...lines.map((l) => this.counterKey(l))];
    for (const [i, l] of lines.entries())
      args.push(String(spent[i]?.spent ?? 0), l.periodStart === 0 ? 0 : COUNTER_TTL_MS);
    await this.redis.gatehouseBudgetSeed(...args);
  }

  private counterKey(k: CounterKey): string {
    return `${this.prefix}c:${k.budgetId}:${k.periodStart}`;
  }

  private reservationKey(id: string): string {
    return `${this.prefix}r:${id}`;
  }

  private expiryKey(): string {
    return `${this.prefix}expiring`;
  }
}
