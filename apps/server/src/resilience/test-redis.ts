import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

/** The Redis that tests use unless REDIS_URL names another. */
export const DEFAULT_TEST_REDIS_URL = "redis://127.0.0.1:6379";

/** Whether Redis can be used by this test run, and where; `reason` says why not. */
export type TestRedis = { available: true; url: string } | { available: false; url: string; reason: string };

/**
 * Probes the test Redis (REDIS_URL, else {@link DEFAULT_TEST_REDIS_URL}) once. Unreachable means "skip the
 * Redis tests", unless REQUIRE_SERVICES=1 (CI), where it throws so that the test file fails loudly instead
 * of passing on the memory implementation alone.
 *
 * @example
 * const redis = await findTestRedis();
 * describe.skipIf(!redis.available)("on Redis", () => { ... });
 */
export async function findTestRedis(env: NodeJS.ProcessEnv = process.env): Promise<TestRedis> {
  const url = env.REDIS_URL ?? DEFAULT_TEST_REDIS_URL;
  const client = connectTestRedis(url);
  // The connection error (ECONNREFUSED...) says more than the rejection ("Connection is closed").
  let cause: Error | undefined;
  client.on("error", (err: Error) => {
    cause ??= err;
  });
  try {
    await client.connect();
    await client.ping();
    return { available: true, url };
  } catch (error) {
    const why = (cause ?? (error as Error)).message.replace(/\.$/, "");
    const reason = `Redis at ${redactUrl(url)} is unreachable: ${why}`;
    if (env.REQUIRE_SERVICES === "1") {
      throw new Error(`${reason}. REQUIRE_SERVICES=1 requires it: start Redis or unset REQUIRE_SERVICES.`);
    }
    return { available: false, url, reason };
  } finally {
    client.disconnect();
  }
}

/** A client that fails fast instead of retrying forever, which is what a test wants. */
export function connectTestRedis(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
}

/** A key prefix no other test run shares, so that concurrent runs on one Redis never meet. */
export function uniqueTestPrefix(name: string): string {
  return `gatehouse-test:${name}:${randomBytes(6).toString("hex")}:`;
}

/** Deletes every key under a prefix (SCAN, never KEYS, so a shared Redis is not blocked). */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = "0";
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== "0");
  return deleted;
}

/** The URL without its password, for messages. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable REDIS_URL)";
  }
}
