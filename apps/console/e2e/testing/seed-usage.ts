import Database from "better-sqlite3";
import {
  latencyBucketSql,
  ROLLUP_GRANULARITIES,
  ROLLUP_TABLES,
  type RollupTable,
  statusClassSql,
} from "../../../server/src/store/usage/rollup-layout.js";

/** The models the seeded requests ask for (a realistic spread, like bench/usage-storage-data.mjs). */
export const SEED_MODELS = [
  "openai/gpt-4o",
  "openai/gpt-4o-mini",
  "openai/o3",
  "openai/gpt-4.1",
  "openai/gpt-4.1-mini",
  "openai/o4-mini",
  "openai/gpt-3.5-turbo",
  "openai/gpt-5",
] as const;

const DAY = 86_400_000;

/** The usage_records columns a seeded row fills (the rest keep their defaults), as the bench loads them. */
const COLUMNS = [
  "id",
  "tenant_id",
  "workspace_id",
  "api_key_id",
  "user_id",
  "model",
  "provider_id",
  "deployment_id",
  "upstream_model",
  "surface",
  "stream",
  "started_at",
  "status",
  "http_status",
  "error_code",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "usage_estimated",
  "cost_nano",
  "finished_at",
  "ttfb_ms",
  "attempts",
  "latency_ms",
  "price_version",
] as const;

export interface SeedOptions {
  /** Path of the gatehouse.db the server migrated (start it once on the data dir first). */
  dbPath: string;
  records: number;
  /** The records end at this time (ms) … */
  end: number;
  /** … and start this many days before it, evenly spread, oldest first (as a gateway writes them). */
  days: number;
  seed?: number;
}

/** Mulberry32: a tiny seeded PRNG, the same data every run (https://stackoverflow.com/a/47593316). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The ids a seeded row points at: the first tenant's real workspace, key, user and provider. */
function realIds(db: Database.Database) {
  const one = <T>(sql: string) => db.prepare(sql).get() as T;
  const tenant = one<{ id: string }>("select id from tenants order by created_at limit 1");
  const q = (sql: string) => db.prepare(sql).get(tenant.id) as { id: string } | undefined;
  return {
    tenantId: tenant.id,
    workspaceId: q("select id from workspaces where tenant_id = ? order by created_at limit 1")!.id,
    apiKeyId: q("select id from api_keys where tenant_id = ? order by created_at limit 1")!.id,
    userId: q("select id from users where tenant_id = ? order by created_at limit 1")?.id ?? null,
    providerId: q("select id from providers where tenant_id = ? order by created_at limit 1")?.id ?? null,
  };
}

/** Rollups from the raw rows with the writers' own SQL expressions (one INSERT … SELECT per table). */
function rollupSql(table: RollupTable, tenantId: string): string {
  const width = ROLLUP_GRANULARITIES[table.granularity];
  const lat = Array.from({ length: 16 }, (_, i) => `sum(case when lat = ${i} then 1 else 0 end)`);
  const latCols = Array.from({ length: 16 }, (_, i) => `lat_${String(i).padStart(2, "0")}`);
  const dims = table.dimensions.map((d) =>
    d === "user_id" || d === "provider_id"
      ? `coalesce(${d}, '')`
      : d === "status_class"
        ? statusClassSql("http_status")
        : d,
  );
  const groups = dims.map((_, i) => i + 3).join(", ");
  return `insert into ${table.name} (tenant_id, bucket_start, ${table.dimensions.join(", ")}, requests, errors,
      input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_nano, ${latCols.join(", ")})
    select tenant_id, started_at - started_at % ${width}, ${dims.join(", ")}, count(*),
      sum(case when status <> 'success' then 1 else 0 end), sum(input_tokens), sum(output_tokens),
      sum(cache_read_tokens), sum(cache_write_tokens), sum(reasoning_tokens), sum(cost_nano), ${lat.join(", ")}
    from (select u.*, ${latencyBucketSql("latency_ms")} as lat from usage_records u where tenant_id = '${tenantId}') r
    group by 1, 2, ${groups}`;
}

/**
 * Loads `records` finalized usage records of the first tenant into a migrated (and stopped) server's
 * SQLite database, with their rollups, in one transaction of prepared inserts — the approach of
 * bench/usage-storage.mjs. The tenant must have no usage yet (its rollups are built, not added to).
 * Answers the tenant id and how long the load took.
 */
export function seedUsage(opts: SeedOptions): { tenantId: string; seconds: number } {
  const started = performance.now();
  const db = new Database(opts.dbPath);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const ids = realIds(db);
  const rand = prng(opts.seed ?? 42);
  const pick = (n: number) => Math.floor(rand() * n);
  const start = opts.end - opts.days * DAY;
  const step = (opts.end - start) / opts.records;
  const insert = db.prepare(
    `insert into usage_records (${COLUMNS.join(", ")}) values (${COLUMNS.map(() => "?").join(", ")})`,
  );
  db.transaction(() => {
    for (let i = 0; i < opts.records; i++) {
      const startedAt = Math.floor(start + i * step);
      const model = SEED_MODELS[pick(SEED_MODELS.length)]!;
      const r = rand();
      const status = r < 0.95 ? "success" : r < 0.99 ? "error" : "interrupted";
      const http = status === "success" ? 200 : status === "error" ? (rand() < 0.5 ? 429 : 502) : null;
      const input = 50 + pick(4000);
      const output = status === "success" ? 10 + pick(1500) : 0;
      const latency = Math.floor(80 + Math.exp(rand() * 9));
      const attempt = {
        model,
        provider: "openai",
        deployment: "dep_seed",
        status: http,
        atMs: 1,
        ms: Math.floor(latency / 3),
      };
      insert.run(
        `seed_${i.toString(36).padStart(8, "0")}`,
        ids.tenantId,
        ids.workspaceId,
        pick(4) === 0 ? ids.apiKeyId : `key_seed_${pick(20)}`,
        rand() < 0.2 ? null : ids.userId,
        model,
        ids.providerId,
        "dep_seed",
        model.slice("openai/".length),
        "openai",
        rand() < 0.6 ? 1 : 0,
        startedAt,
        status,
        http,
        status === "error" ? (http === 429 ? "upstream_rate_limited" : "upstream_error") : null,
        input,
        output,
        pick(4) === 0 ? pick(input) : 0,
        0,
        model.includes("o3") || model.includes("o4") ? pick(800) : 0,
        0,
        input * 2_500 + output * 10_000,
        startedAt + latency,
        Math.floor(latency / 3),
        JSON.stringify([attempt]),
        latency,
        "seed",
      );
    }
    for (const t of ROLLUP_TABLES) db.exec(rollupSql(t, ids.tenantId));
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.exec("analyze");
  db.close();
  return { tenantId: ids.tenantId, seconds: (performance.now() - started) / 1000 };
}
