import { EnvReader } from "./env-reader.js";

const MiB = 1024 * 1024;
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
type LogLevel = (typeof LOG_LEVELS)[number];
/** An address with one @, something before it and a dotted or single-label domain after it. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Gatehouse's resolved configuration. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * GATEHOUSE_SPOOL_DIR as given: where SQLite mode spools usage records before they are committed
   * (unset: a default chosen by resolveSpoolDir; "off": no spool, `begin` waits for the commit).
   */
  spoolDir: string | undefined;
  encryptionKey: string | undefined;
  /** Shared state across instances (circuit breakers); unset: each process keeps its own in memory. */
  redisUrl: string | undefined;
  logLevel: LogLevel;
  bodyLimit: number;
  timeouts: { connectMs: number; firstByteMs: number; idleMs: number; totalMs: number };
  shutdownTimeoutMs: number;
  /** The Responses API's WebSocket mode: idle limit and a connection's longest life (docs/responses.md). */
  responsesWebSocket: { idleMs: number; maxConnectionMs: number };
  /** Refuse upstream connections to private and reserved addresses (SSRF guard); off by default. */
  blockPrivateUpstreams: boolean;
  /**
   * Private upstreams providers registered by tenants may still reach (GATEHOUSE_ALLOWED_PRIVATE_UPSTREAMS):
   * comma-separated CIDRs and host:port pairs, parsed when the server starts.
   */
  allowedPrivateUpstreams: string;
  /** Fetching client image URLs for upstreams that need bytes (always behind the SSRF guard). */
  imageFetch: { maxBytes: number; allowPrivate: boolean };
  /** Chat attachments: what each tenant may store in all (GATEHOUSE_CHAT_FILES_QUOTA_MB, 1024 by default). */
  chatFiles: { quotaBytes: number };
  adminEmail: string;
  /** Who may create an account: sign-up on or off (GATEHOUSE_SIGNUP), and the email domains it accepts. */
  signUp: { enabled: boolean; domains: string[] };
  /** Where people reach this Gatehouse, for links in emails (GATEHOUSE_PUBLIC_URL). */
  publicUrl: string;
  /** The built web console served at `/` (GATEHOUSE_CONSOLE_DIR; default: the one built beside the server). */
  consoleDir: string | undefined;
  /**
   * The model that titles new chat conversations after their first answer (GATEHOUSE_CHAT_TITLE_MODEL, a
   * catalog name such as `openai/gpt-4o-mini`); unset: the title is the first question, shortened.
   */
  chatTitleModel: string | undefined;
  /** Accept an http single sign-on issuer on 127.0.0.1/localhost (GATEHOUSE_SSO_ALLOW_HTTP_LOOPBACK, development). */
  ssoAllowHttpLoopbackIssuer: boolean;
  /**
   * Prometheus metrics at GET /metrics on the main port (GATEHOUSE_METRICS=on; off by default), behind
   * a bearer token when GATEHOUSE_METRICS_TOKEN is set.
   */
  metrics: { enabled: boolean; token: string | undefined };
  /** Days stored Responses API answers are kept (GATEHOUSE_RESPONSES_RETENTION_DAYS; 0: none stored). */
  responsesRetentionDays: number;
  /** Outgoing mail for password resets, verification and invitations; unset: those flows answer 503. */
  smtp: { url: string; from: string } | undefined;
  /** Provider credentials found in the environment, offered as providers on first start. */
  envProviders: {
    openaiApiKey?: string;
    openaiBaseUrl?: string;
    anthropicApiKey?: string;
    geminiApiKey?: string;
    ollamaHost?: string;
  };
}

