import { ApiError, GoogleGenAI } from "@google/genai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FAKE_THOUGHT_SIGNATURE } from "./encode-gemini-fake-response.js";
import { fakeEmbedding } from "./fake-embedding.js";
import { startFakeGemini } from "./fake-gemini.js";
import type { FakeServer } from "./fake-server.js";

let fake: FakeServer;
let ai: GoogleGenAI;
const USER = "Say hello, please"; // 17 characters -> 5 prompt tokens
const model = "gemini-2.5-flash";

beforeEach(async () => {
  fake = await startFakeGemini({ retryAfterSeconds: 4 });
  ai = new GoogleGenAI({
    apiKey: "g-key",
    httpOptions: { baseUrl: fake.url, retryOptions: { attempts: 1 } },
  });
});
afterEach(() => fake.close());

const declarations = [{ functionDeclarations: [{ name: "lookup", description: "Looks up" }] }];

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

describe("startFakeGemini: generateContent", () => {
  it("answers with an exact GenerateContentResponse", async () => {
    const res = await ai.models.generateContent({ model, contents: USER });
    expect(res.text).toBe("Hello from fake-gemini lorem ipsum");
    expect(res.candidates).toEqual([
      {
        content: { parts: [{ text: "Hello from fake-gemini lorem ipsum" }], role: "model" },
        finishReason: "STOP",
        index: 0,
      },
    ]);
    expect(res.usageMetadata).toEqual({
      promptTokenCount: 5,
      candidatesTokenCount: 5,
      totalTokenCount: 10,
      promptTokensDetails: [{ modality: "TEXT", tokenCount: 5 }],
    });
    expect(res.modelVersion).toBe(model);
    const [req] = fake.requests;
    expect(req).toMatchObject({ method: "POST", path: `/v1beta/models/${model}:generateContent` });
    expect(req!.headers["x-goog-api-key"]).toBe("g-key");
  });

  it("streams one SSE chunk per word, finishReason and full usage on the last", async () => {
    const chunks = await collect(await ai.models.generateContentStream({ model, contents: USER }));
    expect(fake.requests[0]!.query).toEqual({ alt: "sse" });
    expect(chunks.map((c) => c.text)).toEqual(["Hello", " from", " fake-gemini", " lorem", " ipsum"]);
    for (const c of chunks.slice(0, -1)) {
      expect(c.candidates![0]!.finishReason).toBeUndefined();
      expect(c.usageMetadata).toMatchObject({ promptTokenCount: 5, totalTokenCount: 5 });
    }
    expect(chunks.at(-1)!.candidates![0]!.finishReason).toBe("STOP");
    expect(chunks.at(-1)!.usageMetadata).toMatchObject({ candidatesTokenCount: 5, totalTokenCount: 10 });
  });

  it("sends thought parts with a thought signature on the first answer part when thoughts are included", async () => {
    const config = { thinkingConfig: { includeThoughts: true } };
    const chunks = await collect(await ai.models.generateContentStream({ model, contents: USER, config }));
    const parts = chunks.flatMap((c) => c.candidates![0]!.content!.parts!);
    expect(parts.slice(0, 2)).toEqual([
      { text: "Let me think", thought: true },
      { text: " about this.", thought: true },
    ]);
    expect(parts[2]).toEqual({ text: "Hello", thoughtSignature: FAKE_THOUGHT_SIGNATURE });
    expect(chunks.at(-1)!.usageMetadata).toMatchObject({ thoughtsTokenCount: 2, totalTokenCount: 12 });
  });

  it("returns a functionCall when asked to call a tool", async () => {
    const res = await ai.models.generateContent({
      model,
      contents: "call tool",
      config: { tools: declarations },
    });
    expect(res.functionCalls).toEqual([{ name: "lookup", args: { q: "x" } }]);
    expect(res.candidates![0]!.finishReason).toBe("STOP");
  });

  it('returns two functionCall parts for "call tools", in one stream chunk', async () => {
    const two = [{ functionDeclarations: [{ name: "lookup" }, { name: "fetch" }] }];
    const request = { model, contents: "call tools", config: { tools: two } };
    const expected = [
      { name: "lookup", args: { q: "x" } },
      { name: "fetch", args: { q: "y" } },
    ];
    expect((await ai.models.generateContent(request)).functionCalls).toEqual(expected);
    const chunks = await collect(await ai.models.generateContentStream(request));
    expect(chunks.map((c) => c.functionCalls)).toEqual([expected]);
  });

  it("stops at maxOutputTokens with MAX_TOKENS", async () => {
    const res = await ai.models.generateContent({ model, contents: USER, config: { maxOutputTokens: 1 } });
    expect(res.text).toBe("Hello");
    expect(res.candidates![0]!.finishReason).toBe("MAX_TOKENS");
  });

  it("streams a JSON array without alt=sse", async () => {
    const res = await fetch(`${fake.url}/v1beta/models/${model}:streamGenerateContent?key=k`, {
      method: "POST",
      body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "hi" }] }] }),
    });
    const array = (await res.json()) as unknown[];
    expect(array).toHaveLength(5);
  });
});

