import { randomUUID } from "node:crypto";
import { GatewayError } from "@gatehouse/protocol";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { Agent, type Dispatcher } from "undici";
import { AccessControl } from "./auth/access-control.js";
import { KeyResolver } from "./auth/key-resolver.js";
import { LastUsedRecorder } from "./auth/last-used-recorder.js";
import { type BillingOptions, startBilling } from "./billing/billing-runtime.js";
import { planPolicy } from "./billing/plan-gate.js";
import { planRateRules, planTokenQuota } from "./billing/plan-limits.js";
import { createStripeClient } from "./billing/stripe/create-stripe-client.js";
import { BudgetGuard } from "./budgets/budget-guard.js";
import { BudgetSnapshot } from "./budgets/budget-snapshot.js";
import { MemoryBudgetLedger } from "./budgets/memory-budget-ledger.js";
import { ThresholdNotifier } from "./budgets/threshold-notifier.js";
import { CaptureWriter } from "./capture/capture-writer.js";
import type { ConsoleAssets } from "./console/console-assets.js";
import { isConsolePage, registerConsole, sendConsolePage } from "./console/register-console.js";
import { ChatAnswerRuns, type ChatAnswerRunsOptions } from "./control-plane/chat-answers/chat-answer-runs.js";
import { type ControlPlaneSettings, registerControlPlane } from "./control-plane/register-control-plane.js";
import { CredentialVault } from "./crypto/credential-vault.js";
import type { SecretBox } from "./crypto/secret-box.js";
import { answerClientError } from "./data-plane/answer-client-error.js";
import { registerAnthropicRoutes } from "./data-plane/anthropic/anthropic-routes.js";
import { fastifyErrorToGatewayError } from "./data-plane/fastify-error.js";
import type { GatewayRuntime, Timeouts } from "./data-plane/gateway-runtime.js";
import { registerGeminiRoutes } from "./data-plane/gemini/gemini-routes.js";
import { registerModelRoutes } from "./data-plane/models-route.js";
import { createRequestIdSource } from "./data-plane/new-request-id.js";
import { registerOpenAIRoutes } from "./data-plane/openai/openai-routes.js";
import { type AdmissionControl, composeAdmission, OPEN_ADMISSION } from "./data-plane/pipeline/admission.js";
import { budgetAdmission } from "./data-plane/pipeline/budget-admission.js";
import { maxCostNano } from "./data-plane/pipeline/max-cost-nano.js";
import { createPricingAdmission } from "./data-plane/pipeline/pricing-admission.js";
import type { RequestScope } from "./data-plane/pipeline/request-scope.js";
import { ResponseArchive } from "./data-plane/responses/response-archive.js";
import { registerResponsesRoutes } from "./data-plane/responses/responses-routes.js";
import { StoredResponsesSweeper } from "./data-plane/responses/stored-responses-sweeper.js";
import { type SocketLimits, socketLimits } from "./data-plane/responses/websocket/socket-limits.js";
import { errorsForPath } from "./data-plane/surface-for-path.js";
import type { ReservationLedger } from "./domain/budget.js";
import { createRuntimeMailer } from "./email/runtime-mailer.js";
import { registerHealthRoutes } from "./health-routes.js";
import { currentUse } from "./limits/current-use.js";
import { MemoryRateLimiter } from "./limits/memory-rate-limiter.js";
import { RateLimitBook } from "./limits/rate-limit-book.js";
import { createRateLimitGate, type LimitDecisionEvent } from "./limits/rate-limit-gate.js";
import { leaseTtlFor, type RateLimiter } from "./limits/rate-limiter.js";
import { redactUrl, requestLineLogger } from "./logging/create-logger.js";
import {
  createImageFetcher,
  type ImageFetcher,
  type ImageFetcherOptions,
} from "./media/create-image-fetcher.js";
import { GroupCommitUsageRecorder } from "./metering/group-commit-usage-recorder.js";
import { MonthlyTokenVolume } from "./metering/monthly-token-volume.js";
import { loadPriceCatalog } from "./metering/pricing/load-price-catalog.js";
import type { PriceCatalog } from "./metering/pricing/price-catalog.js";
import { TokenCounter } from "./metering/token-counter.js";
import { UnpricedWarnings } from "./metering/unpriced-warnings.js";
import { UsageMaintenanceJob } from "./metering/usage-maintenance-job.js";
import { UsageReconciler } from "./metering/usage-reconciler.js";
import type { UsageRecorder } from "./metering/usage-recorder.js";
import { NO_METRICS } from "./metrics/gateway-metrics.js";
import { registerMetricsRoute } from "./metrics/metrics-route.js";
import type { PrometheusMetrics } from "./metrics/prometheus-metrics.js";
import { reportLimitDecision } from "./metrics/report-limit-decision.js";
import { Balancer } from "./resilience/balancer.js";
import type { BreakerStore } from "./resilience/breaker-store.js";
import { CircuitBreakers } from "./resilience/circuit-breakers.js";
import { MemoryBreakerStore } from "./resilience/memory-breaker-store.js";
import { DEFAULT_UPSTREAM_TIMEOUTS } from "./resilience/resolve-timeouts.js";
import { RetryBudget, type RetryBudgetOptions } from "./resilience/retry-budget.js";
import type { RetryPolicy } from "./resilience/retry-decision.js";
import { loadCatalog } from "./routing/load-catalog.js";
import type { Candidate } from "./routing/model-catalog.js";
import type { ChangeBus } from "./runtime/change-bus/change-bus.js";
import { MemoryChangeBus } from "./runtime/change-bus/memory-change-bus.js";
import { RevisionWatcher } from "./runtime/revision-watcher.js";
import { SnapshotUpdater } from "./runtime/snapshot-updater.js";
import {
  EMPTY_ALLOW_LIST,
  type PrivateUpstreamAllowList,
  withLoopback,
} from "./security/private-upstream-allow-list.js";
import { storedSmtpOptions } from "./services/stored-smtp-options.js";
import type { Store } from "./store/store.js";
import { createUpstreamClient } from "./upstream/upstream-client.js";

