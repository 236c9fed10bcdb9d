import {
  encodeGeminiResponse,
  encodeGeminiStreamChunks,
  serializeGeminiStream,
} from "./encode-gemini-fake-response.js";
import type { FakeContext } from "./fake-context.js";
import { fakeEmbedding } from "./fake-embedding.js";
import { estimatePromptTokens } from "./fake-reply.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import type { FakeUpstreamOptions } from "./fake-upstream-options.js";
import {
  encodeGeminiStreamError,
  GEMINI_API_KEY_INVALID_DETAILS,
  geminiErrorResponse,
} from "./gemini-fake-error.js";
import { geminiPromptTexts, geminiReplyInput } from "./gemini-reply-input.js";
import { arrayField, asJsonObject } from "./json-object.js";
import { planFakeReply } from "./plan-fake-reply.js";
import { sendJson } from "./send-json.js";
import { sendStream } from "./send-stream.js";
import { vertexFakePredict } from "./vertex-fake-predict.js";

/** Options of the Gemini fake. */
export interface FakeGeminiOptions extends FakeUpstreamOptions {
  /** When set, the key (`x-goog-api-key` or `?key=`) must equal it (else 400 API_KEY_INVALID, as Gemini). */
  apiKey?: string;
  /** Vertex AI paths: when set, the `Authorization: Bearer` token must pass it (else 401 UNAUTHENTICATED). */
  acceptBearer?: (token: string) => boolean;
}

/** The model ids (without "models/") GET /v1beta/models lists by default. */
export const FAKE_GEMINI_MODELS = ["gemini-2.5-flash", "gemini-2.5-pro", "gemini-embedding-001"];

/**
 * Starts a fake Gemini API on 127.0.0.1 (ephemeral port); `url` is the origin (the SDK adds `/v1beta`).
 * Routes (also under /v1): POST /v1beta/models/{model}:generateContent, :streamGenerateContent
 * (`?alt=sse` for SSE, else a streamed JSON array), :countTokens, :embedContent, :batchEmbedContents;
 * GET /v1beta/models and /v1beta/models/{model}. A key is required, `x-goog-api-key` or `?key=` (403
 * PERMISSION_DENIED without one, as Google answers unregistered callers). The same model methods are
 * served at Vertex AI's paths, /v1/projects/{project}/locations/{location}/publishers/google/models/
 * {model}:{method}, which need `Authorization: Bearer <token>` instead of a key; there, embeddings are
 * Vertex's `:predict` (vertexFakePredict) and `:embedContent`, and `:batchEmbedContents` does not exist.
 * `:batchEmbedContents` takes at most 100 requests (400 INVALID_ARGUMENT beyond, as Gemini).
 * @see https://ai.google.dev/api/generate-content
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.publishers.models/generateContent
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.publishers.models/predict
 *
 * @example
 * const fake = await startFakeGemini();
 * const ai = new GoogleGenAI({ apiKey: "k", httpOptions: { baseUrl: fake.url } });
 */
export function startFakeGemini(options: FakeGeminiOptions = {}): Promise<FakeServer> {
  const models = options.models ?? FAKE_GEMINI_MODELS;
  return startFakeServer(
    {
      basePath: "",
      errorResponse: (status, message, details) =>
        geminiErrorResponse(status, message, details, options.retryAfterSeconds ?? 1),
      retryAfterHeader: false,
      handle: (ctx) => handleGemini(ctx, options, models),
    },
    options,
  );
}

const MODEL_METHOD = /^\/v1(?:beta)?\/models\/([^/:]+):([A-Za-z]+)$/;
const MODEL_PATH = /^\/v1(?:beta)?\/models\/([^/:]+)$/;
const VERTEX_METHOD =
  /^\/v1(?:beta1)?\/projects\/[^/]+\/locations\/[^/]+\/publishers\/google\/models\/([^/:]+):([A-Za-z]+)$/;

async function handleGemini(ctx: FakeContext, options: FakeGeminiOptions, models: string[]): Promise<void> {
  const { method, path } = ctx.record;
  const vertex = VERTEX_METHOD.exec(path);
  if (vertex !== null) {
    if (!vertexAuthorized(ctx, options)) return;
    if (method === "POST") return vertexMethod(ctx, decodeURIComponent(vertex[1]!), vertex[2]!);
    return ctx.fail(404, `Method not found: ${method} ${path}`);
  }
  if (!authorized(ctx, options)) return;
  const call = MODEL_METHOD.exec(path);
  if (method === "POST" && call !== null) return modelMethod(ctx, decodeURIComponent(call[1]!), call[2]!);
  if (method === "GET" && /^\/v1(?:beta)?\/models$/.test(path)) return listModels(ctx, models);
  const one = MODEL_PATH.exec(path);
  if (method === "GET" && one !== null) return getModel(ctx, models, decodeURIComponent(one[1]!));
  ctx.fail(404, `Method not found: ${method} ${path}`);
}

/** @see https://ai.google.dev/gemini-api/docs/api-key */
function authorized(ctx: FakeContext, options: FakeGeminiOptions): boolean {
  const key = ctx.record.headers["x-goog-api-key"] ?? ctx.record.query["key"];
  if (key === undefined || key.length === 0) {
    ctx.fail(
      403,
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    );
    return false;
  }
  if (options.apiKey !== undefined && key !== options.apiKey) {
    ctx.fail(400, "API key not valid. Please pass a valid API key.", {
      details: GEMINI_API_KEY_INVALID_DETAILS,
    });
    return false;
  }
  return true;
}

