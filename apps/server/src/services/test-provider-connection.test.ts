import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  startFakeAnthropic,
  startFakeGemini,
  startFakeOllama,
  startFakeOpenAI,
} from "@gatehouse/test-support";
import { Agent } from "undici";
import { afterAll, describe, expect, it } from "vitest";
import type { Provider, ProviderKind } from "../domain/provider.js";
import { ssrfGuard } from "../security/ssrf-guard.js";
import { redact, testProviderConnection } from "./test-provider-connection.js";

const dispatcher = new Agent();
afterAll(() => dispatcher.close());

function provider(kind: ProviderKind, baseUrl: string, config: Record<string, unknown> = {}): Provider {
  return {
    id: "prv_1",
    tenantId: "ten_1",
    name: kind,
    kind,
    baseUrl,
    credentials: null,
    credentialsLastFour: null,
    disabled: false,
    origin: "tenant",
    config,
    createdAt: 0,
  };
}

const KEY = "sk-test-abcdefghijklmnopqrstuvwxyz";
const deps = { dispatcher, now: Date.now };

describe("testProviderConnection", () => {
  it("lists models with each kind's auth: OpenAI, Anthropic, Gemini, Ollama", async () => {
    const fakes = {
      openai: await startFakeOpenAI({ apiKey: KEY }),
      anthropic: await startFakeAnthropic({ apiKey: KEY }),
      gemini: await startFakeGemini({ apiKey: KEY }),
      ollama: await startFakeOllama(),
    };
    try {
      const bases = {
        openai: fakes.openai.url,
        anthropic: fakes.anthropic.origin,
        gemini: `${fakes.gemini.origin}/v1beta`,
        ollama: fakes.ollama.origin,
      };
      for (const [kind, base] of Object.entries(bases) as [ProviderKind, string][]) {
        const good = await testProviderConnection(provider(kind, base), { apiKey: KEY }, deps);
        expect(good, kind).toMatchObject({ ok: true, status: 200, message: "Connected." });
      }
      expect(fakes.anthropic.requests.at(-1)).toMatchObject({ method: "GET", path: "/v1/models" });
      expect(fakes.anthropic.requests.at(-1)?.headers["x-api-key"]).toBe(KEY);
      expect(fakes.gemini.requests.at(-1)?.headers["x-goog-api-key"]).toBe(KEY);
      expect(fakes.gemini.requests.at(-1)?.path).toBe("/v1beta/models");
      expect(fakes.ollama.requests.at(-1)?.path).toBe("/api/tags");
      for (const kind of ["openai", "anthropic", "gemini"] as const) {
        const bad = await testProviderConnection(
          provider(kind, bases[kind]),
          { apiKey: `${KEY}-wrong` },
          deps,
        );
        expect(bad.ok, kind).toBe(false);
        // Gemini answers a wrong key with 400 API_KEY_INVALID, the others with 401.
        expect([400, 401, 403], kind).toContain(bad.status);
        expect(bad.message).not.toContain(KEY.slice(0, 12));
      }
    } finally {
      await Promise.all(Object.values(fakes).map((f) => f.close()));
    }
  });

  it("answers ok false without a status for a refused address, an unreachable host, or no answer in time", async () => {
    const guarded = new Agent({ connect: ssrfGuard() });
    const refused = await testProviderConnection(
      provider("openai", "http://127.0.0.1:9/v1"),
      { apiKey: KEY },
      {
        dispatcher: guarded,
        now: Date.now,
      },
    );
    await guarded.close();
    expect(refused).toMatchObject({ ok: false, status: null });
    expect(refused.message).toMatch(/loopback/);
    const closed = await testProviderConnection(
      provider("openai", "http://127.0.0.1:9/v1"),
      { apiKey: KEY },
      deps,
    );
    expect(closed).toMatchObject({ ok: false, status: null });
    expect(closed.message).toMatch(/Could not reach/);
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    try {
      const port = (silent.address() as AddressInfo).port;
      const slow = await testProviderConnection(
        provider("ollama", `http://127.0.0.1:${port}`),
        {},
        {
          ...deps,
          timeoutMs: 200,
        },
      );
      expect(slow).toMatchObject({ ok: false, status: null, message: "No answer within the time limit." });
      expect(slow.latencyMs).toBeLessThan(2_000);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe("redact", () => {
  it("removes the secrets, slices of them, bearer tokens and key-shaped strings, and shortens", () => {
    const secret = "sk-proj-ABCDEFGHIJKLMNOPQRSTUVWX";
    const text = `Incorrect API key provided: ${secret}. Or ${secret.slice(0, 10)}***${secret.slice(-8)}; Bearer abc.def AIzaSyA1234567890abcdef ?key=zzz`;
    const out = redact(text, [secret]);
    expect(out).not.toContain(secret.slice(0, 10));
    expect(out).not.toContain(secret.slice(-8));
    expect(out).not.toContain("abc.def");
    expect(out).not.toContain("AIzaSy");
    expect(out).not.toContain("zzz");
    expect(out).toContain("Incorrect API key provided");
    expect(redact("x".repeat(1000), []).length).toBeLessThanOrEqual(301);
  });
});
