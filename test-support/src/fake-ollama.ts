import { encodeOllamaChat, encodeOllamaChatStream } from "./encode-ollama-fake-response.js";
import type { FakeContext } from "./fake-context.js";
import { fakeEmbedding } from "./fake-embedding.js";
import { fakeDelete, fakePull, fakeShow, fakeTags, withTag } from "./fake-ollama-models.js";
import { estimatePromptTokens } from "./fake-reply.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import type { FakeUpstreamOptions } from "./fake-upstream-options.js";
import { asJsonObject } from "./json-object.js";
import { encodeOllamaStreamError, ollamaErrorResponse } from "./ollama-fake-error.js";
import { ollamaReplyInput } from "./ollama-reply-input.js";
import { planFakeReply } from "./plan-fake-reply.js";
import { sendJson } from "./send-json.js";
import { sendStream } from "./send-stream.js";

/** The models the fake has "pulled" by default (a name without a tag means `:latest`). */
export const FAKE_OLLAMA_MODELS = ["llama3.2:latest", "qwen3:0.6b", "nomic-embed-text:latest"];

/**
 * Starts a fake Ollama server on 127.0.0.1 (ephemeral port); `url` is the origin (OLLAMA_HOST).
 * Routes: POST /api/chat (NDJSON stream by default, as Ollama; `stream: false` for one object),
 * POST /api/embed, GET /api/tags, and the model management of fake-ollama-models.ts (POST /api/pull with
 * NDJSON progress, POST /api/show, DELETE /api/delete), which change the list. Ollama has no auth. A model that is not in `models` gets 404
 * `model "x" not found, try pulling it first`, as Ollama answers.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md
 *
 * @example
 * const fake = await startFakeOllama();
 * await fetch(`${fake.url}/api/chat`, { method: "POST", body: JSON.stringify({ model: "llama3.2", messages }) });
 */
export function startFakeOllama(options: FakeUpstreamOptions = {}): Promise<FakeServer> {
  // A copy: pull and delete change what this fake lists.
  const models = [...(options.models ?? FAKE_OLLAMA_MODELS)];
  return startFakeServer(
    {
      basePath: "",
      errorResponse: (status, message) => ollamaErrorResponse(status, message),
      retryAfterHeader: false,
      handle: (ctx) => handleOllama(ctx, models),
    },
    options,
  );
}

async function handleOllama(ctx: FakeContext, models: string[]): Promise<void> {
  const { method, path } = ctx.record;
  if (method === "GET" && path === "/api/tags") return fakeTags(ctx, models);
  if (method === "POST" && path === "/api/pull") return fakePull(ctx, models);
  if (method === "POST" && path === "/api/show") return fakeShow(ctx, models);
  if (method === "DELETE" && path === "/api/delete") return fakeDelete(ctx, models);
  if (method === "POST" && (path === "/api/chat" || path === "/api/embed")) {
    const body = asJsonObject(ctx.record.json);
    if (body === undefined) return ctx.fail(400, "invalid character in request body");
    const model = typeof body["model"] === "string" ? body["model"] : "";
    if (model.length === 0) return ctx.fail(400, "model is required");
    if (!models.includes(withTag(model)))
      return ctx.fail(404, `model "${model}" not found, try pulling it first`);
    return path === "/api/chat" ? chat(ctx, body, model) : embed(ctx, body, model);
  }
  ctx.fail(404, "404 page not found");
}

async function chat(ctx: FakeContext, body: Record<string, unknown>, model: string): Promise<void> {
  if (!Array.isArray(body["messages"])) return ctx.fail(400, "messages is required");
  const plan = planFakeReply(ollamaReplyInput(body, ctx.control.chunks));
  const meta = { model, createdAt: new Date(ctx.now()).toISOString() };
  if (body["stream"] === false) return sendJson(ctx, 200, encodeOllamaChat(plan, meta));
  await sendStream(ctx, {
    headers: { "content-type": "application/x-ndjson" },
    events: encodeOllamaChatStream(plan, meta),
    errorEvent: encodeOllamaStreamError(),
  });
}

/**
 * POST /api/embed: one {@link fakeEmbedding} per input (`dimensions` values, default 8).
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-embeddings
 */
function embed(ctx: FakeContext, body: Record<string, unknown>, model: string): Promise<void> | void {
  const input = body["input"];
  const inputs = typeof input === "string" ? [input] : Array.isArray(input) ? input.map(String) : undefined;
  if (inputs === undefined) return ctx.fail(400, "invalid input type");
  const dims = typeof body["dimensions"] === "number" ? body["dimensions"] : 8;
  return sendJson(ctx, 200, {
    model,
    embeddings: inputs.map((text) => fakeEmbedding(text, dims)),
    total_duration: 2_000_000,
    load_duration: 1_000_000,
    prompt_eval_count: estimatePromptTokens(inputs),
  });
}
