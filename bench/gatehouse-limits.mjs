// `--limits memory|redis`: Gatehouse measured with admission doing real work on every request — the
// bench model priced, a rate limit on the bench key (rpm, tpm and concurrency) and a monthly tenant
// budget, all far too high to refuse anything — with the counters and holds in memory (the embedded
// default) or in Redis (REDIS_URL). Set up as an operator would: `gatehouse login` as the first-run
// admin, then the CLI's remote commands (docs/limits.md, docs/budgets.md, docs/pricing.md).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Redis } from "ioredis";

/** The Redis a `--limits redis` run uses. */
export const benchRedisUrl = (env = process.env) => env.REDIS_URL ?? "redis://127.0.0.1:6379";

// Far above anything two cores can send (and within the API's bounds: at most 1e12 per value).
const LIMIT = ["--rpm", "1000000000", "--tpm", "1000000000000", "--concurrency", "1000000"];
const BUDGET_USD = "1000000";

/**
 * The CLI argument lists that switch limits and budgets on, in order (after `gatehouse login`).
 *
 * @example
 * limitCommands("key_abc")[1]; // ["limits", "set", "--scope", "key", "--id", "key_abc", "--rpm", ...]
 */
export function limitCommands(keyId) {
  return [
    ["prices", "set", "bench-model", "--input", "1", "--output", "2"],
    ["limits", "set", "--scope", "key", "--id", keyId, ...LIMIT, "--json"],
    ["budgets", "set", "--scope", "tenant", "--period", "monthly", "--usd", BUDGET_USD, "--json"],
  ];
}

/** The first-run admin password `gatehouse start` printed once (into its log file). */
export function firstRunPassword(logText) {
  const match = /Password:\s+(\S+)/.exec(logText);
  if (!match) throw new Error("gatehouse printed no first-run password (is the data dir fresh?)");
  return match[1];
}

/**
 * Signs in as the admin and switches limits and budgets on; then checks on one request that both are
 * really applied (rate-limit headers, spend counted on the budget), so a run cannot pass a bare path off
 * as "limits on". Returns the ids whose Redis keys `forgetRedisKeys` deletes afterwards (with the
 * deployments' ids, which name the breaker keys).
 */
export async function enableLimits({ cli, origin, logFile, workDir, keyId, key, model }) {
  const env = {
    ...process.env,
    GATEHOUSE_CONFIG_DIR: join(workDir, "gatehouse-cli"),
    GATEHOUSE_PROFILE: "",
    GATEHOUSE_URL: "",
  };
  const gh = (args, input) =>
    execFileSync(process.execPath, [cli, ...args], { env, input, encoding: "utf8", timeout: 60_000 });
  const password = firstRunPassword(readFileSync(logFile, "utf8"));
  gh(["login", "--url", origin, "--email", "admin@localhost", "--password-stdin"], password);
  const [, limit, budget] = limitCommands(keyId).map((args) => gh(args));
  const limitId = JSON.parse(limit).id;
  const budgetId = JSON.parse(budget).id;
  const res = await fetch(`${origin}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "limits probe" }] }),
  });
  await res.arrayBuffer();
  if (res.status !== 200 || !res.headers.get("x-ratelimit-limit-requests"))
    throw new Error(`limits probe: ${res.status}, rate-limit headers missing`);
  await untilSpendCounted(() => JSON.parse(gh(["budgets", "list", "--json"])), budgetId);
  const userId = JSON.parse(gh(["whoami", "--json"])).user.id;
  return { ids: [limitId, budgetId, keyId, userId] };
}

async function untilSpendCounted(list, budgetId) {
  for (let i = 0; i < 50; i++) {
    const b = list().find((x) => x.id === budgetId);
    if (b && b.current.spent > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("limits probe: the budget counted no spend");
}

/**
 * Deletes the `gatehouse:*` keys a `--limits redis` run left (rate-limit windows, budget counters), found
 * by the ids they are named after: the server has no key prefix setting, and the Redis may be shared.
 * A budget hold still open (a request cut at the stop) is named by its request id: it is found by the
 * budget id in its value, and taken out of the expiry index too.
 */
export async function forgetRedisKeys(redisUrl, ids) {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const names = (text) => ids.some((id) => text.includes(id));
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", "gatehouse:*", "COUNT", 1000);
      const holds = keys.filter((k) => k.startsWith(HOLD));
      const values = holds.length > 0 ? await redis.mget(...holds) : [];
      const openHolds = holds.filter((_, i) => values[i] !== null && names(values[i]));
      const ours = [...keys.filter(names), ...openHolds];
      if (ours.length > 0) await redis.unlink(...ours);
      if (openHolds.length > 0) await redis.zrem(EXPIRING, ...openHolds.map((k) => k.slice(HOLD.length)));
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

// RedisBudgetLedger's default key names (apps/server/src/budgets/redis-budget-ledger.ts).
const HOLD = "gatehouse:budget:r:";
const EXPIRING = "gatehouse:budget:expiring";
