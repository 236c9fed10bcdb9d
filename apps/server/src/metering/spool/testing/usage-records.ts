import type { PendingUsage, UsageFinal } from "../../../store/store-types.js";

/** A pending record of the test tenant, started at `startedAt`. */
export function pendingRecord(id: string, startedAt = 1_000): PendingUsage {
  return {
    id,
    tenantId: "ten_test",
    workspaceId: "ws_test",
    apiKeyId: "key_test",
    userId: "usr_test",
    model: "gpt-test",
    providerId: "prv_test",
    deploymentId: "dep_test",
    upstreamModel: "gpt-test-upstream",
    surface: "openai",
    stream: false,
    startedAt,
  };
}

/** The successful final of `id`, with token counts derived from `n` so rows differ. */
export function finalRecord(id: string, n = 1): UsageFinal {
  return {
    id,
    status: "success",
    httpStatus: 200,
    errorCode: null,
    inputTokens: 10 * n,
    outputTokens: 20 * n,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    usageEstimated: false,
    costNano: 1_000 * n,
    finishedAt: 2_000,
    ttfbMs: 5,
    attempts: [{ provider: "test", status: 200, ms: 5 }],
    cacheWrite1hTokens: 0,
    imageTokens: 0,
    audioTokens: 0,
    priceVersion: "test-1",
    unpriced: false,
    streamOutcome: null,
    latencyMs: 1_000,
  };
}
