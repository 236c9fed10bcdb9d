import { fakeEmbedding, startFakeOpenAI } from "@gatehouse/test-support";
import { describe, expect, it } from "vitest";
import type { Provider } from "../../domain/provider.js";
import { buildTarget } from "../build-target.js";
import { sendUpstream } from "../testing/send-upstream.js";
import { azureAdapter } from "./azure-adapter.js";
import { azureEmbeddings } from "./azure-embeddings.js";

function target(baseUrl: string, config: Record<string, unknown> = {}) {
  const provider: Provider = {
    id: "p1",
    tenantId: "t1",
    name: "azure",
    kind: "azure",
    baseUrl,
    credentials: null,
    credentialsLastFour: null,
    disabled: false,
    origin: "platform",
    config,
    createdAt: 0,
  };
  return buildTarget(provider, { apiKey: "azure-key" });
}

const ir = { model: "public", input: ["a", "b"], dimensions: 3, encodingFormat: "float" as const };

describe("azureEmbeddings", () => {
  it("is the Azure adapter's embeddings API, passthrough from OpenAI clients included", () => {
    expect(azureAdapter.embeddings).toBe(azureEmbeddings);
    expect(azureAdapter.protocol).toBe("openai");
    expect(azureEmbeddings.passthroughRequest).toBeDefined();
  });

  it("posts OpenAI's embeddings body to the deployment URL with the api-version", () => {
    const up = azureEmbeddings.request(ir, "embed prod", target("https://r.openai.azure.com"));
    expect(up.path).toBe("/openai/deployments/embed%20prod/embeddings?api-version=2024-10-21");
    expect(up.headers["api-key"]).toBe("azure-key");
    expect(JSON.parse(String(up.body))).toEqual({
      model: "embed prod",
      input: ["a", "b"],
      dimensions: 3,
      encoding_format: "float",
    });
  });

  it("speaks the v1 API when config.apiVersion is v1, and uses a configured dated version", () => {
    const v1 = azureEmbeddings.request(
      ir,
      "embed-prod",
      target("https://r.openai.azure.com", { apiVersion: "v1" }),
    );
    expect(v1.path).toBe("/openai/v1/embeddings");
    expect(JSON.parse(String(v1.body)).model).toBe("embed-prod");
    const dated = target("https://r.openai.azure.com", { apiVersion: "2025-04-01-preview" });
    expect(azureEmbeddings.request(ir, "e", dated).path).toBe(
      "/openai/deployments/e/embeddings?api-version=2025-04-01-preview",
    );
  });

  it("passes an OpenAI client's body through with only the model renamed", () => {
    const raw = Buffer.from(JSON.stringify({ model: "public", input: "a", encoding_format: "base64" }));
    const up = azureEmbeddings.passthroughRequest!(
      raw,
      "embed-prod",
      target("https://r.openai.azure.com"),
      "embeddings",
    );
    expect(up.path).toBe("/openai/deployments/embed-prod/embeddings?api-version=2024-10-21");
    expect(JSON.parse(String(up.body))).toEqual({
      model: "embed-prod",
      input: "a",
      encoding_format: "base64",
    });
  });

  it("takes at most 2048 inputs a call", () => {
    expect(azureEmbeddings.maxInputsPerCall?.("embed-prod")).toBe(2048);
  });

  it("gets vectors from the fake Azure endpoint in both URL forms, under the public name", async () => {
    const fake = await startFakeOpenAI({ apiKey: "azure-key" });
    try {
      for (const config of [{}, { apiVersion: "v1" }]) {
        const t = target(fake.origin, config);
        const answer = await sendUpstream(t, azureEmbeddings.request(ir, "embed-prod", t));
        expect(answer.status).toBe(200);
        const decoded = azureEmbeddings.decodeResponse(answer.json, "public");
        expect(decoded.model).toBe("public");
        expect(decoded.vectors).toEqual([fakeEmbedding("a", 3), fakeEmbedding("b", 3)]);
        expect(decoded.inputTokens).toBeGreaterThan(0);
      }
      const t = target(fake.origin);
      const raw = Buffer.from(JSON.stringify({ model: "public", input: ["a"], encoding_format: "base64" }));
      const passed = await sendUpstream(
        t,
        azureEmbeddings.passthroughRequest!(raw, "embed-prod", t, "embeddings"),
      );
      expect(azureEmbeddings.decodeResponse(passed.json, "public").vectors).toEqual([fakeEmbedding("a", 8)]);
    } finally {
      await fake.close();
    }
  });
});
