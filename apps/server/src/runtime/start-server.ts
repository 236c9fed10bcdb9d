import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { readStripeSettings } from "../billing/stripe/stripe-settings.js";
import { type FirstRunResult, firstRun } from "../bootstrap/first-run.js";
import { RedisBudgetLedger } from "../budgets/redis-budget-ledger.js";
import { type Config, ConfigError } from "../config/config.js";
import { loadConsoleAssets } from "../console/console-assets.js";
import { RedisIdempotencyCache } from "../control-plane/contract-router/redis-idempotency-cache.js";
import { createApp } from "../create-app.js";
import { createSmtpMailer } from "../email/smtp-mailer.js";
import { RedisLoginThrottle } from "../identity/session/redis-login-throttle.js";
import { leaseTtlFor } from "../limits/rate-limiter.js";
import { RedisRateLimiter } from "../limits/redis-rate-limiter.js";
import { createLogger } from "../logging/create-logger.js";
import { openUsageRecorder } from "../metering/open-usage-recorder.js";
import { resolveSpoolDir } from "../metering/spool/resolve-spool-dir.js";
import { PrometheusMetrics } from "../metrics/prometheus-metrics.js";
import { RedisBreakerStore } from "../resilience/redis-breaker-store.js";
import {
  type PrivateUpstreamAllowList,
  parsePrivateUpstreamAllowList,
} from "../security/private-upstream-allow-list.js";
import { RedisChangeBus } from "./change-bus/redis-change-bus.js";
import { openStorage } from "./open-storage.js";

/** The console `npm run build` builds: apps/console/dist, beside this package (apps/server/dist/runtime). */
const BUILT_CONSOLE_DIR = fileURLToPath(new URL("../../../console/dist", import.meta.url));

export interface StartOptions {
  /** Where the one-time messages go (the terminal); logs go to the logger. */
  print: (line: string) => void;
  logger?: Logger;
}

/** A started Gatehouse process: its URL, and a stop() that does the SIGTERM sequence. */
export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * `gatehouse start`: open storage and the usage recorder (writing a spool a crashed run left behind),
 * run the first-run setup (printing the admin password and first key once), listen. stop(): stop
 * accepting, let in-flight requests and streams finish (bounded by the shutdown timeout, then cut),
 * flush usage and close the recorder, close the store.
 */
export async function startServer(config: Config, options: StartOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const spoolDir = resolveSpoolDir(config);
  // With a spool, the usage writer thread checkpoints the WAL: the store need not start a thread for it.
  const { store, secretBox, credentialVault, dataDir, sqlitePath } = await openStorage(config, {
    walCheckpointer: spoolDir === undefined,
  });
  const usage = await openUsageRecorder({ store, logger, sqlitePath, spoolDir }).catch(async (err) => {
    await store.close();
    throw err;
  });
  const first = await firstRun(store, credentialVault, config, logger);
  const redis = config.redisUrl === undefined ? undefined : connectRedis(config.redisUrl, logger);
  // With Redis, budget holds and current spend live there (one Lua call per request); the database keeps
  // the settled spend it is rebuilt from. Without, the store's conditional UPDATEs hold them.
  const budgetLedger =
    redis &&
    new RedisBudgetLedger({
      redis,
      durable: store.budgetLedger,
      onError: (err) => logger.warn({ err }, "budget spend not yet persisted; retrying"),
    });
  const mailer = config.smtp && createSmtpMailer({ url: config.smtp.url, from: config.smtp.from });
  // Built here, not in createApp, so the limits passed as `admission` can report to it (onDecision).
  const metrics = config.metrics.enabled ? new PrometheusMetrics({ processMetrics: true }) : undefined;
  // Checkout returns to the configured public URL (GATEHOUSE_PUBLIC_URL, else http://localhost:PORT).
  const consoleAssets = loadConsoleAssets(config.consoleDir ?? BUILT_CONSOLE_DIR);
  if (!consoleAssets) logger.warn("the web console is not built (npm run build): serving the APIs only");
  const stripe = readStripeSettings({ ...process.env, GATEHOUSE_PUBLIC_URL: config.publicUrl });
  const app = await createApp({
    store,
    secretBox,
    billing: { ...(stripe && { stripe }) },
    credentialVault,
    logger,
    bodyLimit: config.bodyLimit,
    timeouts: config.timeouts,
    responsesWebSocket: { ...config.responsesWebSocket, shutdownGraceMs: config.shutdownTimeoutMs },
    ...(redis && { breakerStore: new RedisBreakerStore({ redis, onError: redisWarning(logger) }) }),
    ...(redis && { changeBus: new RedisChangeBus({ redis, onError: changeBusWarning(logger) }) }),
    // One limit across every instance; while Redis is away the gate admits unchecked (and logs it).
    ...(redis && {
      rateLimiter: new RedisRateLimiter({ redis, leaseTtlMs: leaseTtlFor(config.timeouts.totalMs) }),
    }),
    ...(redis && {
      idempotencyCache: new RedisIdempotencyCache({
        redis,
        onError: redisWarning(logger, "idempotency cache"),
      }),
      loginThrottle: new RedisLoginThrottle({
        redis,
        now: Date.now,
        onError: redisWarning(logger, "login throttle"),
      }),
    }),
    ...(budgetLedger && { budgets: { ledger: budgetLedger } }),
    blockPrivateUpstreams: config.blockPrivateUpstreams,
    allowedPrivateUpstreams: allowListOf(config),
    imageFetch: config.imageFetch,
    responsesRetentionMs: config.responsesRetentionDays * 86_400_000,
    chatFiles: config.chatFiles,
    usageRecorder: usage,
    metrics,
    metricsToken: config.metrics.token,
    ...(consoleAssets && { console: consoleAssets }),
    ...(mailer && { mailer }),
    identity: {
      signUpEnabled: config.signUp.enabled,
      signUpDomains: config.signUp.domains,
      publicUrl: config.publicUrl,
    },
    sso: { allowHttpLoopbackIssuer: config.ssoAllowHttpLoopbackIssuer },
    chat: { titleModel: config.chatTitleModel },
  });
  try {
    await app.server.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.shutdown();
    await budgetLedger?.close();
    await usage.close();
    await store.close();
    await mailer?.close();
    redis?.disconnect();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      throw new ConfigError(`port ${config.port} is already in use (set PORT or --port)`);
    if (code === "EACCES") throw new ConfigError(`no permission to listen on port ${config.port}`);
    throw new ConfigError(`cannot listen on ${config.host}:${config.port}: ${(err as Error).message}`);
  }
  const address = app.server.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const shownHost = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  const url = `http://${shownHost}:${port}`;
  if (first) printFirstRun(options.print, first, url);
  if (consoleAssets) options.print(`Console: ${url}/ (sign in with the admin account)`);
  options.print(
    `Gatehouse listening on http://${config.host}:${port} (data: ${config.databaseUrl ? "PostgreSQL" : dataDir})`,
  );

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      app.drain();
      const http = app.server.server;
      const closing = app.server.close();
      // close() only drops connections idle at that moment; keep-alive sockets that go idle later (a
      // stream that finishes) would hold the process for the keep-alive timeout, so sweep them.
      const sweep = setInterval(() => http.closeIdleConnections(), 100);
      const cut = setTimeout(() => http.closeAllConnections(), config.shutdownTimeoutMs);
      await closing;
      clearInterval(sweep);
      clearTimeout(cut);
      await app.shutdown();
      await budgetLedger?.close();
      await usage.close();
      await store.close();
      // Pooled SMTP connections would otherwise keep the process alive after a stop.
      await mailer?.close();
      await redis?.quit().catch(() => redis.disconnect());
      logger.flush?.();
    })());
  return { url, stop };
}

