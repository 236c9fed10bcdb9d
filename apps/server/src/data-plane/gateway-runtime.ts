import type { Logger } from "pino";
import type { Dispatcher } from "undici";
import type { KeyResolver } from "../auth/key-resolver.js";
import type { ImageFetcher } from "../media/create-image-fetcher.js";
import type { UsageRecorder } from "../metering/usage-recorder.js";
import type { Balancer } from "../resilience/balancer.js";
import type { CircuitBreakers } from "../resilience/circuit-breakers.js";
import type { RetryBudget } from "../resilience/retry-budget.js";
import type { RetryPolicy } from "../resilience/retry-decision.js";
import type { Candidate, ModelCatalog } from "../routing/model-catalog.js";
import type { Store } from "../store/store.js";
import type { AdmissionControl } from "./pipeline/admission.js";

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
  /** The largest request body read, in bytes (larger → 413 before it is buffered). */
  bodyLimit: number;
}