/** What createApp is built from. Everything with state or I/O is passed in; nothing is global. */
export interface AppDeps extends ControlPlaneSettings {
  store: Store;
  secretBox: SecretBox;
  /** Chat answers run by the server (docs/chat.md): the title model, and timings tests shorten. */
  chat?: ChatSettings;
  /** Seals and opens provider credentials; by default one master key derived from `secretBox`'s. */
  credentialVault?: CredentialVault;
  logger: Logger;
  bodyLimit?: number;
  timeouts?: Partial<Timeouts>;
  /** Limits of the Responses API's WebSocket mode (defaults: DEFAULT_SOCKET_LIMITS, the body limit). */
  responsesWebSocket?: Partial<SocketLimits>;
  /** The upstream dispatcher (an undici Agent by default). */
  upstream?: Dispatcher;
  /** Guard the default upstream dispatcher against private addresses (GATEHOUSE_BLOCK_PRIVATE_UPSTREAMS). */
  blockPrivateUpstreams?: boolean;
  /**
   * The dispatcher of tenant-registered providers; by default an Agent that refuses private addresses at
   * connect time except those of `allowedPrivateUpstreams`.
   */
  tenantUpstream?: Dispatcher;
  /** Private ranges and host:port pairs tenants' providers may reach (GATEHOUSE_ALLOWED_PRIVATE_UPSTREAMS). */
  allowedPrivateUpstreams?: PrivateUpstreamAllowList;
  /** Fetches client image URLs for upstreams that need bytes; built from `imageFetch` by default. */
  imageFetcher?: ImageFetcher;
  /** Limits and the private-address override of the default image fetcher. */
  imageFetch?: ImageFetcherOptions;
  now?: () => number;
  random?: () => number;
  /**
   * How often the configuration revision is polled, ms (1 s by default): how fast changes made elsewhere
   * (the CLI, another instance without a shared change bus, a lost bus message) reach this instance.
   */
  refreshIntervalMs?: number;
  /**
   * Announces configuration changes between instances at once (Redis pub/sub in production when Redis is
   * configured); an in-process bus by default, which reaches only this instance. Closed at shutdown
   * (not its connection).
   */
  changeBus?: ChangeBus;
  /**
   * Circuit-breaker state: in memory by default, Redis to share it across instances. Stopped (not its
   * connection) at shutdown.
   */
  breakerStore?: BreakerStore;
  retryPolicy?: Partial<RetryPolicy>;
  /** The retry budget's settings (ratio 0.2 and a floor of 10 extra attempts per 10 s by default). */
  retryBudget?: RetryBudgetOptions;
  /** The shipped price catalog; the one in metering/pricing/price-catalog.json by default. */
  prices?: PriceCatalog;
  /**
   * More of the pipeline's `admit` step (plans, prepaid credits), run after the rate-limit gate and
   * before the budget gate; admits everything by default.
   */
  admission?: AdmissionControl;
  /** Budgets and quotas (docs/budgets.md). */
  budgets?: BudgetSettings;
  /**
   * Counts rate-limit checks (one per limited request): in memory by default (one instance); a
   * RedisRateLimiter shares the limits across instances (REDIS_URL, see start-server.ts).
   */
  rateLimiter?: RateLimiter;
  /** Told about every rate-limit decision (metrics). */
  onRateLimitDecision?: (event: LimitDecisionEvent) => void;
  /** Plans and prepaid credits (checked around `admission`), the ledger's debit flusher (docs/billing.md). */
  billing?: BillingOptions;
  /**
   * Records usage; group commit on `store` by default. The caller owns a recorder it passes (the server
   * opens one with openUsageRecorder and closes it after shutdown()); shutdown() only flushes it.
   */
  usageRecorder?: UsageRecorder;
  /**
   * Prometheus metrics (GATEHOUSE_METRICS=on): counted by the meter step and served at GET /metrics.
   * Undefined: nothing is counted and /metrics is a 404. Built by the caller so the limits it passes in
   * `admission` can report their decisions to it (`metrics.onDecision`).
   */
  metrics?: PrometheusMetrics;
  /** The bearer token a /metrics scrape must send (GATEHOUSE_METRICS_TOKEN); unset: none needed. */
  metricsToken?: string;
  /**
   * How long stored Responses API answers are kept, ms (GATEHOUSE_RESPONSES_RETENTION_DAYS; 30 days by
   * default); 0: nothing is stored, `previous_response_id` finds nothing.
   */
  responsesRetentionMs?: number;
  /** The built web console (loadConsoleAssets), served at `/`; undefined: no console, APIs only. */
  console?: ConsoleAssets;
}