describe("startFakeGemini: other endpoints and errors", () => {
  it("counts tokens, embeds and lists models", async () => {
    expect(await ai.models.countTokens({ model, contents: USER })).toMatchObject({ totalTokens: 5 });
    const emb = await ai.models.embedContent({
      model: "gemini-embedding-001",
      contents: ["a", "b"],
      config: { outputDimensionality: 4 },
    });
    expect(emb.embeddings!.map((e) => e.values)).toEqual([fakeEmbedding("a", 4), fakeEmbedding("b", 4)]);
    const pager = await ai.models.list();
    expect(pager.page.map((m) => m.name)).toEqual([
      "models/gemini-2.5-flash",
      "models/gemini-2.5-pro",
      "models/gemini-embedding-001",
    ]);
  });

  it("embeds at most 100 requests in one batchEmbedContents, refusing more with Gemini's 400", async () => {
    const texts = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);
    const hundred = await ai.models.embedContent({ model: "gemini-embedding-001", contents: texts(100) });
    expect(hundred.embeddings).toHaveLength(100);
    const err = await ai.models
      .embedContent({ model: "gemini-embedding-001", contents: texts(101) })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    const res = await fetch(`${fake.url}/v1beta/models/gemini-embedding-001:batchEmbedContents?key=k`, {
      method: "POST",
      body: JSON.stringify({
        requests: texts(101).map((text) => ({
          model: "models/gemini-embedding-001",
          content: { parts: [{ text }] },
        })),
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 400,
        message: "* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch\n",
        status: "INVALID_ARGUMENT",
      },
    });
  });

  it("takes the key from ?key=, answers 403 without a key and 400 API_KEY_INVALID for a wrong one", async () => {
    const url = (q: string) => `${fake.url}/v1beta/models${q}`;
    expect((await fetch(url("?key=abc"))).status).toBe(200);
    const none = await fetch(url(""));
    expect(none.status).toBe(403);
    expect(((await none.json()) as { error: unknown }).error).toMatchObject({
      code: 403,
      status: "PERMISSION_DENIED",
    });
    const strict = await startFakeGemini({ apiKey: "right" });
    const wrong = await fetch(`${strict.url}/v1beta/models?key=wrong`);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: unknown }).error).toMatchObject({
      status: "INVALID_ARGUMENT",
      details: [{ reason: "API_KEY_INVALID" }],
    });
    await strict.close();
  });

  it.each([
    ["error-429", 429, "RESOURCE_EXHAUSTED"],
    ["error-500", 500, "INTERNAL"],
    ["error-503", 503, "UNAVAILABLE"],
    ["error-400", 400, "INVALID_ARGUMENT"],
  ] as const)("%s answers %i %s in Google's error shape", async (mode, status, name) => {
    fake.setMode(mode);
    const err = await ai.models.generateContent({ model, contents: USER }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(status);
    const res = await fetch(`${fake.url}/v1beta/models?key=k`, { headers: { "x-fake-mode": mode } });
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ code: status, status: name, message: expect.any(String) });
    if (status === 429)
      expect(body.error["details"]).toEqual([expect.objectContaining({ retryDelay: "4s" })]);
  });

  it("stream-error: the SDK raises the in-stream error after the first chunks", async () => {
    fake.setMode("stream-error");
    const texts: string[] = [];
    const stream = await ai.models.generateContentStream({ model, contents: USER });
    const err = await (async () => {
      for await (const c of stream) texts.push(c.text ?? "");
    })().catch((e: unknown) => e);
    expect(texts).toEqual(["Hello", " from"]);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(500);
  });
});
