// Tells the mock upstream how to answer the next scenario (see mock-upstream.mjs).
import { request } from "undici";
import { DEFAULT_MOCK_CONFIG } from "./mock-upstream.mjs";

/**
 * Resets the mock upstream at `origin` to its defaults plus `overrides`.
 *
 * @example
 * await configureUpstream("http://127.0.0.1:9000", { chunks: 20, intervalMs: 20 });
 */
export async function configureUpstream(origin, overrides = {}) {
  const { statusCode, body } = await request(`${origin}/__bench/config`, {
    method: "PUT",
    body: JSON.stringify({ ...DEFAULT_MOCK_CONFIG, ...overrides }),
  });
  await body.dump();
  if (statusCode !== 200) throw new Error(`mock upstream config answered ${statusCode}`);
}

/**
 * The mock upstream's counters: requests, streams, failed (answers of the failing prefix), cancelled
 * (streams its client left before the end).
 *
 * @example
 * const { failed } = await upstreamStats("http://127.0.0.1:9000");
 */
export async function upstreamStats(origin) {
  const { statusCode, body } = await request(`${origin}/__bench/config`);
  const answer = await body.json();
  if (statusCode !== 200) throw new Error(`mock upstream stats answered ${statusCode}`);
  return answer.stats;
}