/** How budgets reserve: the ledger, the cost a request may reach, how long holds live. */
export interface BudgetSettings {
  /**
   * Where reservations are held: by default a MemoryBudgetLedger on SQLite (one process; spend persisted
   * to the database) and the store's SQL ledger on PostgreSQL (conditional UPDATEs, any number of
   * instances); a RedisBudgetLedger with Redis. An injected ledger is its owner's to close.
   */
  ledger?: ReservationLedger;
  /** A request's largest possible cost, nano-USD (maxCostNano at the request's prices by default). */
  maxCostNano?: (scope: RequestScope) => number;
  /** How long a hold lives before the sweeper releases it, ms (30 min by default). */
  holdMs?: number;
  /** How often expired holds are swept, ms (1 min by default). */
  sweepIntervalMs?: number;
  /** Waits between threshold webhook retries, ms (1 s, 10 s, 60 s by default). */
  webhookRetryDelaysMs?: readonly number[];
}

/** How long stored responses are kept unless configured: 30 days, as OpenAI keeps them. */
const DEFAULT_RESPONSES_RETENTION_MS = 30 * 86_400_000;

const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 2,
  retryAfterCapMs: 10_000,
  backoff: { baseMs: 100, maxMs: 2_000 },
};

/** A built Gatehouse: the Fastify server plus the runtime parts the process lifecycle needs. */
export interface GatehouseApp {
  server: FastifyInstance;
  runtime: GatewayRuntime;
  /** Reloads snapshots now if the configuration changed (tests use it instead of waiting for the poll). */
  refresh(): Promise<void>;
  /** Marks the app as draining: /readyz answers 503 so load balancers stop sending traffic. */
  drain(): void;
  /** Stops background work and flushes usage; the caller closes the server first. */
  shutdown(): Promise<void>;
}

