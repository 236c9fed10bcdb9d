import { anthropicErrorResponse, encodeAnthropicStreamError } from "./anthropic-fake-error.js";
import { anthropicPromptTexts, anthropicReplyInput } from "./anthropic-reply-input.js";
import { encodeAnthropicMessage, encodeAnthropicStream } from "./encode-anthropic-fake-response.js";
import type { FakeContext } from "./fake-context.js";
import { estimatePromptTokens } from "./fake-reply.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import type { FakeUpstreamOptions } from "./fake-upstream-options.js";
import { asJsonObject } from "./json-object.js";
import { planFakeReply } from "./plan-fake-reply.js";
import { sendJson } from "./send-json.js";
import { sendStream } from "./send-stream.js";

/** Options of the Anthropic fake. */
export interface FakeAnthropicOptions extends FakeUpstreamOptions {
  /** When set, the key (`x-api-key` or bearer) must equal it (else 401 authentication_error "invalid x-api-key"). */
  apiKey?: string;
}

/** The model ids GET /v1/models lists by default. */
export const FAKE_ANTHROPIC_MODELS = ["claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1"];

/**
 * Starts a fake Anthropic API on 127.0.0.1 (ephemeral port); `url` is the origin (the SDK's `baseURL`
 * adds `/v1`). Routes: POST /v1/messages (JSON or SSE), POST /v1/messages/count_tokens, GET /v1/models,
 * GET /v1/models/{id}. Every request needs a key, `x-api-key` or `Authorization: Bearer` (else 401), and
 * `anthropic-version` (else 400), as Anthropic.
 * @see https://docs.anthropic.com/en/api/messages
 *
 * @example
 * const fake = await startFakeAnthropic();
 * const client = new Anthropic({ baseURL: fake.url, apiKey: "sk-ant-test" });
 */
export function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeServer> {
  const models = options.models ?? FAKE_ANTHROPIC_MODELS;
  return startFakeServer(
    {
      basePath: "",
      errorResponse: anthropicErrorResponse,
      retryAfterHeader: true,
      requestIdHeader: "request-id",
      handle: (ctx) => handleAnthropic(ctx, options, models),
    },
    options,
  );
}

async function handleAnthropic(
  ctx: FakeContext,
  options: FakeAnthropicOptions,
  models: string[],
): Promise<void> {
  if (!checkHeaders(ctx, options)) return;
  const { method, path } = ctx.record;
  if (method === "POST" && path === "/v1/messages") return messages(ctx);
  if (method === "POST" && path === "/v1/messages/count_tokens") return countTokens(ctx);
  if (method === "GET" && path === "/v1/models") return listModels(ctx, models);
  if (method === "GET" && path.startsWith("/v1/models/")) return getModel(ctx, models);
  ctx.fail(404, "Not Found");
}

/**
 * The credential may come as `x-api-key` or, as API version 2026-10-21 and SDK 1.x send it,
 * `Authorization: Bearer`; `anthropic-version` is required.
 * @see https://docs.anthropic.com/en/api/overview#authentication
 * @see https://docs.anthropic.com/en/api/versioning
 * @see https://platform.claude.com/docs/en/api/migration-2026-10-21
 */
function checkHeaders(ctx: FakeContext, options: FakeAnthropicOptions): boolean {
  const { headers } = ctx.record;
  const bearer = headers["authorization"]?.startsWith("Bearer ")
    ? headers["authorization"].slice(7)
    : undefined;
  const key = headers["x-api-key"] || bearer;
  if (key === undefined || key.length === 0) {
    ctx.fail(401, "x-api-key header is required");
    return false;
  }
  if (options.apiKey !== undefined && key !== options.apiKey) {
    ctx.fail(401, "invalid x-api-key");
    return false;
  }
  if (headers["anthropic-version"] === undefined) {
    ctx.fail(400, "anthropic-version: header is required");
    return false;
  }
  return true;
}

/** Sampling parameters API version 2026-10-21 rejects with a 400 (2023-06-01 still accepts them). */
const REMOVED_IN_2026_10_21 = ["temperature", "top_p", "top_k"];

/** The body as an object with the required fields, or undefined after a 400 naming the first missing one. */
function validBody(ctx: FakeContext, required: string[]): Record<string, unknown> | undefined {
  const body = asJsonObject(ctx.record.json);
  if (body === undefined) {
    ctx.fail(400, "There was an issue with your request body: the body is not valid JSON.");
    return undefined;
  }
  const missing = required.find((name) => body[name] === undefined);
  if (missing !== undefined) {
    ctx.fail(400, `${missing}: Field required`);
    return undefined;
  }
  return body;
}

async function messages(ctx: FakeContext): Promise<void> {
  const body = validBody(ctx, ["model", "max_tokens", "messages"]);
  if (body === undefined) return;
  const removed = REMOVED_IN_2026_10_21.find((name) => body[name] !== undefined);
  if (removed !== undefined && (ctx.record.headers["anthropic-version"] ?? "") >= "2026-10-21") {
    return ctx.fail(400, `${removed}: Extra inputs are not permitted in API version 2026-10-21`);
  }
  const plan = planFakeReply(anthropicReplyInput(body, ctx.control.chunks));
  if (ctx.promptCache) plan.promptCache = ctx.promptCache;
  const seq = String(ctx.seq).padStart(6, "0");
  const meta = { id: `msg_fake${seq}`, model: String(body["model"]), toolUseId: `toolu_fake${seq}` };
  if (body["stream"] !== true) return sendJson(ctx, 200, encodeAnthropicMessage(plan, meta));
  await sendStream(ctx, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" },
    events: encodeAnthropicStream(plan, meta),
    errorEvent: encodeAnthropicStreamError(),
  });
}

/** @see https://docs.anthropic.com/en/api/messages-count-tokens */
async function countTokens(ctx: FakeContext): Promise<void> {
  const body = validBody(ctx, ["model", "messages"]);
  if (body === undefined) return;
  await sendJson(ctx, 200, { input_tokens: estimatePromptTokens(anthropicPromptTexts(body)) });
}

/** @see https://docs.anthropic.com/en/api/models */
function modelObject(id: string): Record<string, unknown> {
  return { type: "model", id, display_name: id, created_at: "2025-01-01T00:00:00Z" };
}

/** @see https://docs.anthropic.com/en/api/models-list */
function listModels(ctx: FakeContext, models: string[]): Promise<void> {
  return sendJson(ctx, 200, {
    data: models.map(modelObject),
    has_more: false,
    first_id: models[0] ?? null,
    last_id: models.at(-1) ?? null,
  });
}

function getModel(ctx: FakeContext, models: string[]): Promise<void> | void {
  const id = decodeURIComponent(ctx.record.path.slice("/v1/models/".length));
  if (models.includes(id)) return sendJson(ctx, 200, modelObject(id));
  ctx.fail(404, `model: ${id}`);
}
