import {
  encodeOpenAICompletion,
  encodeOpenAIStream,
  encodeOpenAIStreamError,
  type OpenAIStreamOptions,
} from "./encode-openai-fake-response.js";
import type { FakeContext } from "./fake-context.js";
import { fakeEmbedding } from "./fake-embedding.js";
import { estimatePromptTokens } from "./fake-reply.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import type { FakeUpstreamOptions } from "./fake-upstream-options.js";
import { openAIErrorResponse } from "./openai-fake-error.js";
import { openAIReplyInput } from "./openai-reply-input.js";
import { planFakeReply } from "./plan-fake-reply.js";
import { sendJson } from "./send-json.js";
import { sendStream } from "./send-stream.js";

/** Options of the OpenAI fake. */
export interface FakeOpenAIOptions extends FakeUpstreamOptions {
  /** When set, `Authorization: Bearer <apiKey>` must match exactly (else 401 invalid_api_key). */
  apiKey?: string;
}

/** The model ids GET /v1/models lists by default. */
export const FAKE_OPENAI_MODELS = ["gpt-4o", "gpt-4o-mini", "text-embedding-3-small"];

/**
 * Starts a fake OpenAI API on 127.0.0.1 (ephemeral port); `url` ends in `/v1`, ready for `baseURL`.
 * Routes: POST /v1/chat/completions (JSON or SSE), POST /v1/embeddings, GET /v1/models, GET /v1/models/{id}.
 * Every request needs `Authorization: Bearer ...` (401 otherwise, as OpenAI answers).
 * Azure OpenAI's chat and embeddings paths are served too (from the origin, not `url`): POST
 * /openai/deployments/{deployment}/{chat/completions|embeddings}?api-version=... (404 without
 * api-version, the model defaulting to the deployment) and POST /openai/v1/{chat/completions|embeddings},
 * all keyed by an `api-key` header.
 * @see https://platform.openai.com/docs/api-reference/chat
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference#chat-completions
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference#embeddings
 *
 * @example
 * const fake = await startFakeOpenAI({ chunks: 3 });
 * const client = new OpenAI({ baseURL: fake.url, apiKey: "sk-test" });
 * await fake.close();
 */
export function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeServer> {
  const models = options.models ?? FAKE_OPENAI_MODELS;
  return startFakeServer(
    {
      basePath: "/v1",
      errorResponse: openAIErrorResponse,
      retryAfterHeader: true,
      requestIdHeader: "x-request-id",
      handle: (ctx) => handleOpenAI(ctx, options, models),
    },
    options,
  );
}

const AZURE_DEPLOYMENT = /^\/openai\/deployments\/([^/]+)\/(chat\/completions|embeddings)$/;
const AZURE_V1 = /^\/openai\/v1\/(chat\/completions|embeddings)$/;

async function handleOpenAI(ctx: FakeContext, options: FakeOpenAIOptions, models: string[]): Promise<void> {
  const { method, path } = ctx.record;
  const deployment = AZURE_DEPLOYMENT.exec(path);
  const v1 = AZURE_V1.exec(path);
  if (deployment !== null || v1 !== null) {
    if (!azureAuthorized(ctx, options)) return;
    if (method !== "POST" || (deployment !== null && !ctx.record.query["api-version"])) {
      return ctx.fail(404, "Resource not found", { code: "404" });
    }
    const name = deployment === null ? undefined : decodeURIComponent(deployment[1]!);
    const operation = deployment !== null ? deployment[2] : v1![1];
    return operation === "embeddings" ? embeddings(ctx, name) : chatCompletions(ctx, name);
  }
  if (!authorized(ctx, options)) return;
  if (method === "POST" && path === "/v1/chat/completions") return chatCompletions(ctx);
  if (method === "POST" && path === "/v1/embeddings") return embeddings(ctx);
  if (method === "GET" && path === "/v1/models") return listModels(ctx, models);
  if (method === "GET" && path.startsWith("/v1/models/")) return getModel(ctx, models);
  ctx.fail(404, `Invalid URL (${method} ${path})`, { code: null });
}

function authorized(ctx: FakeContext, options: FakeOpenAIOptions): boolean {
  const header = ctx.record.headers["authorization"] ?? "";
  if (!header.startsWith("Bearer ") || header.length <= "Bearer ".length) {
    ctx.fail(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      { code: null },
    );
    return false;
  }
  if (options.apiKey !== undefined && header !== `Bearer ${options.apiKey}`) {
    ctx.fail(401);
    return false;
  }
  return true;
}