const DEFAULT_TIMEOUTS: Timeouts = { ...DEFAULT_UPSTREAM_TIMEOUTS };

/**
 * Builds a complete Gatehouse app over the given dependencies: loads the routing snapshot, starts the
 * revision watcher and usage reconciler, registers every route.
 *
 * @example
 * const app = await createApp({ store, secretBox, logger });
 * await app.server.listen({ port: 0, host: "127.0.0.1" });
 */
export async function createApp(deps: AppDeps): Promise<GatehouseApp> {
  const now = deps.now ?? Date.now;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...deps.timeouts };
  const breakerStore = deps.breakerStore ?? new MemoryBreakerStore();
  const bodyLimit = deps.bodyLimit ?? 10 * 1024 * 1024;
  // Only what createApp made is closed at shutdown: an injected dispatcher or fetcher is its owner's.
  const upstream =
    deps.upstream ??
    createUpstreamClient({
      connectTimeoutMs: timeouts.connectMs,
      blockPrivateAddresses: deps.blockPrivateUpstreams ?? false,
    });
  const allowList = deps.allowedPrivateUpstreams ?? EMPTY_ALLOW_LIST;
  const tenantUpstream =
    deps.tenantUpstream ??
    createUpstreamClient({ connectTimeoutMs: timeouts.connectMs, blockPrivateAddresses: true, allowList });
  const vault = deps.credentialVault ?? CredentialVault.derivedFrom(deps.secretBox);
  const responsesRetentionMs = deps.responsesRetentionMs ?? DEFAULT_RESPONSES_RETENTION_MS;
  // Identity providers are named by tenants (SSO settings) too: the same guard; loopback only for development.
  const idpUpstream = createUpstreamClient({
    connectTimeoutMs: timeouts.connectMs,
    blockPrivateAddresses: true,
    allowList: deps.sso?.allowHttpLoopbackIssuer ? withLoopback(allowList) : allowList,
  });
  const sources = { store: deps.store, vault, logger: deps.logger, tenantUpstream };
  const imageFetcher = deps.imageFetcher ?? createImageFetcher(deps.imageFetch);
  const keyUsage = new LastUsedRecorder(deps.store, deps.logger, now);
  // Read before the first build: a change that races it is applied by the first poll.
  const startSequence = await deps.store.revision();
  const ownLedger =
    deps.budgets?.ledger === undefined && deps.store.dialect === "sqlite"
      ? new MemoryBudgetLedger({
          durable: deps.store.budgetLedger,
          onError: (err) => deps.logger.warn({ err }, "budget spend not yet persisted; retrying"),
        })
      : undefined;
  const budgetLedger = deps.budgets?.ledger ?? ownLedger ?? deps.store.budgetLedger;
  const budgetSnapshot = new BudgetSnapshot(deps.store.budgets);
  // The operator's SMTP settings (console) override the environment's mailer, at runtime.
  const mailer = createRuntimeMailer({
    fallback: deps.mailer,
    now,
    load: () => storedSmtpOptions(deps.store, deps.secretBox),
  });
  await mailer.reload().catch((err) => deps.logger.warn({ err }, "stored SMTP settings not loaded"));
  const thresholds = new ThresholdNotifier({
    store: deps.store,
    mailer,
    dispatcher: tenantUpstream,
    secretBox: deps.secretBox,
    publicUrl: deps.identity?.publicUrl ?? "http://localhost:8080",
    now,
    logger: deps.logger,
    ...(deps.budgets?.webhookRetryDelaysMs && { retryDelaysMs: deps.budgets.webhookRetryDelaysMs }),
  });
  await budgetSnapshot.loadAll();
  const prices = deps.prices ?? loadPriceCatalog();
  const billing = await startBilling(
    deps.store,
    { maxCostNano: (scope) => maxCostNano(scope, prices), ...deps.billing },
    (err, msg) => deps.logger.warn({ err }, msg),
  );
  const budgetGuard = new BudgetGuard({
    ledger: budgetLedger,
    book: () => budgetSnapshot.book,
    derived: planTokenQuota(billing.snapshot),
    now,
    ...(deps.budgets?.holdMs !== undefined && { holdMs: deps.budgets.holdMs }),
    onError: (err, what) => deps.logger.warn({ err }, what),
    onSettled: (lines) => thresholds.settled(lines),
  });
  const budgetGate = budgetAdmission(
    budgetGuard,
    deps.budgets?.maxCostNano ?? ((scope) => maxCostNano(scope, prices)),
  );
  const runtime: GatewayRuntime = {
    store: deps.store,
    logger: deps.logger,
    requestLog: requestLineLogger(deps.logger),
    now,
    random: deps.random ?? Math.random,
    newId: createRequestIdSource(now),
    keys: new KeyResolver(deps.store, { now }),
    keyUsage,
    catalog: await loadCatalog(sources),
    prices,
    monthlyVolume: new MonthlyTokenVolume(),
    tokens: new TokenCounter(),
    unpricedWarnings: new UnpricedWarnings(),
    usage: deps.usageRecorder ?? new GroupCommitUsageRecorder(deps.store, deps.logger),
    upstream,
    imageFetcher,
    timeouts,
    breakers: new CircuitBreakers(breakerStore, {
      now,
      onError: (err) => deps.logger.warn({ err }, "circuit breaker store unavailable"),
    }),
    balancer: new Balancer<Candidate>({ random: deps.random ?? Math.random }),
    // The floor lets a quiet install fail over while a breaker is still closed (5 failures to open).
    retryBudget: new RetryBudget({ now, minPerWindow: 10, ...deps.retryBudget }),
    retryPolicy: { ...DEFAULT_RETRY_POLICY, ...deps.retryPolicy },
    admission: OPEN_ADMISSION,
    metrics: deps.metrics ?? NO_METRICS,
    modelPolicy: planPolicy(billing.snapshot),
    captures: new CaptureWriter(deps.store, vault, deps.logger),
    ...(responsesRetentionMs > 0 && {
      responses: new ResponseArchive(deps.store, vault, responsesRetentionMs, now, deps.logger),
    }),
    bodyLimit,
    socketLimits: socketLimits(bodyLimit, deps.responsesWebSocket),
  };
  deps.metrics?.collectFrom({
    deployments: () => runtime.catalog.deployments(),
    breakers: runtime.breakers,
    usageBacklog: () => runtime.usage.backlog,
  });
  const rateLimits = await RateLimitBook.load(deps.store);
  const limiter = deps.rateLimiter ?? new MemoryRateLimiter({ leaseTtlMs: leaseTtlFor(timeouts.totalMs) });
  const rateLimitGate = createRateLimitGate({
    limiter,
    book: rateLimits,
    planRules: planRateRules(billing.snapshot),
    now,
    logger: deps.logger,
    onDecision: (event) => {
      deps.onRateLimitDecision?.(event);
      if (deps.metrics) reportLimitDecision(deps.metrics, event);
    },
  });
  // Refusals that cost nothing come first (an unpriced model, a model outside the plan, a rate limit),
  // holds on money last (budgets, then prepaid credits).
  runtime.admission = composeAdmission([
    createPricingAdmission(prices),
    billing.admission(
      composeAdmission([rateLimitGate, ...(deps.admission ? [deps.admission] : []), budgetGate]),
    ),
  ]);
  const access = new AccessControl(deps.store, now);
  const limits = {
    reloadTenant: (tenantId: string) => rateLimits.reloadTenant(deps.store, tenantId),
    reloadAll: async () => rateLimits.replaceAll(await deps.store.rateLimits.listAll()),
  };
  const updater = new SnapshotUpdater({
    sources,
    runtime,
    keys: runtime.keys,
    access,
    limits,
    budgets: budgetSnapshot,
    billing: billing.snapshot,
  });
  const watcher = new RevisionWatcher(deps.store, updater, deps.logger, deps.refreshIntervalMs);
  watcher.start(startSequence);
  const changeBus = deps.changeBus ?? new MemoryChangeBus();
  const origin = randomUUID();
  await changeBus.subscribe((event) => {
    if (event.origin === origin) return;
    updater.apply([event]).catch((err) => deps.logger.warn({ err }, "change from the bus not applied"));
  });
  const propagate = async () => {
    const scopes = await watcher.checkAndTakeApplied();
    await Promise.all(scopes.map((scope) => changeBus.publish({ ...scope, origin })));
  };
  const reconciler = new UsageReconciler(deps.store, deps.logger, now);
  reconciler.start();
  // Month partitions ahead (PostgreSQL) and per-tenant usage retention (docs/usage-storage.md).
  const usageMaintenance = new UsageMaintenanceJob(deps.store, deps.logger, now);
  usageMaintenance.start();
  const responsesSweeper = new StoredResponsesSweeper(deps.store, deps.logger, now);
  responsesSweeper.start();
  keyUsage.start();
  const budgetSweeper = setInterval(() => {
    budgetGuard.sweep().catch((err) => deps.logger.warn({ err }, "budget sweep failed"));
  }, deps.budgets?.sweepIntervalMs ?? 60_000);
  budgetSweeper.unref();
  let draining = false;

  const server = buildServer(runtime, bodyLimit, deps.console);
  // Chat answers go through this process's own data plane, over loopback, like any client's request.
  const selfAgent = new Agent({ keepAliveTimeout: 10_000 });
  const chatAnswers = new ChatAnswerRuns({
    store: deps.store,
    logger: deps.logger,
    now,
    gateway: { url: () => ownUrl(server), dispatcher: selfAgent },
    ...deps.chat,
  });
  registerHealthRoutes(server, deps.store, () => draining);
  if (deps.metrics) registerMetricsRoute(server, deps.metrics, deps.metricsToken);
  if (deps.console) registerConsole(server, deps.console);
  // From here on, an /api/ route without a contract throws (the app does not start).
  registerControlPlane(server, {
    ...deps,
    mailer,
    mailerSettings: mailer,
    runtime,
    access,
    now,
    propagate,
    rateLimitUse: (rules) =>
      currentUse(limiter, rules, now()).catch((err) => {
        deps.logger.warn({ err }, "rate limiter unavailable; limits listed without their use");
        return new Map();
      }),
    budgetLedger,
    chatAnswers,
    providers: { vault, allowList, tenantUpstream, platformUpstream: upstream },
    ...(deps.billing?.stripe && {
      stripe: { client: createStripeClient(deps.billing.stripe), settings: deps.billing.stripe },
    }),
    idpUpstream,
  });
  void server.register(async (dataPlane) => {
    // The pipeline reads bodies itself, after authenticating from the headers: Fastify reads nothing.
    dataPlane.removeAllContentTypeParsers();
    dataPlane.addContentTypeParser("*", (_req, _payload, done) => done(null, undefined));
    registerOpenAIRoutes(dataPlane, runtime);
    registerAnthropicRoutes(dataPlane, runtime);
    registerResponsesRoutes(dataPlane, runtime);
    registerGeminiRoutes(dataPlane, runtime);
    registerModelRoutes(dataPlane, runtime);
  });

  return {
    server,
    runtime,
    refresh: async () => {
      await watcher.check();
    },
    drain: () => {
      draining = true;
    },
    shutdown: async () => {
      // First: runs still going are cut and their answers written while the store is open.
      await chatAnswers.close();
      await runtime.responses?.drain();
      await selfAgent.close();
      await watcher.stop();
      await changeBus.close();
      reconciler.stop();
      clearInterval(budgetSweeper);
      await billing.stop();
      usageMaintenance.stop();
      responsesSweeper.stop();
      await ownLedger?.close();
      await keyUsage.stop();
      await breakerStore.close();
      // Counts still waiting are rejected: their records keep the character estimate, then flush.
      await runtime.tokens.close();
      await runtime.usage.flush();
      if (deps.upstream === undefined) await upstream.close();
      if (deps.tenantUpstream === undefined) await tenantUpstream.close();
      await idpUpstream.close();
      if (deps.imageFetcher === undefined) await imageFetcher.close();
    },
  };
}

