// Synthetic usage records for bench/usage-storage.mjs: a seeded generator (same data every run) of
// finalized records over 90 days, shaped like a multi-tenant installation — one big tenant with 40% of
// the traffic, 49 smaller ones, 3 workspaces, 20 keys, 10 users, 8 models and 3 providers each.

export const TENANTS = 50;
export const BIG_TENANT = "ten_bench_00";
export const MODELS = [
  "gpt-4o",
  "gpt-4o-mini",
  "o3",
  "claude-sonnet",
  "claude-haiku",
  "gemini-pro",
  "gemini-flash",
  "llama",
];
const DAY = 86_400_000;

/** Mulberry32: a tiny seeded PRNG (https://stackoverflow.com/a/47593316). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The columns of a bulk row, in usage_records order for the bench's inserts. */
export const COLUMNS = [
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
];

/**
 * `count` records ending at `end`, oldest first (as a live gateway writes them), as arrays in COLUMNS
 * order, yielded in chunks of `chunk`.
 */
export function* usageRows(count, end, chunk, seed = 42) {
  const rand = prng(seed);
  const pick = (n) => Math.floor(rand() * n);
  const start = end - 90 * DAY;
  const step = (end - start) / count;
  let rows = [];
  for (let i = 0; i < count; i++) {
    const tenant = rand() < 0.4 ? 0 : 1 + pick(TENANTS - 1);
    const t = `ten_bench_${String(tenant).padStart(2, "0")}`;
    const startedAt = Math.floor(start + i * step);
    const model = MODELS[pick(MODELS.length)];
    const r = rand();
    const status = r < 0.95 ? "success" : r < 0.99 ? "error" : "interrupted";
    const http = status === "success" ? 200 : status === "error" ? (rand() < 0.5 ? 429 : 502) : null;
    const input = 50 + pick(4000);
    const output = status === "success" ? 10 + pick(1500) : 0;
    const latency = Math.floor(80 + Math.exp(rand() * 9));
    rows.push([
      `req_${i.toString(36).padStart(8, "0")}_${seed}`,
      t,
      `ws_${tenant}_${pick(3)}`,
      `key_${tenant}_${pick(20)}`,
      rand() < 0.2 ? null : `usr_${tenant}_${pick(10)}`,
      model,
      `prv_${pick(3)}`,
      `dep_${pick(6)}`,
      `${model}-2026`,
      "openai.chat",
      rand() < 0.6 ? 1 : 0,
      startedAt,
      status,
      http,
      status === "error" ? "upstream_error" : null,
      input,
      output,
      pick(4) === 0 ? pick(input) : 0,
      0,
      model === "o3" ? pick(800) : 0,
      0,
      input * 2_500 + output * 10_000,
      startedAt + latency,
      Math.floor(latency / 3),
      '[{"provider":"prv","status":200}]',
      latency,
      "2026-11-01",
    ]);
    if (rows.length === chunk) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}