/** @see https://cloud.google.com/docs/authentication/rest */
function vertexAuthorized(ctx: FakeContext, options: FakeGeminiOptions): boolean {
  const token = /^Bearer (\S+)$/.exec(ctx.record.headers["authorization"] ?? "")?.[1];
  if (token !== undefined && (options.acceptBearer?.(token) ?? true)) return true;
  ctx.fail(401);
  return false;
}

/** The publisher model methods Vertex has: Gemini's, less batchEmbedContents, plus predict. */
async function vertexMethod(ctx: FakeContext, model: string, method: string): Promise<void> {
  if (method === "batchEmbedContents") return ctx.fail(404, `Method not found: ${method}`);
  if (method !== "predict") return modelMethod(ctx, model, method);
  const body = asJsonObject(ctx.record.json);
  if (body === undefined) return ctx.fail(400, "Invalid JSON payload received.");
  return vertexFakePredict(ctx, model, body);
}

/**
 * Gemini's limit on one batchEmbedContents call, and its refusal word for word.
 * @see https://github.com/langchain-ai/langchainjs/issues/4491
 */
const MAX_BATCH_EMBED = 100;
const BATCH_TOO_LARGE = "* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch\n";

async function modelMethod(ctx: FakeContext, model: string, method: string): Promise<void> {
  const body = asJsonObject(ctx.record.json);
  if (body === undefined) return ctx.fail(400, "Invalid JSON payload received.");
  if (method === "generateContent" || method === "streamGenerateContent")
    return generate(ctx, model, method, body);
  if (method === "countTokens") return countTokens(ctx, body);
  if (method === "embedContent") return sendJson(ctx, 200, { embedding: embed(body) });
  if (method === "batchEmbedContents") {
    const requests = arrayField(body, "requests");
    if (requests.length > MAX_BATCH_EMBED) return ctx.fail(400, BATCH_TOO_LARGE);
    return sendJson(ctx, 200, { embeddings: requests.map((r) => embed(asJsonObject(r) ?? {})) });
  }
  ctx.fail(404, `Method not found: ${method}`);
}

async function generate(ctx: FakeContext, model: string, method: string, body: Record<string, unknown>) {
  if (arrayField(body, "contents").length === 0) {
    return ctx.fail(400, "* GenerateContentRequest.contents: contents is not specified\n");
  }
  const plan = planFakeReply(geminiReplyInput(body, ctx.control.chunks));
  if (ctx.promptCache) plan.promptCache = ctx.promptCache;
  const meta = { model, responseId: `fake${String(ctx.seq).padStart(6, "0")}` };
  if (method === "generateContent") return sendJson(ctx, 200, encodeGeminiResponse(plan, meta));
  const sse = ctx.record.query["alt"] === "sse";
  await sendStream(ctx, {
    headers: { "content-type": sse ? "text/event-stream" : "application/json; charset=UTF-8" },
    events: serializeGeminiStream(encodeGeminiStreamChunks(plan, meta), sse),
    errorEvent: encodeGeminiStreamError(sse),
  });
}

/** @see https://ai.google.dev/api/tokens#method:-models.counttokens */
function countTokens(ctx: FakeContext, body: Record<string, unknown>): Promise<void> {
  const request = asJsonObject(body["generateContentRequest"]) ?? body;
  const total = estimatePromptTokens(geminiPromptTexts(request));
  return sendJson(ctx, 200, {
    totalTokens: total,
    promptTokensDetails: [{ modality: "TEXT", tokenCount: total }],
  });
}

/** One embedding: {@link fakeEmbedding} of the content's joined text, `outputDimensionality` values (default 8). */
function embed(request: Record<string, unknown>): { values: number[] } {
  const text = arrayField(asJsonObject(request["content"]), "parts")
    .map((p) => String(asJsonObject(p)?.["text"] ?? ""))
    .join(" ");
  const dims = typeof request["outputDimensionality"] === "number" ? request["outputDimensionality"] : 8;
  return { values: fakeEmbedding(text, dims) };
}

/** @see https://ai.google.dev/api/models#Model */
function modelObject(id: string): Record<string, unknown> {
  const embedding = id.includes("embedding");
  return {
    name: `models/${id}`,
    version: "001",
    displayName: id,
    description: `Fake ${id}`,
    inputTokenLimit: embedding ? 2048 : 1_048_576,
    outputTokenLimit: embedding ? 1 : 65_536,
    supportedGenerationMethods: embedding
      ? ["embedContent", "countTokens"]
      : ["generateContent", "countTokens", "streamGenerateContent"],
  };
}

/** @see https://ai.google.dev/api/models#method:-models.list */
function listModels(ctx: FakeContext, models: string[]): Promise<void> {
  return sendJson(ctx, 200, { models: models.map(modelObject) });
}

function getModel(ctx: FakeContext, models: string[], id: string): Promise<void> | void {
  if (models.includes(id)) return sendJson(ctx, 200, modelObject(id));
  ctx.fail(404, `models/${id} is not found for API version v1beta, or is not supported for generateContent.`);
}