/**
 * The Redis client of the shared state. It connects in the background and keeps reconnecting: while
 * Redis is away the breakers degrade to this instance's view (RedisBreakerStore) rather than failing
 * requests or the start, and commands fail fast instead of queueing behind the outage.
 */
function connectRedis(url: string, logger: Logger): Redis {
  // Loaded only when REDIS_URL is set: ~20 MB of resident code the embedded default never runs.
  const { Redis } = createRequire(import.meta.url)("ioredis") as typeof import("ioredis");
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  let reported = false;
  redis.on("error", (err: Error) => {
    if (reported) return;
    reported = true; // one line per outage, not one per reconnect attempt
    logger.warn({ reason: err.message }, "Redis unreachable; circuit breakers fall back to this instance");
  });
  redis.on("ready", () => {
    reported = false;
  });
  return redis;
}

function redisWarning(logger: Logger, what = "circuit breaker store"): (err: unknown) => void {
  return (err) => logger.debug({ reason: (err as Error).message }, `${what}: Redis call failed`);
}

function printFirstRun(print: (line: string) => void, r: FirstRunResult, url: string): void {
  print("");
  print("First start: Gatehouse created an admin account and an API key. They are shown only this once.");
  print(`  Admin:    ${r.adminEmail}`);
  print(`  Password: ${r.adminPassword}`);
  print(`  API key:  ${r.apiKey}`);
  if (r.providers.length > 0) for (const p of r.providers) print(`  Provider: ${p}`);
  else if (!r.hasProviders)
    print("  No provider yet: set OPENAI_API_KEY (or run `gatehouse providers add --help`).");
  print(`  Base URL: ${url}/v1`);
  print("");
}

/** GATEHOUSE_ALLOWED_PRIVATE_UPSTREAMS parsed; a bad entry stops the start with a one-line error. */
function allowListOf(config: Config): PrivateUpstreamAllowList {
  try {
    return parsePrivateUpstreamAllowList(config.allowedPrivateUpstreams);
  } catch (err) {
    throw new ConfigError(
      `invalid configuration: GATEHOUSE_ALLOWED_PRIVATE_UPSTREAMS: ${(err as Error).message}`,
    );
  }
}

function changeBusWarning(logger: Logger): (err: unknown) => void {
  return (err) => {
    logger.warn(
      { reason: (err as Error).message },
      "change bus: Redis call failed; the revision poll covers it",
    );
  };
}