/** Azure OpenAI keys go in `api-key`. @see https://learn.microsoft.com/azure/ai-foundry/openai/reference#authentication */
function azureAuthorized(ctx: FakeContext, options: FakeOpenAIOptions): boolean {
  const key = ctx.record.headers["api-key"];
  if (key !== undefined && key !== "" && (options.apiKey === undefined || key === options.apiKey))
    return true;
  ctx.fail(
    401,
    "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.",
    { code: "401" },
  );
  return false;
}

/** The request body as an object, or undefined after answering 400 as OpenAI does. */
function jsonBody(ctx: FakeContext): Record<string, unknown> | undefined {
  const body = ctx.record.json;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    ctx.fail(
      400,
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    );
    return undefined;
  }
  return body as Record<string, unknown>;
}

function requireParam(ctx: FakeContext, body: Record<string, unknown>, name: string, ok: boolean): boolean {
  if (ok) return true;
  const message = body[name] === undefined ? `Missing required parameter: '${name}'.` : `Invalid '${name}'.`;
  const code = body[name] === undefined ? "missing_required_parameter" : "invalid_value";
  ctx.fail(400, message, { param: name, code });
  return false;
}

/** POST chat/completions; on an Azure deployment path the model defaults to the deployment. */
async function chatCompletions(ctx: FakeContext, deployment?: string): Promise<void> {
  const body = jsonBody(ctx);
  if (body === undefined) return;
  if (deployment !== undefined) body["model"] ??= deployment;
  if (!requireParam(ctx, body, "model", typeof body["model"] === "string")) return;
  const messages = body["messages"];
  if (!requireParam(ctx, body, "messages", Array.isArray(messages) && messages.length > 0)) return;
  const plan = planFakeReply(openAIReplyInput(body, ctx.control.chunks));
  const meta = {
    id: `chatcmpl-fake${String(ctx.seq).padStart(6, "0")}`,
    callId: `call_fake${String(ctx.seq).padStart(6, "0")}`,
    created: Math.floor(ctx.now() / 1000),
    model: body["model"] as string,
  };
  if (body["stream"] !== true) return sendJson(ctx, 200, encodeOpenAICompletion(plan, meta));
  const streamOptions = (body["stream_options"] ?? {}) as OpenAIStreamOptions;
  await sendStream(ctx, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" },
    events: encodeOpenAIStream(plan, meta, streamOptions),
    errorEvent: encodeOpenAIStreamError(),
  });
}

/**
 * POST embeddings: one deterministic vector per input string ({@link fakeEmbedding}, `dimensions`
 * values, default 8), as floats or, with `encoding_format: "base64"` (the openai SDK's default), as
 * base64 of little-endian float32. On an Azure deployment path the model defaults to the deployment.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 */
async function embeddings(ctx: FakeContext, deployment?: string): Promise<void> {
  const body = jsonBody(ctx);
  if (body === undefined) return;
  if (deployment !== undefined) body["model"] ??= deployment;
  if (!requireParam(ctx, body, "model", typeof body["model"] === "string")) return;
  const input = body["input"];
  const inputs = typeof input === "string" ? [input] : Array.isArray(input) ? input.map(String) : undefined;
  if (!requireParam(ctx, body, "input", inputs !== undefined && inputs.length > 0)) return;
  const dimensions = typeof body["dimensions"] === "number" ? body["dimensions"] : 8;
  const base64 = body["encoding_format"] === "base64";
  const data = inputs!.map((text, index) => {
    const vector = fakeEmbedding(text, dimensions);
    const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
    return { object: "embedding", index, embedding };
  });
  const promptTokens = estimatePromptTokens(inputs!);
  await sendJson(ctx, 200, {
    object: "list",
    data,
    model: body["model"],
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  });
}

/** @see https://platform.openai.com/docs/api-reference/models/object */
function modelObject(id: string): Record<string, unknown> {
  return { id, object: "model", created: 1_700_000_000, owned_by: "openai" };
}

/** @see https://platform.openai.com/docs/api-reference/models/list */
function listModels(ctx: FakeContext, models: string[]): Promise<void> {
  return sendJson(ctx, 200, { object: "list", data: models.map(modelObject) });
}

/** @see https://platform.openai.com/docs/api-reference/models/retrieve */
function getModel(ctx: FakeContext, models: string[]): Promise<void> | void {
  const id = decodeURIComponent(ctx.record.path.slice("/v1/models/".length));
  if (models.includes(id)) return sendJson(ctx, 200, modelObject(id));
  ctx.fail(404, `The model '${id}' does not exist`, { param: "model", code: "model_not_found" });
}
