import fc from "fast-check";
import type { PendingUsage, UsageFinal } from "../../../store/store-types.js";

const text = fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 });
const anyText = fc.string({ unit: "grapheme", maxLength: 12 });
/** JSON values as JSON text carries them (as packages/protocol/src/testing/json-value-arb.ts: no -0). */
const jsonValue = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const num = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => n + 0),
);

/** Any valid pending record, ids and names with any Unicode (newlines included). */
export const pendingUsageArb: fc.Arbitrary<PendingUsage> = fc.record({
  id: text,
  tenantId: text,
  workspaceId: text,
  apiKeyId: text,
  userId: fc.option(text, { nil: null }),
  model: anyText,
  providerId: fc.option(anyText, { nil: null }),
  deploymentId: fc.option(anyText, { nil: null }),
  upstreamModel: fc.option(anyText, { nil: null }),
  surface: anyText,
  stream: fc.boolean(),
  startedAt: num,
});

/** Any valid final record; attempts are any JSON values. */
export const usageFinalArb: fc.Arbitrary<UsageFinal> = fc.record({
  id: text,
  status: fc.constantFrom("success" as const, "error" as const, "interrupted" as const),
  httpStatus: fc.option(fc.integer({ min: 100, max: 599 }), { nil: null }),
  errorCode: fc.option(anyText, { nil: null }),
  inputTokens: fc.nat(),
  outputTokens: fc.nat(),
  cacheReadTokens: fc.nat(),
  cacheWriteTokens: fc.nat(),
  reasoningTokens: fc.nat(),
  usageEstimated: fc.boolean(),
  costNano: fc.maxSafeNat(),
  finishedAt: num,
  ttfbMs: fc.option(fc.nat(), { nil: null }),
  attempts: fc.array(jsonValue, { maxLength: 3 }),
  cacheWrite1hTokens: fc.nat(),
  imageTokens: fc.nat(),
  audioTokens: fc.nat(),
  priceVersion: fc.option(anyText, { nil: null }),
  unpriced: fc.boolean(),
  streamOutcome: fc.constantFrom("completed" as const, "client_closed" as const, "cut" as const, null),
  latencyMs: fc.option(fc.nat(), { nil: null }),
});

/** A spool's worth of records in append order. */
export const spoolEntriesArb = fc.array(
  fc.oneof(
    pendingUsageArb.map((record) => ({ kind: "p" as const, record })),
    usageFinalArb.map((record) => ({ kind: "f" as const, record })),
  ),
  { maxLength: 20 },
);