/** The settings of chat answers the server runs. */
export type ChatSettings = Partial<
  Pick<
    ChatAnswerRunsOptions,
    "titleModel" | "flushMs" | "pollMs" | "staleMs" | "heartbeatMs" | "maxStreamsPerTenant"
  >
>;

/** This server's own address, for requests to its data plane (a wildcard host is reached on loopback). */
function ownUrl(server: FastifyInstance): string {
  const address = server.server.address();
  if (address === null || typeof address === "string")
    throw new GatewayError("service_unavailable", "The server is not listening.");
  if (address.family === "IPv6") {
    const host = address.address === "::" ? "::1" : address.address;
    return `http://[${host}]:${address.port}`;
  }
  const host = address.address === "0.0.0.0" ? "127.0.0.1" : address.address;
  return `http://${host}:${address.port}`;
}

function buildServer(rt: GatewayRuntime, bodyLimit: number, consoleAssets?: ConsoleAssets): FastifyInstance {
  const server = Fastify({
    logger: false,
    bodyLimit,
    genReqId: () => rt.newId(),
    return503OnClosing: true,
    forceCloseConnections: false,
    clientErrorHandler: answerClientError,
    // Node refuses an HTTP/1.1 request without Host with a bare, bodiless 400; the hook below answers JSON.
    http: { requireHostHeader: false },
  });
  // RFC 9112 §3.2: a server MUST answer 400 to an HTTP/1.1 request that lacks Host.
  server.addHook("onRequest", (req, _reply, done) => {
    if (req.raw.httpVersion !== "1.1" || req.headers.host !== undefined) return done();
    done(new GatewayError("invalid_request", "An HTTP/1.1 request must carry a Host header."));
  });
  // Bodies stay bytes: the passthrough path forwards them untouched; handlers parse what they need.
  server.removeAllContentTypeParsers();
  server.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
  server.setErrorHandler((err, req, reply) => {
    const gw = fastifyErrorToGatewayError(err);
    if (gw.code === "internal_error") rt.logger.error({ reqId: req.id, err }, "unexpected error");
    sendError(req, reply, gw);
  });
  server.setNotFoundHandler((req, reply) => {
    if (consoleAssets && isConsolePage(req)) return sendConsolePage(req, reply, consoleAssets);
    sendError(req, reply, new GatewayError("not_found", `No route for ${req.method} ${redactUrl(req.url)}.`));
  });
  // Data-plane handlers write their own richer line (set selfLogged); every other request gets this one.
  server.decorateRequest("selfLogged", false);
  server.addHook("onResponse", async (req, reply) => {
    if (req.selfLogged) return;
    rt.requestLog.info(
      {
        reqId: req.id,
        method: req.method,
        url: redactUrl(req.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      "request",
    );
  });
  return server;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set by handlers that log the request themselves, when the response really ends. */
    selfLogged: boolean;
  }
}

function sendError(req: FastifyRequest, reply: FastifyReply, err: GatewayError): void {
  if (err.details.retryAfterSeconds !== undefined)
    reply.header("retry-after", String(err.details.retryAfterSeconds));
  reply.header("x-gatehouse-request-id", req.id);
  const errors = errorsForPath(req.url, req.headers);
  // An error relaying a data-plane refusal (a chat answer's) quotes that request's id: the one its usage
  // and request logs hold; the header above stays this request's own.
  const relayed = err.details.requestId;
  const body = errors
    ? errors.body(err)
    : {
        error: { code: err.code, message: err.message, ...(relayed !== undefined && { requestId: relayed }) },
      };
  void reply.code(errors?.status?.(err) ?? err.status).send(body);
}
