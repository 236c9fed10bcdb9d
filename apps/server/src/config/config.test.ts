import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("applies defaults", () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.bodyLimit).toBe(10 * 1024 * 1024);
    expect(c.dataDir).toBe("data");
    expect(c.databaseUrl).toBeUndefined();
  });

  it("lets flags override the environment", () => {
    expect(loadConfig({ PORT: "9000" }, { PORT: "9100" }).port).toBe(9100);
  });

  it("reports every malformed variable in one line", () => {
    try {
      loadConfig({ PORT: "http", DATABASE_URL: "mysql://x", OLLAMA_HOST: "ftp://x" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const m = (e as Error).message;
      expect(m).not.toContain("\n");
      expect(m).toContain("PORT must be an integer");
      expect(m).toContain("DATABASE_URL must start with postgres://");
      expect(m).toContain("OLLAMA_HOST must be an http(s) URL");
    }
  });

  it("reads REDIS_URL and the total timeout, refusing a URL that is not Redis's", () => {
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(loadConfig({}).timeouts.totalMs).toBe(600_000);
    const c = loadConfig({ REDIS_URL: "redis://cache:6379/2", GATEHOUSE_TOTAL_TIMEOUT_MS: "30000" });
    expect(c.redisUrl).toBe("redis://cache:6379/2");
    expect(c.timeouts.totalMs).toBe(30_000);
    expect(() => loadConfig({ REDIS_URL: "http://cache" })).toThrow(/REDIS_URL must start with redis:\/\//);
  });

  it("reads the SSRF and image-fetch settings, off and 20 MiB by default", () => {
    expect(loadConfig({})).toMatchObject({
      blockPrivateUpstreams: false,
      imageFetch: { maxBytes: 20 * 1024 * 1024, allowPrivate: false },
    });
    const c = loadConfig({
      GATEHOUSE_BLOCK_PRIVATE_UPSTREAMS: "1",
      GATEHOUSE_IMAGE_FETCH_ALLOW_PRIVATE: "true",
      GATEHOUSE_IMAGE_MAX_BYTES: "5000",
    });
    expect(c).toMatchObject({
      blockPrivateUpstreams: true,
      imageFetch: { maxBytes: 5000, allowPrivate: true },
    });
    expect(() => loadConfig({ GATEHOUSE_BLOCK_PRIVATE_UPSTREAMS: "yes" })).toThrow(
      "GATEHOUSE_BLOCK_PRIVATE_UPSTREAMS must be 1 or 0",
    );
  });

  it("accepts http single sign-on issuers on this machine only when asked to", () => {
    expect(loadConfig({}).ssoAllowHttpLoopbackIssuer).toBe(false);
    expect(loadConfig({ GATEHOUSE_SSO_ALLOW_HTTP_LOOPBACK: "1" }).ssoAllowHttpLoopbackIssuer).toBe(true);
    expect(() => loadConfig({ GATEHOUSE_SSO_ALLOW_HTTP_LOOPBACK: "yes" })).toThrow(
      "GATEHOUSE_SSO_ALLOW_HTTP_LOOPBACK must be 1 or 0",
    );
  });

  it("normalises provider URLs from the environment", () => {
    const c = loadConfig({ OLLAMA_HOST: "127.0.0.1:11434", OPENAI_BASE_URL: "https://api.example.com/v1/" });
    expect(c.envProviders.ollamaHost).toBe("http://127.0.0.1:11434");
    expect(c.envProviders.openaiBaseUrl).toBe("https://api.example.com/v1");
  });

  it("refuses an unknown log level and an admin email without @", () => {
    expect(() => loadConfig({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL must be one of fatal, error/);
    expect(() => loadConfig({ GATEHOUSE_ADMIN_EMAIL: "admin" })).toThrow(
      "GATEHOUSE_ADMIN_EMAIL must be an email address",
    );
    expect(loadConfig({ LOG_LEVEL: "warn", GATEHOUSE_ADMIN_EMAIL: "ops@acme.io" })).toMatchObject({
      logLevel: "warn",
      adminEmail: "ops@acme.io",
    });
  });

  it("reads GATEHOUSE_SPOOL_DIR as given (resolveSpoolDir picks the default)", () => {
    expect(loadConfig({}).spoolDir).toBeUndefined();
    expect(loadConfig({ GATEHOUSE_SPOOL_DIR: "off" }).spoolDir).toBe("off");
    expect(loadConfig({ GATEHOUSE_SPOOL_DIR: "/run/gatehouse" }).spoolDir).toBe("/run/gatehouse");
  });

  it("reads the Responses WebSocket mode's idle and connection limits (10 and 60 minutes by default)", () => {
    expect(loadConfig({}).responsesWebSocket).toEqual({ idleMs: 600_000, maxConnectionMs: 3_600_000 });
    const set = { GATEHOUSE_WS_IDLE_TIMEOUT_MS: "30000", GATEHOUSE_WS_MAX_CONNECTION_MS: "120000" };
    expect(loadConfig(set).responsesWebSocket).toEqual({ idleMs: 30_000, maxConnectionMs: 120_000 });
    expect(() => loadConfig({ GATEHOUSE_WS_IDLE_TIMEOUT_MS: "5" })).toThrow("GATEHOUSE_WS_IDLE_TIMEOUT_MS");
  });

  it("reads the metrics switch (off by default) and its optional token", () => {
    expect(loadConfig({}).metrics).toEqual({ enabled: false, token: undefined });
    expect(loadConfig({ GATEHOUSE_METRICS: "on" }).metrics.enabled).toBe(true);
    expect(loadConfig({ GATEHOUSE_METRICS: "OFF" }).metrics.enabled).toBe(false);
    expect(loadConfig({ GATEHOUSE_METRICS: "1", GATEHOUSE_METRICS_TOKEN: "s3cret" }).metrics).toEqual({
      enabled: true,
      token: "s3cret",
    });
    expect(() => loadConfig({ GATEHOUSE_METRICS: "yes" })).toThrow(
      'GATEHOUSE_METRICS must be on or off, got "yes"',
    );
  });

  it("reads the stored responses' retention in days: 30 by default, 0 turns storing off", () => {
    expect(loadConfig({}).responsesRetentionDays).toBe(30);
    expect(loadConfig({ GATEHOUSE_RESPONSES_RETENTION_DAYS: "0" }).responsesRetentionDays).toBe(0);
    expect(loadConfig({ GATEHOUSE_RESPONSES_RETENTION_DAYS: "7" }).responsesRetentionDays).toBe(7);
    for (const bad of ["-1", "3651", "week"])
      expect(() => loadConfig({ GATEHOUSE_RESPONSES_RETENTION_DAYS: bad })).toThrow(
        /GATEHOUSE_RESPONSES_RETENTION_DAYS/,
      );
  });
});
