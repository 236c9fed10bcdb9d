import { fakeEmbedding, fakeServiceAccount, startFakeGemini } from "@gatehouse/test-support";
import { describe, expect, it } from "vitest";
import type { Provider } from "../../domain/provider.js";
import { buildTarget } from "../build-target.js";
import { sendUpstream } from "../testing/send-upstream.js";
import { vertexAdapter } from "./vertex-adapter.js";
import { vertexEmbeddings, vertexMaxEmbedInstances } from "./vertex-embeddings.js";

const KEY = fakeServiceAccount("sa-project").keyFile("https://oauth2.googleapis.com/token");

function target(baseUrl: string, config: Record<string, unknown>) {
  const provider: Provider = {
    id: "p1",
    tenantId: "t1",
    name: "vertex",
    kind: "vertex",
    baseUrl,
    credentials: null,
    credentialsLastFour: null,
    disabled: false,
    origin: "platform",
    config,
    createdAt: 0,
  };
  return buildTarget(provider, { serviceAccountJson: KEY });
}

describe("vertexEmbeddings", () => {
  it("is the Vertex adapter's embeddings API, without passthrough (Gemini bodies are not :predict's)", () => {
    expect(vertexAdapter.embeddings).toBe(vertexEmbeddings);
    expect(vertexEmbeddings.passthroughRequest).toBeUndefined();
  });

  it("posts instances to the publisher model's :predict in the project and location", () => {
    const t = target("https://us-central1-aiplatform.googleapis.com/v1", { project: "my-proj" });
    const up = vertexEmbeddings.request(
      { model: "pub", input: ["a"], dimensions: 256 },
      "text-embedding-005",
      t,
    );
    expect(up.path).toBe(
      "/v1/projects/my-proj/locations/us-central1/publishers/google/models/text-embedding-005:predict",
    );
    expect(up.headers).toBe(t.headers);
    expect(JSON.parse(String(up.body))).toEqual({
      instances: [{ content: "a" }],
      parameters: { outputDimensionality: 256 },
    });
  });

  it("takes 250 inputs a call, and one for gemini-embedding-001, as Vertex documents", () => {
    expect(vertexEmbeddings.maxInputsPerCall?.("text-embedding-005")).toBe(250);
    expect(vertexEmbeddings.maxInputsPerCall?.("text-multilingual-embedding-002")).toBe(250);
    expect(vertexEmbeddings.maxInputsPerCall?.("gemini-embedding-001")).toBe(1);
    expect(vertexMaxEmbedInstances("gemini-embedding-001")).toBe(1);
  });

  it("gets vectors and token counts from the fake Vertex :predict, in batches of the model's limit", async () => {
    const fake = await startFakeGemini({ acceptBearer: (token) => token === "ya29.test" });
    const token = { authorization: "Bearer ya29.test" };
    try {
      const t = target(`${fake.origin}/v1`, { project: "my-proj", location: "us-central1" });
      const ir = { model: "pub", input: ["alpha", "bravo charlie"], dimensions: 4 };
      const answer = await sendUpstream(t, vertexEmbeddings.request(ir, "text-embedding-005", t), token);
      expect(answer.status).toBe(200);
      expect(vertexEmbeddings.decodeResponse(answer.json, "pub")).toEqual({
        model: "pub",
        vectors: [fakeEmbedding("alpha", 4), fakeEmbedding("bravo charlie", 4)],
        inputTokens: 6,
      });
      // More inputs than gemini-embedding-001 takes: Vertex's 400, which the forwarder's split avoids.
      const whole = await sendUpstream(t, vertexEmbeddings.request(ir, "gemini-embedding-001", t), token);
      expect(whole.status).toBe(400);
      const error = vertexAdapter.decodeError(
        whole.status,
        whole.bytes.toString(),
        whole.headers,
        Date.now(),
      );
      expect(error.status).toBe(400);
      const limit = vertexEmbeddings.maxInputsPerCall!("gemini-embedding-001")!;
      const vectors: number[][] = [];
      for (let i = 0; i < ir.input.length; i += limit) {
        const part = { ...ir, input: ir.input.slice(i, i + limit) };
        const r = await sendUpstream(t, vertexEmbeddings.request(part, "gemini-embedding-001", t), token);
        vectors.push(...vertexEmbeddings.decodeResponse(r.json, "pub").vectors);
      }
      expect(vectors).toEqual([fakeEmbedding("alpha", 4), fakeEmbedding("bravo charlie", 4)]);
    } finally {
      await fake.close();
    }
  });
});
