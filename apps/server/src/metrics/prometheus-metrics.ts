import { collectDefaultMetrics, type Gauge, Registry } from "prom-client";
import type { CounterSeries } from "./counter-family.js";
import type {
  GatewayMetrics,
  LimiterDecision,
  RequestObservation,
  TokenCounts,
  UpstreamErrorObservation,
} from "./gateway-metrics.js";
import type { HistogramSeries } from "./histogram-family.js";
import { createMetricFamilies, createScrapeGauges, type MetricFamilies } from "./metric-families.js";

/** What the scrape-time gauges read: the breakers, the catalog's deployments, the usage recorder. */
export interface MetricsSources {
  /** Every deployment of the catalog in force, with its provider's name. */
  deployments(): Iterable<{ id: string; provider: string }>;
  breakers: {
    snapshot(ids: readonly string[]): Promise<ReadonlyArray<{ deploymentId: string; state: string }>>;
  };
  usageBacklog(): number;
}

/** A surface, operation and model: its duration and TTFB series, its request counters by status class and outcome. */
interface TimedNode {
  duration: HistogramSeries;
  ttfb: HistogramSeries;
  byStatus: Map<string, Map<string, CounterSeries>>;
}
/** The series of one model: its token kinds and its cost. */
interface ModelSeries {
  input: CounterSeries;
  output: CounterSeries;
  cacheRead: CounterSeries;
  cacheWrite: CounterSeries;
  reasoning: CounterSeries;
  cost: CounterSeries;
}

const BREAKER_STATES = ["closed", "half_open", "open"] as const;

/**
 * Gatehouse's Prometheus metrics on a registry of its own. The hot path's part (`observeRequest`, called
 * by the meter step after the answer is finished) is a few Map reads and additions: each label set's
 * series is made once and kept (label cardinality is bounded by the catalog, docs/metrics.md). Breaker
 * states and the usage backlog are read when Prometheus scrapes, from `collectFrom`'s sources.
 *
 * @example
 * const metrics = new PrometheusMetrics();
 * const app = await createApp({ store, secretBox, logger, metrics }); // serves GET /metrics
 * metrics.onDecision({ limiter: "rpm", decision: "refused" });
 */
export class PrometheusMetrics implements GatewayMetrics {
  readonly registry = new Registry();
  private readonly families: MetricFamilies;
  /** surface → operation → model: nested Maps keyed by the labels' own strings, so a lookup hashes no new string. */
  private readonly tree = new Map<string, Map<string, Map<string, TimedNode>>>();
  private readonly byModel = new Map<string, ModelSeries>();
  private readonly byUpstreamError = new Map<string, Map<string, Map<string, CounterSeries>>>();
  private readonly byDecision = new Map<string, Map<string, CounterSeries>>();
  private sources: MetricsSources | undefined;

