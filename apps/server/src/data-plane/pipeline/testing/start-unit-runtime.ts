import { Writable } from "node:stream";
import type { Dispatcher } from "undici";
import { KeyResolver } from "../../../auth/key-resolver.js";
import { ensureDefaultTenant } from "../../../bootstrap/ensure-default-tenant.js";
import type { Principal } from "../../../domain/principal.js";
import { createLogger, requestLineLogger } from "../../../logging/create-logger.js";
import { createImageFetcher } from "../../../media/create-image-fetcher.js";
import { MonthlyTokenVolume } from "../../../metering/monthly-token-volume.js";
import { loadPriceCatalog } from "../../../metering/pricing/load-price-catalog.js";
import { TokenCounter } from "../../../metering/token-counter.js";
import { UnpricedWarnings } from "../../../metering/unpriced-warnings.js";
import { type GatewayMetrics, NO_METRICS } from "../../../metrics/gateway-metrics.js";
import { Balancer } from "../../../resilience/balancer.js";
import type { BreakerPolicy } from "../../../resilience/breaker-policy.js";
import { CircuitBreakers } from "../../../resilience/circuit-breakers.js";
import { MemoryBreakerStore } from "../../../resilience/memory-breaker-store.js";
import { RetryBudget } from "../../../resilience/retry-budget.js";
import type { RetryPolicy } from "../../../resilience/retry-decision.js";
import { type Candidate, ModelCatalog } from "../../../routing/model-catalog.js";
import { createStore } from "../../../store/create-store.js";
import { createUpstreamClient } from "../../../upstream/upstream-client.js";
import type { GatewayRuntime, Timeouts } from "../../gateway-runtime.js";
import { type AdmissionControl, OPEN_ADMISSION } from "../admission.js";
import { MemoryUsageRecorder } from "./memory-usage-recorder.js";

export interface UnitRuntimeOptions {
  now?: () => number;
  /** Balancer draws; 0 makes weighted random pick the first candidate of a pool. */
  random?: () => number;
  timeouts?: Partial<Timeouts>;
  retryPolicy?: Partial<RetryPolicy>;
  breakerPolicy?: Partial<BreakerPolicy>;
  admission?: AdmissionControl;
  bodyLimit?: number;
  metrics?: GatewayMetrics;
}

/** A runtime for unit tests of pipeline steps, with what the tests read back. */
export interface UnitRuntime {
  rt: GatewayRuntime;
  /** The principal of the default tenant's test key (its workspace; no user). */
  principal: Principal;
  usage: MemoryUsageRecorder;
  /** Every line logged (request lines included), raw JSON text. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * A GatewayRuntime of real parts — SQLite in memory (a default tenant and its workspace), the key
 * resolver, circuit breakers over the memory store, balancer, retry budget, an undici Agent — and an
 * in-memory usage recorder, without an HTTP server: for calling a pipeline step directly. Its catalog
 * starts empty; set `rt.catalog` (UnitCatalog builds one for the principal's tenant).
 */
export async function startUnitRuntime(options: UnitRuntimeOptions = {}): Promise<UnitRuntime> {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const store = createStore({ sqlitePath: ":memory:" });
  await store.migrate();
  const { tenant, workspace } = await ensureDefaultTenant(store);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(...String(chunk).split("\n").filter(Boolean));
      cb();
    },
  });
  const logger = createLogger("info", sink);
  const timeouts: Timeouts = {
    connectMs: 2_000,
    firstByteMs: 5_000,
    idleMs: 5_000,
    totalMs: 10_000,
    ...options.timeouts,
  };
  const upstream: Dispatcher = createUpstreamClient({ connectTimeoutMs: timeouts.connectMs });
  const imageFetcher = createImageFetcher();
  const usage = new MemoryUsageRecorder();
  const rt: GatewayRuntime = {
    store,
    logger,
    requestLog: requestLineLogger(logger),
    now,
    random,
    newId: (() => {
      let n = 0;
      return () => `req_unit_${++n}`;
    })(),
    keys: new KeyResolver(store, { now }),
    catalog: new ModelCatalog([], new Map()),
    prices: loadPriceCatalog(),
    monthlyVolume: new MonthlyTokenVolume(),
    tokens: new TokenCounter(),
    unpricedWarnings: new UnpricedWarnings(),
    usage,
    upstream,
    imageFetcher,
    timeouts,
    breakers: new CircuitBreakers(new MemoryBreakerStore(options.breakerPolicy), { now }),
    balancer: new Balancer<Candidate>({ random }),
    retryBudget: new RetryBudget({ now, minPerWindow: 100 }),
    retryPolicy: {
      maxAttempts: 2,
      retryAfterCapMs: 10_000,
      backoff: { baseMs: 1, maxMs: 5 },
      ...options.retryPolicy,
    },
    admission: options.admission ?? OPEN_ADMISSION,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    keyUsage: { touch: () => undefined },
    metrics: options.metrics ?? NO_METRICS,
  };
  const principal: Principal = {
    kind: "api_key",
    id: "key_unit",
    tenantId: tenant.id,
    workspaceId: workspace.id,
    userId: null,
    serviceAccountId: null,
    allowsModel: () => true,
  };
  return {
    rt,
    principal,
    usage,
    logs,
    close: async () => {
      await rt.tokens.close();
      await upstream.close();
      await imageFetcher.close();
      await store.close();
    },
  };
}
