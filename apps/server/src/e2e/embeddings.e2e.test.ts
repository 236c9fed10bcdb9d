import {
  type FakeServer,
  fakeEmbedding,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOllama,
  startFakeOpenAI,
} from "@gatehouse/test-support";
import { GoogleGenAI } from "@google/genai";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";

type Kind = "openai" | "gemini" | "ollama";
/** The fields of recorded upstream bodies and gateway error bodies these tests read. */
interface Json {
  dimensions?: number;
  requests?: Array<{ model?: string; outputDimensionality?: number; taskType?: string }>;
  error: { type?: string; message: string; param?: string; status?: string };
}

/** One embeddings upstream: its fake and the public model routed to it (same name upstream). */
interface Upstream {
  fake: FakeServer;
  model: string;
  /** The output size the gateway asked this upstream for, read from its recorded body. */
  askedDimensions(body: Json): unknown;
  /** Whether the upstream reports token counts (Gemini does not: the gateway estimates). */
  reportsUsage: boolean;
}

let gw: TestGateway;
let anthropic: FakeServer;
let up: Record<Kind, Upstream>;
let openai: OpenAI;
let genai: GoogleGenAI;

beforeAll(async () => {
  const [o, g, l] = [await startFakeOpenAI(), await startFakeGemini(), await startFakeOllama()];
  anthropic = await startFakeAnthropic();
  up = {
    openai: {
      fake: o,
      model: "text-embedding-3-small",
      askedDimensions: (b) => b.dimensions,
      reportsUsage: true,
    },
    gemini: {
      fake: g,
      model: "gemini-embedding-001",
      askedDimensions: (b) => b.requests?.[0]?.outputDimensionality,
      reportsUsage: false,
    },
    ollama: { fake: l, model: "nomic-embed-text", askedDimensions: (b) => b.dimensions, reportsUsage: true },
  };
  const providers = [
    {
      name: "up-openai",
      kind: "openai",
      baseUrl: o.url,
      apiKey: "sk-up",
      models: [up.openai.model],
      wildcard: true,
    },
    {
      name: "up-gemini",
      kind: "gemini",
      baseUrl: `${g.url}/v1beta`,
      apiKey: "AIza-up",
      models: [up.gemini.model],
      wildcard: true,
    },
    { name: "up-ollama", kind: "ollama", baseUrl: l.url, models: [up.ollama.model] },
    {
      name: "up-anthropic",
      kind: "anthropic",
      baseUrl: anthropic.url,
      apiKey: "sk-ant",
      models: ["claude-x"],
    },
  ];
  gw = await startTestGateway({ providers });
  openai = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
  genai = new GoogleGenAI({ apiKey: gw.key, httpOptions: { baseUrl: gw.url } });
});
afterAll(async () => {
  await gw?.close();
  for (const f of [...Object.values(up ?? {}).map((u) => u.fake), anthropic]) await f?.close();
});

async function usageOf(requestId: string | null | undefined) {
  await gw.app.runtime.usage.flush();
  return gw.store.usage.get(gw.tenant.id, requestId ?? "");
}

/** The Gemini SDK's answer headers (a plain record in @google/genai). */
function genaiRequestId(res: { sdkHttpResponse?: { headers?: Record<string, string> } }): string | undefined {
  return res.sdkHttpResponse?.headers?.["x-gatehouse-request-id"];
}

/** Puts an upstream in a fault mode for the duration of `fn`. */
async function withMode<T>(fake: FakeServer, mode: "error-429", fn: () => Promise<T>): Promise<T> {
  fake.setMode(mode);
  try {
    return await fn();
  } finally {
    fake.setMode("ok");
  }
}

const KINDS: Kind[] = ["openai", "gemini", "ollama"];
const INPUTS = ["alpha bravo", "charlie delta echo"];

