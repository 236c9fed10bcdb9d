import { z } from "zod";

const MiB = 1024 * 1024;

const intFrom = (name: string, def: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: "custom",
          message: `${name} must be an integer from ${min} to ${max}, got "${v}"`,
        });
        return z.NEVER;
      }
      return n;
    });

const flag = (name: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "" || v === "0" || v === "false") return false;
      if (v === "1" || v === "true") return true;
      ctx.addIssue({ code: "custom", message: `${name} must be 1 or 0, got "${v}"` });
      return z.NEVER;
    });

const optionalUrl = (name: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return undefined;
      try {
        const u = new URL(v.includes("://") ? v : `http://${v}`);
        if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
        return u.toString().replace(/\/$/, "");
      } catch {
        ctx.addIssue({ code: "custom", message: `${name} must be an http(s) URL, got "${v}"` });
        return z.NEVER;
      }
    });

/** Environment variables Gatehouse reads, with their defaults. README "Configuration" lists the same. */
const envSchema = z.object({
  PORT: intFrom("PORT", 8080, 0, 65535),
  HOST: z.string().default("0.0.0.0"),
  GATEHOUSE_DATA_DIR: z.string().default("data"),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "" || /^postgres(ql)?:\/\//.test(v), {
      message: "DATABASE_URL must start with postgres:// or postgresql://",
    }),
  GATEHOUSE_ENCRYPTION_KEY: z.string().optional(),
  REDIS_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "" || /^rediss?:\/\//.test(v), {
      message: "REDIS_URL must start with redis:// or rediss://",
    }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  GATEHOUSE_BODY_LIMIT: intFrom("GATEHOUSE_BODY_LIMIT", 10 * MiB, 1024, 1024 * MiB),
  GATEHOUSE_CONNECT_TIMEOUT_MS: intFrom("GATEHOUSE_CONNECT_TIMEOUT_MS", 5_000, 100, 600_000),
  GATEHOUSE_FIRST_BYTE_TIMEOUT_MS: intFrom("GATEHOUSE_FIRST_BYTE_TIMEOUT_MS", 120_000, 100, 3_600_000),
  GATEHOUSE_IDLE_TIMEOUT_MS: intFrom("GATEHOUSE_IDLE_TIMEOUT_MS", 120_000, 100, 3_600_000),
  GATEHOUSE_TOTAL_TIMEOUT_MS: intFrom("GATEHOUSE_TOTAL_TIMEOUT_MS", 600_000, 100, 3_600_000),
  GATEHOUSE_SHUTDOWN_TIMEOUT_MS: intFrom("GATEHOUSE_SHUTDOWN_TIMEOUT_MS", 30_000, 0, 3_600_000),
  GATEHOUSE_BLOCK_PRIVATE_UPSTREAMS: flag("GATEHOUSE_BLOCK_PRIVATE_UPSTREAMS"),
  GATEHOUSE_IMAGE_FETCH_ALLOW_PRIVATE: flag("GATEHOUSE_IMAGE_FETCH_ALLOW_PRIVATE"),
  GATEHOUSE_IMAGE_MAX_BYTES: intFrom("GATEHOUSE_IMAGE_MAX_BYTES", 20 * MiB, 1024, 100 * MiB),
  GATEHOUSE_ADMIN_EMAIL: z
    .email({ message: "GATEHOUSE_ADMIN_EMAIL must be an email address" })
    .default("admin@localhost"),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: optionalUrl("OPENAI_BASE_URL"),
  ANTHROPIC_API_KEY: z.string().optional(),
  GEMINI_API_KEY: z.string().optional(),
  OLLAMA_HOST: optionalUrl("OLLAMA_HOST"),
});

/** Gatehouse's resolved configuration. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  encryptionKey: string | undefined;
  /** Shared state across instances (circuit breakers); unset: each process keeps its own in memory. */
  redisUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  bodyLimit: number;
  timeouts: { connectMs: number; firstByteMs: number; idleMs: number; totalMs: number };
  shutdownTimeoutMs: number;
  /** Refuse upstream connections to private and reserved addresses (SSRF guard); off by default. */
  blockPrivateUpstreams: boolean;
  /** Fetching client image URLs for upstreams that need bytes (always behind the SSRF guard). */
  imageFetch: { maxBytes: number; allowPrivate: boolean };
  adminEmail: string;
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
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Reads the configuration from environment variables, with flag overrides (`--port`, `--host`,
 * `--data-dir`) applied on top. Every problem is reported at once, one per line.
 */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Record<string, string>> = {}): Config {
  const merged = {
    ...env,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
  const parsed = envSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => (i.path.length ? `${String(i.path[0])}: ` : "") + i.message);
    throw new ConfigError(`invalid configuration: ${lines.join("; ")}`);
  }
  const e = parsed.data;
  const nonEmpty = (v: string | undefined) => (v === undefined || v === "" ? undefined : v);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.GATEHOUSE_DATA_DIR,
    databaseUrl: nonEmpty(e.DATABASE_URL),
    encryptionKey: nonEmpty(e.GATEHOUSE_ENCRYPTION_KEY),
    redisUrl: nonEmpty(e.REDIS_URL),
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.GATEHOUSE_BODY_LIMIT,
    timeouts: {
      connectMs: e.GATEHOUSE_CONNECT_TIMEOUT_MS,
      firstByteMs: e.GATEHOUSE_FIRST_BYTE_TIMEOUT_MS,
      idleMs: e.GATEHOUSE_IDLE_TIMEOUT_MS,
      totalMs: e.GATEHOUSE_TOTAL_TIMEOUT_MS,
    },
    shutdownTimeoutMs: e.GATEHOUSE_SHUTDOWN_TIMEOUT_MS,
    blockPrivateUpstreams: e.GATEHOUSE_BLOCK_PRIVATE_UPSTREAMS,
    imageFetch: {
      maxBytes: e.GATEHOUSE_IMAGE_MAX_BYTES,
      allowPrivate: e.GATEHOUSE_IMAGE_FETCH_ALLOW_PRIVATE,
    },
    adminEmail: e.GATEHOUSE_ADMIN_EMAIL,
    envProviders: {
      openaiApiKey: nonEmpty(e.OPENAI_API_KEY),
      openaiBaseUrl: e.OPENAI_BASE_URL,
      anthropicApiKey: nonEmpty(e.ANTHROPIC_API_KEY),
      geminiApiKey: nonEmpty(e.GEMINI_API_KEY),
      ollamaHost: e.OLLAMA_HOST,
    },
  };
}
