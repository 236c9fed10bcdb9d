/**
 * How a data-plane request ended, as metrics count it: plain values (the data plane's types stay in the
 * data plane), taken by the meter step after the answer is finished.
 */
export interface RequestObservation {
  surface: string;
  operation: string;
  /**
   * The catalog's name of the requested model (a wildcard model's pattern, never the client's free
   * text), "other" when it is not in the catalog, "none" for operations without a model.
   */
  model: string;
  /** The HTTP status sent (499 when the client left first). */
  status: number;
  outcome: RequestOutcomeLabel;
  durationMs: number;
  /** Milliseconds to the answer's first byte; undefined when no answer started. */
  ttfbMs: number | undefined;
  tokens: TokenCounts | undefined;
  costNano: number;
  /** Upstream attempts that failed, and a served answer that failed mid-stream. */
  upstreamErrors: readonly UpstreamErrorObservation[];
}

/** How a request ended: answered, refused or failed, left by its client, or cut mid-answer. */
export type RequestOutcomeLabel = "success" | "error" | "client_closed" | "cut";

export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
}

export interface UpstreamErrorObservation {
  /** The configured provider's name. */
  provider: string;
  deployment: string;
  /** The upstream's HTTP status ("429"), "no_answer" (connection error, timeout) or a gateway error code. */
  code: string;
}

/** One decision of a limiter (rate limit, concurrency, budget, credits). */
export interface LimiterDecision {
  /** Which limiter decided: "rpm", "tpm", "concurrency", "budget", "credits", ... (a small fixed set). */
  limiter: string;
  decision: "allowed" | "refused";
}

/**
 * What the gateway reports to metrics. The meter step calls `observeRequest` once per data-plane request
 * after its answer is finished; the limits call `onDecision`. Implementations must be cheap and never
 * throw: they run on every request.
 *
 * @example
 * rt.metrics.onDecision({ limiter: "rpm", decision: "refused" });
 */
export interface GatewayMetrics {
  observeRequest(r: RequestObservation): void;
  onDecision(d: LimiterDecision): void;
}

/** Metrics switched off (GATEHOUSE_METRICS unset): every call does nothing. */
export const NO_METRICS: GatewayMetrics = Object.freeze({
  observeRequest: () => {},
  onDecision: () => {},
});
