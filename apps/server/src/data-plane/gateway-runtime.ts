import type { Logger } from "pino";
import type { Dispatcher } from "undici";
import type { KeyResolver } from "../auth/key-resolver.js";
import type { CaptureWriter } from "../capture/capture-writer.js";
import type { ImageFetcher } from "../media/create-image-fetcher.js";
import type { MonthlyTokenVolume } from "../metering/monthly-token-volume.js";
import type { PriceCatalog } from "../metering/pricing/price-catalog.js";
import type { TokenCounter } from "../metering/token-counter.js";
import type { UnpricedWarnings } from "../metering/unpriced-warnings.js";
import type { UsageRecorder } from "../metering/usage-recorder.js";
import type { GatewayMetrics } from "../metrics/gateway-metrics.js";
import type { Balancer } from "../resilience/balancer.js";
import type { CircuitBreakers } from "../resilience/circuit-breakers.js";
import type { RetryBudget } from "../resilience/retry-budget.js";
import type { RetryPolicy } from "../resilience/retry-decision.js";
import type { Candidate, ModelCatalog, Route } from "../routing/model-catalog.js";
import type { Store } from "../store/store.js";
import type { AdmissionControl } from "./pipeline/admission.js";
import type { ResponseArchive } from "./responses/response-archive.js";
import type { SocketLimits } from "./responses/websocket/socket-limits.js";

/**
 * The server-wide upstream timeouts, in milliseconds: the lowest layer under the per-provider, per-model
 * and per-request ones (resolveTimeouts).
 */
export interface Timeouts {
  connectMs: number;
  /** Until the upstream's response headers arrive. */
  firstByteMs: number;
  /** Between two chunks of a streamed body. */
  idleMs: number;
  /** The whole request, attempts and streamed answer included. */
  totalMs: number;
}

/**
 * Everything a data-plane request needs, built once by createApp and passed to the routes: no module
 * state. `catalog` is replaced wholesale when the configuration revision moves.
 */
/** Whether a tenant may be served by a route's model (see GatewayRuntime.modelPolicy). */
export type ModelPolicy = (tenantId: string, route: Route) => boolean;

export interface GatewayRuntime {
  store: Store;
  logger: Logger;
  /** Writes the one line per request (see requestLineLogger). */
  requestLog: Logger;
  now: () => number;
  random: () => number;
  newId: () => string;
  keys: KeyResolver;
  /** Notes each key's use; written in batches off the hot path. */
  keyUsage: { touch(keyId: string): void };
  catalog: ModelCatalog;
  /** The shipped price catalog (prices by upstream model name, versioned by date). */
  prices: PriceCatalog;
  /** Tokens per tenant and model this month, for volume-tiered prices. */
  monthlyVolume: MonthlyTokenVolume;
  /** Counts prompt tokens (in a worker thread) for records whose upstream reported no usage. */
  tokens: TokenCounter;
  /** Which unpriced models were already reported (one warning per tenant and model). */
  unpricedWarnings: UnpricedWarnings;
  usage: UsageRecorder;
  upstream: Dispatcher;
  /** Fetches client image URLs for upstreams that need bytes, behind the SSRF guard. */
  imageFetcher: ImageFetcher;
  timeouts: Timeouts;
  /** Per-deployment circuit breakers (shared across instances when Redis is configured). */
  breakers: CircuitBreakers;
  /** Picks a deployment within a priority group. */
  balancer: Balancer<Candidate>;
  /** Bounds retries and fallbacks to a share of first attempts. */
  retryBudget: RetryBudget;
  retryPolicy: RetryPolicy;
  /** The `admit` step: rate limits, concurrency and budget reservations (admits everything by default). */
  admission: AdmissionControl;
  /** Counts each finished request (Prometheus when GATEHOUSE_METRICS is on; does nothing otherwise). */
  metrics: GatewayMetrics;
  /**
   * Whether a tenant may be served by a model (its plan's models): fallback models that fail it are
   * skipped, so a fallback never reaches a model the admit step would have refused. Unset: every model.
   */
  modelPolicy?: ModelPolicy;
  /** Stores prompt captures after the answer (tenants that turned capture on); unset: none stored. */
  captures?: CaptureWriter;
  /**
   * Stored Responses API answers (`previous_response_id`, GET/DELETE /v1/responses/{id}, ...); unset:
   * nothing is stored and those routes do not exist.
   */
  responses?: ResponseArchive;
  /** The largest request body read, in bytes (larger → 413 before it is buffered). */
  bodyLimit: number;
  /** Limits of the Responses API's WebSocket mode; unset: the defaults and `bodyLimit`. */
  socketLimits?: SocketLimits;
}