/** Thrown for bad configuration; the CLI prints its message as one line and exits non-zero. */
function smtpOf(e: EnvReader): Config["smtp"] {
  const url = e.matching("GATEHOUSE_SMTP_URL", /^smtps?:\/\//, "must start with smtp:// or smtps://");
  if (url === undefined) return undefined;
  return { url, from: e.string("GATEHOUSE_SMTP_FROM", "Gatehouse <gatehouse@localhost>") };
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Reads the configuration from environment variables, with flag overrides (`--port`, `--host`,
 * `--data-dir`) applied on top. Every problem is reported at once, one per line.
 */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Record<string, string>> = {}): Config {
  const e = new EnvReader({
    ...env,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  });
  // README "Configuration" lists the same variables with the same defaults.
  const config: Config = {
    port: e.int("PORT", 8080, 0, 65535),
    host: e.string("HOST", "0.0.0.0"),
    dataDir: e.string("GATEHOUSE_DATA_DIR", "data"),
    databaseUrl: e.matching(
      "DATABASE_URL",
      /^postgres(ql)?:\/\//,
      "must start with postgres:// or postgresql://",
    ),
    encryptionKey: e.optional("GATEHOUSE_ENCRYPTION_KEY"),
    spoolDir: e.optional("GATEHOUSE_SPOOL_DIR"),
    redisUrl: e.matching("REDIS_URL", /^rediss?:\/\//, "must start with redis:// or rediss://"),
    logLevel: e.oneOf("LOG_LEVEL", LOG_LEVELS, "info"),
    bodyLimit: e.int("GATEHOUSE_BODY_LIMIT", 10 * MiB, 1024, 1024 * MiB),
    timeouts: {
      connectMs: e.int("GATEHOUSE_CONNECT_TIMEOUT_MS", 5_000, 100, 600_000),
      firstByteMs: e.int("GATEHOUSE_FIRST_BYTE_TIMEOUT_MS", 120_000, 100, 3_600_000),
      idleMs: e.int("GATEHOUSE_IDLE_TIMEOUT_MS", 120_000, 100, 3_600_000),
      totalMs: e.int("GATEHOUSE_TOTAL_TIMEOUT_MS", 600_000, 100, 3_600_000),
    },
    responsesWebSocket: {
      idleMs: e.int("GATEHOUSE_WS_IDLE_TIMEOUT_MS", 600_000, 1_000, 86_400_000),
      maxConnectionMs: e.int("GATEHOUSE_WS_MAX_CONNECTION_MS", 3_600_000, 1_000, 86_400_000),
    },
    shutdownTimeoutMs: e.int("GATEHOUSE_SHUTDOWN_TIMEOUT_MS", 30_000, 0, 3_600_000),
    blockPrivateUpstreams: e.flag("GATEHOUSE_BLOCK_PRIVATE_UPSTREAMS"),
    allowedPrivateUpstreams: e.optional("GATEHOUSE_ALLOWED_PRIVATE_UPSTREAMS") ?? "",
    imageFetch: {
      maxBytes: e.int("GATEHOUSE_IMAGE_MAX_BYTES", 20 * MiB, 1024, 100 * MiB),
      allowPrivate: e.flag("GATEHOUSE_IMAGE_FETCH_ALLOW_PRIVATE"),
    },
    chatFiles: { quotaBytes: e.int("GATEHOUSE_CHAT_FILES_QUOTA_MB", 1024, 1, 1_048_576) * MiB },
    adminEmail: e.matching("GATEHOUSE_ADMIN_EMAIL", EMAIL, "must be an email address") ?? "admin@localhost",
    signUp: {
      enabled: e.flag("GATEHOUSE_SIGNUP"),
      domains: (e.optional("GATEHOUSE_SIGNUP_DOMAINS") ?? "")
        .split(",")
        .map((d) => d.trim().toLowerCase())
        .filter((d) => d !== ""),
    },
    publicUrl: (e.httpUrl("GATEHOUSE_PUBLIC_URL") ?? "").replace(/\/+$/, ""),
    ssoAllowHttpLoopbackIssuer: e.flag("GATEHOUSE_SSO_ALLOW_HTTP_LOOPBACK"),
    consoleDir: e.optional("GATEHOUSE_CONSOLE_DIR"),
    chatTitleModel: e.matching("GATEHOUSE_CHAT_TITLE_MODEL", /^\S{1,200}$/, "must be a model name"),
    smtp: smtpOf(e),
    responsesRetentionDays: e.int("GATEHOUSE_RESPONSES_RETENTION_DAYS", 30, 0, 3650),
    metrics: { enabled: e.onOff("GATEHOUSE_METRICS"), token: e.optional("GATEHOUSE_METRICS_TOKEN") },
    envProviders: {
      openaiApiKey: e.optional("OPENAI_API_KEY"),
      openaiBaseUrl: e.httpUrl("OPENAI_BASE_URL"),
      anthropicApiKey: e.optional("ANTHROPIC_API_KEY"),
      geminiApiKey: e.optional("GEMINI_API_KEY"),
      ollamaHost: e.httpUrl("OLLAMA_HOST"),
    },
  };
  if (config.publicUrl === "") config.publicUrl = `http://localhost:${config.port}`;
  if (e.problems.length > 0) throw new ConfigError(`invalid configuration: ${e.problems.join("; ")}`);
  return config;
}