describe.each(KINDS)("→ %s upstream", (kind) => {
  describe("OpenAI SDK client", () => {
    it("gets the upstream's vectors intact (base64 by default) and a usage record", async () => {
      const u = up[kind];
      const { data, response } = await openai.embeddings
        .create({ model: u.model, input: INPUTS })
        .withResponse();
      expect(data.data.map((d) => d.embedding)).toEqual(INPUTS.map((t) => fakeEmbedding(t, 8)));
      expect(data.data.map((d) => d.index)).toEqual([0, 1]);
      expect(data.usage.prompt_tokens).toBeGreaterThan(0);
      const rec = await usageOf(response.headers.get("x-gatehouse-request-id"));
      expect(rec).toMatchObject({
        status: "success",
        httpStatus: 200,
        surface: "openai",
        model: u.model,
        inputTokens: data.usage.prompt_tokens,
        outputTokens: 0,
        usageEstimated: !u.reportsUsage,
      });
    });

    it("honours dimensions", async () => {
      const u = up[kind];
      u.fake.requests.length = 0;
      const r = await openai.embeddings.create({
        model: u.model,
        input: "foxtrot",
        dimensions: 4,
        encoding_format: "float",
      });
      expect(u.askedDimensions(u.fake.requests[0]!.json as Json)).toBe(4);
      expect(r.data[0]!.embedding).toEqual(fakeEmbedding("foxtrot", 4));
    });

    it("maps an upstream 429 to 429 and records the failure", async () => {
      const u = up[kind];
      const err = await withMode(u.fake, "error-429", () =>
        openai.embeddings.create({ model: u.model, input: "x" }).then(
          () => undefined,
          (e: unknown) => e,
        ),
      );
      expect(err).toBeInstanceOf(OpenAI.APIError);
      const e = err as InstanceType<typeof OpenAI.APIError>;
      expect(e.status).toBe(429);
      expect(await usageOf(e.headers?.get("x-gatehouse-request-id"))).toMatchObject({
        status: "error",
        httpStatus: 429,
      });
    });
  });

  describe("Gemini SDK client", () => {
    it("gets the upstream's vectors intact and a usage record", async () => {
      const u = up[kind];
      const res = await genai.models.embedContent({ model: u.model, contents: INPUTS });
      expect(res.embeddings?.map((e) => e.values)).toEqual(INPUTS.map((t) => fakeEmbedding(t, 8)));
      const rec = await usageOf(genaiRequestId(res as never));
      expect(rec).toMatchObject({ status: "success", surface: "gemini", model: u.model, outputTokens: 0 });
      expect(rec!.inputTokens).toBeGreaterThan(0);
      expect(rec!.usageEstimated).toBe(!u.reportsUsage);
    });

    it("honours outputDimensionality", async () => {
      const u = up[kind];
      u.fake.requests.length = 0;
      const res = await genai.models.embedContent({
        model: u.model,
        contents: "golf",
        config: { outputDimensionality: 4 },
      });
      expect(u.askedDimensions(u.fake.requests[0]!.json as Json)).toBe(4);
      expect(res.embeddings?.[0]?.values).toEqual(fakeEmbedding("golf", 4));
    });

    it("maps an upstream 429 to 429", async () => {
      const u = up[kind];
      const err = await withMode(u.fake, "error-429", () =>
        genai.models.embedContent({ model: u.model, contents: "x" }).then(
          () => undefined,
          (e: unknown) => e,
        ),
      );
      expect((err as { status?: number }).status).toBe(429);
    });

    it("serves :embedContent with the key in ?key=", async () => {
      const u = up[kind];
      const res = await fetch(`${gw.url}/v1beta/models/${u.model}:embedContent?key=${gw.key}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ content: { parts: [{ text: "hotel" }] } }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ embedding: { values: fakeEmbedding("hotel", 8) } });
    });
  });
});

describe("passthrough between same-protocol ends", () => {
  it("OpenAI → OpenAI: the client's body goes up with only the model renamed", async () => {
    const u = up.openai;
    u.fake.requests.length = 0;
    const r = await openai.embeddings.create({
      model: "up-openai/text-embedding-3-small",
      input: "india",
      user: "u1",
    });
    expect(u.fake.requests[0]!.json).toEqual({
      model: "text-embedding-3-small",
      input: "india",
      user: "u1",
      encoding_format: "base64",
    });
    expect(r.data[0]!.embedding).toEqual(fakeEmbedding("india", 8));
  });

  it("Gemini → Gemini: the client's method and fields travel, each request's model renamed", async () => {
    const u = up.gemini;
    u.fake.requests.length = 0;
    const res = await genai.models.embedContent({
      model: "up-gemini/gemini-embedding-001",
      contents: ["juliet"],
      config: { taskType: "RETRIEVAL_QUERY" },
    });
    const sent = u.fake.requests[0]!;
    expect(sent.path).toBe("/v1beta/models/gemini-embedding-001:batchEmbedContents");
    expect((sent.json as Json).requests?.[0]).toMatchObject({
      model: "models/gemini-embedding-001",
      taskType: "RETRIEVAL_QUERY",
    });
    expect(res.embeddings?.[0]?.values).toEqual(fakeEmbedding("juliet", 8));
  });

  it("Gemini → OpenAI: fields only Google's models know are dropped with a warning", async () => {
    const res = await fetch(`${gw.url}/v1beta/models/${up.openai.model}:embedContent`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-goog-api-key": gw.key },
      body: JSON.stringify({ content: { parts: [{ text: "kilo" }] }, taskType: "RETRIEVAL_DOCUMENT" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-gatehouse-warnings")).toMatch(/taskType/);
  });
});

describe("refusals, in the caller's shape", () => {
  it("a model on a provider without embeddings → 400, nothing sent or recorded (OpenAI shape)", async () => {
    anthropic.requests.length = 0;
    const res = await fetch(`${gw.url}/v1/embeddings`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${gw.key}` },
      body: JSON.stringify({ model: "claude-x", input: "x" }),
    });
    const body = (await res.json()) as Json;
    expect(res.status).toBe(400);
    expect(body.error).toMatchObject({ type: "invalid_request_error", param: "model" });
    expect(body.error.message).toMatch(/no embeddings API/);
    expect(anthropic.requests).toHaveLength(0);
    expect(await usageOf(res.headers.get("x-gatehouse-request-id"))).toBeUndefined();
  });

  it("a model on a provider without embeddings → 400 (Gemini shape)", async () => {
    const err = await genai.models.embedContent({ model: "claude-x", contents: "x" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((err as { status?: number }).status).toBe(400);
    expect(String((err as Error).message)).toMatch(/INVALID_ARGUMENT|no embeddings API/);
  });

  it.each([
    ["token arrays", { model: "text-embedding-3-small", input: [[1, 2]] }],
    ["an empty input list", { model: "text-embedding-3-small", input: [] }],
    ["a zero dimensions", { model: "text-embedding-3-small", input: "x", dimensions: 0 }],
  ])("OpenAI body with %s → 400 before any upstream call", async (_name, body) => {
    up.openai.fake.requests.length = 0;
    const res = await fetch(`${gw.url}/v1/embeddings`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${gw.key}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).error.type).toBe("invalid_request_error");
    expect(up.openai.fake.requests).toHaveLength(0);
  });

  it("Gemini batch without requests → 400 INVALID_ARGUMENT", async () => {
    const res = await fetch(`${gw.url}/v1beta/models/${up.gemini.model}:batchEmbedContents`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-goog-api-key": gw.key },
      body: JSON.stringify({ requests: [] }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).error.status).toBe("INVALID_ARGUMENT");
  });

  it("a missing key → 401", async () => {
    const res = await fetch(`${gw.url}/v1/embeddings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: up.openai.model, input: "x" }),
    });
    expect(res.status).toBe(401);
  });
});