  /** @param options.processMetrics also export Node's process metrics (CPU, memory, event-loop lag, GC) */
  constructor(options: { processMetrics?: boolean } = {}) {
    this.families = createMetricFamilies(this.registry);
    createScrapeGauges(
      this.registry,
      (gauge) => this.collectBreakers(gauge),
      () => this.sources?.usageBacklog() ?? 0,
    );
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** Binds the scrape-time sources (createApp does, once its breakers and catalog exist). */
  collectFrom(sources: MetricsSources): void {
    this.sources = sources;
  }

  /** The exposition text and its content type, for GET /metrics. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  observeRequest(r: RequestObservation): void {
    const node = this.timedNode(r.surface, r.operation, r.model);
    const f = this.families;
    this.requestCounter(node, r).value += 1;
    f.duration.observe(node.duration, r.durationMs / 1000);
    if (r.ttfbMs !== undefined) f.ttfb.observe(node.ttfb, r.ttfbMs / 1000);
    if (r.tokens !== undefined || r.costNano > 0) this.countModel(r.model, r.tokens, r.costNano);
    for (const e of r.upstreamErrors) this.upstreamError(e).value += 1;
  }

  onDecision(d: LimiterDecision): void {
    const decisions = inner(this.byDecision, d.limiter);
    let s = decisions.get(d.decision);
    if (s === undefined) {
      s = this.families.limiter.series([d.limiter, d.decision]);
      decisions.set(d.decision, s);
    }
    s.value += 1;
  }

  private requestCounter(node: TimedNode, r: RequestObservation): CounterSeries {
    const statusClass = statusClassOf(r.status);
    const outcomes = inner(node.byStatus, statusClass);
    let s = outcomes.get(r.outcome);
    if (s === undefined) {
      s = this.families.requests.series([r.surface, r.operation, r.model, statusClass, r.outcome]);
      outcomes.set(r.outcome, s);
    }
    return s;
  }

  /** The node of a surface, operation and model: its timed series, and its request counters below. */
  private timedNode(surface: string, operation: string, model: string): TimedNode {
    const models = inner(inner(this.tree, surface), operation);
    let node = models.get(model);
    if (node === undefined) {
      const labels = [surface, operation, model];
      const duration = this.families.duration.series(labels);
      const ttfb = this.families.ttfb.series(labels);
      node = { duration, ttfb, byStatus: new Map() };
      models.set(model, node);
    }
    return node;
  }

  private countModel(model: string, tokens: TokenCounts | undefined, costNano: number): void {
    let s = this.byModel.get(model);
    if (s === undefined) {
      const t = this.families.tokens;
      s = {
        input: t.series([model, "input"]),
        output: t.series([model, "output"]),
        cacheRead: t.series([model, "cache_read"]),
        cacheWrite: t.series([model, "cache_write"]),
        reasoning: t.series([model, "reasoning"]),
        cost: this.families.cost.series([model]),
      };
      this.byModel.set(model, s);
    }
    if (tokens !== undefined) {
      s.input.value += tokens.inputTokens;
      s.output.value += tokens.outputTokens;
      s.cacheRead.value += tokens.cacheReadTokens ?? 0;
      s.cacheWrite.value += tokens.cacheWriteTokens ?? 0;
      s.reasoning.value += tokens.reasoningTokens ?? 0;
    }
    s.cost.value += costNano;
  }

  private upstreamError(e: UpstreamErrorObservation): CounterSeries {
    const codes = inner(inner(this.byUpstreamError, e.provider), e.deployment);
    let s = codes.get(e.code);
    if (s === undefined) {
      s = this.families.upstreamErrors.series([e.provider, e.deployment, e.code]);
      codes.set(e.code, s);
    }
    return s;
  }

  /** One scrape's breaker states, read from the breakers' source of truth (Redis when shared). */
  private async collectBreakers(gauge: Gauge<"provider" | "deployment" | "state">): Promise<void> {
    gauge.reset(); // deployments removed from the catalog disappear from the scrape
    if (this.sources === undefined) return;
    const providers = new Map<string, string>();
    for (const d of this.sources.deployments()) providers.set(d.id, d.provider);
    if (providers.size === 0) return;
    const snapshots = await this.sources.breakers.snapshot([...providers.keys()]);
    for (const s of snapshots) {
      const provider = providers.get(s.deploymentId) ?? "";
      for (const state of BREAKER_STATES)
        gauge.labels(provider, s.deploymentId, state).set(s.state === state ? 1 : 0);
    }
  }
}

/** The Map under `key`, made empty the first time. */
function inner<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let m = map.get(key);
  if (m === undefined) {
    m = new Map();
    map.set(key, m);
  }
  return m;
}

/** "2xx", "4xx", "5xx" (499, a client gone, is "4xx"). */
function statusClassOf(status: number): string {
  if (status >= 500) return "5xx";
  if (status >= 400) return "4xx";
  if (status >= 300) return "3xx";
  return status >= 200 ? "2xx" : "1xx";
}
