import { ApiError, GoogleGenAI } from "@google/genai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeEmbedding } from "./fake-embedding.js";
import { startFakeGemini } from "./fake-gemini.js";
import type { FakeServer } from "./fake-server.js";

let fake: FakeServer;
let vertex: GoogleGenAI;
beforeAll(async () => {
  fake = await startFakeGemini({ acceptBearer: (t) => t === "ya29.good" });
  // Google's own SDK in Vertex mode, its token from a stand-in auth client: what it sends and how it
  // reads the answer is the reference for the fake's :predict.
  const authClient = { getRequestHeaders: async () => new Headers({ authorization: "Bearer ya29.good" }) };
  vertex = new GoogleGenAI({
    vertexai: true,
    project: "my-proj",
    location: "us-central1",
    httpOptions: { baseUrl: fake.origin, apiVersion: "v1", retryOptions: { attempts: 1 } },
    googleAuthOptions: { authClient } as never,
  });
});
afterAll(() => fake.close());

const PATH = "/v1/projects/my-proj/locations/us-central1/publishers/google/models";

function post(path: string, body: unknown, token = "ya29.good") {
  return fetch(`${fake.origin}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

describe("startFakeGemini: Vertex AI text embeddings (:predict)", () => {
  it("answers the SDK's :predict with one embedding and its token count per input, in order", async () => {
    const res = await vertex.models.embedContent({
      model: "text-embedding-005",
      contents: ["alpha", "bravo charlie"],
      config: { outputDimensionality: 4 },
    });
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe(`${PATH}/text-embedding-005:predict`);
    expect(sent.json).toEqual({
      instances: [{ content: "alpha" }, { content: "bravo charlie" }],
      parameters: { outputDimensionality: 4 },
    });
    expect(res.embeddings?.map((e) => e.values)).toEqual([
      fakeEmbedding("alpha", 4),
      fakeEmbedding("bravo charlie", 4),
    ]);
    expect(res.embeddings?.map((e) => e.statistics)).toEqual([
      { truncated: false, tokenCount: 2 },
      { truncated: false, tokenCount: 4 },
    ]);
    expect(res.metadata).toEqual({ billableCharacterCount: 17 });
  });

  it("writes the prediction's statistics in snake_case on the wire", async () => {
    const res = await post(`${PATH}/text-embedding-005:predict`, { instances: [{ content: "alpha" }] });
    expect(await res.json()).toEqual({
      predictions: [
        {
          embeddings: { statistics: { truncated: false, token_count: 2 }, values: fakeEmbedding("alpha", 8) },
        },
      ],
      metadata: { billableCharacterCount: 5 },
    });
  });

  it("takes one instance for gemini-embedding-001 and 250 for the others, refusing more with 400", async () => {
    await expect(
      vertex.models.embedContent({ model: "gemini-embedding-001", contents: ["a", "b"] }),
    ).rejects.toSatisfy(
      (e) =>
        e instanceof ApiError &&
        e.status === 400 &&
        /batchSize must be 1 but the entered value was 2/.test(e.message),
    );
    const one = await vertex.models.embedContent({ model: "gemini-embedding-001", contents: ["a"] });
    expect(one.embeddings).toHaveLength(1);
    const texts = (n: number) => Array.from({ length: n }, (_, i) => ({ content: `t${i}` }));
    expect((await post(`${PATH}/text-embedding-005:predict`, { instances: texts(250) })).status).toBe(200);
    const over = await post(`${PATH}/text-embedding-005:predict`, { instances: texts(251) });
    expect(over.status).toBe(400);
    expect(((await over.json()) as { error: { status: string; message: string } }).error).toMatchObject({
      status: "INVALID_ARGUMENT",
      message: expect.stringContaining("supported range is from 1 (inclusive) to 251 (exclusive)"),
    });
  });

  it("has no batchEmbedContents, refuses instances without content, and needs a token", async () => {
    const batch = { requests: [{ model: "models/x", content: { parts: [{ text: "a" }] } }] };
    expect((await post(`${PATH}/text-embedding-005:batchEmbedContents`, batch)).status).toBe(404);
    expect((await post(`${PATH}/text-embedding-005:predict`, { instances: [{ text: "a" }] })).status).toBe(
      400,
    );
    expect((await post(`${PATH}/text-embedding-005:predict`, { instances: [] })).status).toBe(400);
    const res = await post(
      `${PATH}/text-embedding-005:predict`,
      { instances: [{ content: "a" }] },
      "ya29.bad",
    );
    expect(res.status).toBe(401);
  });
});
