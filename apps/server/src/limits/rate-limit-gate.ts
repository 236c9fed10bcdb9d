import type { IrUsage } from "@gatehouse/protocol";
import { GatewayError } from "@gatehouse/protocol";
import type { Logger } from "pino";
import type { Principal } from "../domain/principal.js";
import type { RateLimitRule } from "../store/rate-limits/rate-limit-types.js";
import { countersOf } from "./counters-of.js";
import type { RateLimitBook } from "./rate-limit-book.js";
import { rateLimitHeaders } from "./rate-limit-headers.js";
import type { CounterSpec, RateDecision, RateLimiter } from "./rate-limiter.js";

/** What the gate reads of a request (a subset of the pipeline's RequestScope). */
export interface LimitedRequest {
  readonly id: string;
  readonly surface: "openai" | "anthropic" | "gemini" | "responses";
  readonly principal: Pick<Principal, "id" | "tenantId" | "workspaceId" | "userId">;
  readonly requestedModel: string | undefined;
  readonly estimate: { promptTokens: number; maxOutputTokens: number | undefined };
}

/** What a limited request holds until the meter step settles it (an Admission of the pipeline). */
export interface LimitAdmission {
  readonly headers?: Readonly<Record<string, string>>;
  settle(settlement: { usage: IrUsage | undefined }): void;
}

/** One decision of the gate, for metrics (the metrics helper counts them by outcome and kind). */
export interface LimitDecisionEvent {
  readonly tenantId: string;
  readonly allowed: boolean;
  /** The kinds of the counters that refused (empty when allowed). */
  readonly refusedKinds: readonly ("requests" | "tokens" | "concurrent")[];
  /** How long the check took, including the Redis round trip (ms, fractional: a monotonic clock). */
  readonly durationMs: number;
  /** True when the limiter failed and the request was let through (fail open). */
  readonly failedOpen: boolean;
}

export interface RateLimitGateOptions {
  limiter: RateLimiter;
  book: Pick<RateLimitBook, "applicable">;
  /** Limits that are not stored as rate limits but apply too (the tenant's plan: billing/plan-limits.ts). */
  planRules?: (principal: LimitedRequest["principal"]) => readonly RateLimitRule[];
  now: () => number;
  logger: Pick<Logger, "warn">;
  /** Output tokens reserved at most per request (4096 by default): settle counts what was really used. */
  outputReserveCap?: number;
  onDecision?: (event: LimitDecisionEvent) => void;
}

const NOTHING: LimitAdmission = Object.freeze({ settle() {} });
const DEFAULT_OUTPUT_RESERVE_CAP = 4096;
/** Output tokens reserved for a request that sets no cap (max_tokens): settle corrects it to the real use. */
const UNCAPPED_OUTPUT_RESERVE = 1024;
/** At most one "limiter unavailable" warning per this many ms (a Redis outage must not flood the log). */
const WARN_EVERY_MS = 10_000;

/**
 * The `admit` step's rate-limit gate: finds every limit the request falls under (in memory), checks them
 * all in one limiter call (all-or-nothing), and refuses with `rate_limited` (429, `retry-after`, the
 * surface's rate-limit headers) or admits with those headers on the answer. Tokens per minute reserve
 * the prompt estimate plus the output cap (`max_tokens`, 1024 when unset, at most `outputReserveCap`;
 * never more than the limit, so a large request is admitted on an idle window) and settle to the tokens
 * used; concurrency slots are released at settle. A request refused by a later gate is settled with
 * nothing used: it keeps its place in the requests window (it was a request) and frees the rest. A limiter failure (Redis away) lets the request through and is logged: limits
 * degrade, the gateway does not go down with its Redis.
 *
 * @example
 * const admission = composeAdmission([createRateLimitGate({ limiter, book, now, logger })]);
 */
export function createRateLimitGate(options: RateLimitGateOptions): {
  admit(request: LimitedRequest): LimitAdmission | Promise<LimitAdmission>;
} {
  const cap = options.outputReserveCap ?? DEFAULT_OUTPUT_RESERVE_CAP;
  let warnedAt = Number.NEGATIVE_INFINITY;
  const o: RateLimitGateOptions = {
    ...options,
    logger: {
      warn: (obj: object, msg: string) => {
        const t = options.now();
        if (t - warnedAt < WARN_EVERY_MS) return;
        warnedAt = t;
        options.logger.warn(obj, msg);
      },
    } as Pick<Logger, "warn">,
  };
  return {
    admit(request) {
      const rules = applicableRules(options, request);
      if (rules.length === 0) return NOTHING;
      const output = request.estimate.maxOutputTokens ?? Math.min(UNCAPPED_OUTPUT_RESERVE, cap);
      const reserve = request.estimate.promptTokens + Math.min(output, cap);
      return check(o, request, countersOf(rules, request.principal.tenantId, reserve));
    },
  };
}

function applicableRules(o: RateLimitGateOptions, request: LimitedRequest): readonly RateLimitRule[] {
  const stored = o.book.applicable(request.principal, request.requestedModel);
  const plan = o.planRules?.(request.principal);
  return plan === undefined || plan.length === 0 ? stored : [...stored, ...plan];
}

async function check(
  o: RateLimitGateOptions,
  request: LimitedRequest,
  counters: CounterSpec[],
): Promise<LimitAdmission> {
  const started = o.now();
  const clock = performance.now();
  let decision: RateDecision;
  try {
    decision = await o.limiter.acquire({ leaseId: request.id, counters, now: started });
  } catch (err) {
    o.logger.warn({ err, reqId: request.id }, "rate limiter unavailable; request admitted unchecked");
    report(o, request, clock, { allowed: true, refusedKinds: [], failedOpen: true });
    return NOTHING;
  }
  const refusedKinds = counters.filter((c) => decision.refusedBy.includes(c.key)).map((c) => c.kind);
  report(o, request, clock, { allowed: decision.allowed, refusedKinds, failedOpen: false });
  const headers = rateLimitHeaders(request.surface, decision.counters, started);
  if (!decision.allowed) {
    const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    throw new GatewayError("rate_limited", refusalMessage(refusedKinds), { retryAfterSeconds, headers });
  }
  let settled = false;
  return {
    headers,
    settle({ usage }) {
      if (settled) return;
      settled = true;
      const actual = usage === undefined ? 0 : usage.inputTokens + usage.outputTokens;
      const tokens = counters.filter((c) => c.kind === "tokens").map((c) => ({ key: c.key, actual }));
      const concurrent = counters.filter((c) => c.kind === "concurrent").map((c) => c.key);
      o.limiter
        .settle({ leaseId: request.id, tokens, concurrent, now: o.now() })
        .catch((err) => o.logger.warn({ err, reqId: request.id }, "rate limiter settle failed"));
    },
  };
}

function report(
  o: RateLimitGateOptions,
  request: LimitedRequest,
  startedAt: number,
  d: Pick<LimitDecisionEvent, "allowed" | "refusedKinds" | "failedOpen">,
): void {
  o.onDecision?.({ tenantId: request.principal.tenantId, durationMs: performance.now() - startedAt, ...d });
}

function refusalMessage(kinds: readonly string[]): string {
  if (kinds.includes("concurrent")) return "Rate limit reached: too many concurrent requests.";
  if (kinds.includes("tokens")) return "Rate limit reached: tokens per minute.";
  return "Rate limit reached: requests per minute.";
}
