import { fakeServiceAccount } from "@gatehouse/test-support";
import { describe, expect, it } from "vitest";
import type { Provider, ProviderKind } from "../domain/provider.js";
import { SUPPORTED_PROVIDER_KINDS } from "./adapter-for.js";
import { buildTarget } from "./build-target.js";
import type { ProviderCredentials } from "./upstream-target.js";

const KEY = "sk-canary-0123456789";

function provider(kind: ProviderKind, config: Record<string, unknown> = {}): Provider {
  const baseUrl =
    kind === "vertex" ? "https://us-central1-aiplatform.googleapis.com/v1" : "https://up.test/v1";
  return {
    id: "p1",
    tenantId: "t1",
    name: kind,
    kind,
    baseUrl,
    credentials: null,
    credentialsLastFour: null,
    disabled: false,
    origin: "platform",
    config,
    createdAt: 0,
  };
}

/** Vertex cannot build a target without its service account key (its token source needs one). */
function credentials(kind: ProviderKind): ProviderCredentials {
  return kind === "vertex"
    ? { apiKey: KEY, serviceAccountJson: fakeServiceAccount().keyFile("https://oauth2.googleapis.com/token") }
    : { apiKey: KEY };
}

describe("buildTarget", () => {
  it.each([
    ["openai", { authorization: `Bearer ${KEY}` }],
    ["anthropic", { "x-api-key": KEY, "anthropic-version": "2023-06-01" }],
    ["gemini", { "x-goog-api-key": KEY }],
    ["azure", { "api-key": KEY }],
    ["ollama", { authorization: `Bearer ${KEY}` }],
    ["bedrock", {}],
    ["vertex", {}],
  ] as const)(
    "puts a %s key in the kind's own header style (none where requests are signed)",
    (kind, auth) => {
      const t = buildTarget(provider(kind), credentials(kind));
      expect(t.headers).toEqual({ "content-type": "application/json", ...auth });
      expect(t.credentials.apiKey).toBe(KEY);
    },
  );

  it("covers every supported kind", () => {
    for (const kind of SUPPORTED_PROVIDER_KINDS) {
      expect(() => buildTarget(provider(kind), credentials(kind))).not.toThrow();
    }
  });

  it("sends no auth header without a key, but always anthropic-version (from config when set)", () => {
    expect(buildTarget(provider("openai"), {}).headers).toEqual({ "content-type": "application/json" });
    expect(buildTarget(provider("anthropic", { anthropicVersion: "2024-01-01" }), {}).headers).toEqual({
      "content-type": "application/json",
      "anthropic-version": "2024-01-01",
    });
  });

  it("splits the base URL and keeps the config; only Vertex gets request-time auth", () => {
    const t = buildTarget(provider("openai", { acceptsTopK: true }), { apiKey: KEY });
    expect(t).toMatchObject({ origin: "https://up.test", basePath: "/v1", config: { acceptsTopK: true } });
    expect(t.auth).toBeUndefined();
    expect(buildTarget(provider("vertex"), credentials("vertex")).auth).toBeDefined();
  });
});
