import { ERROR_CODES, type ErrorCode, GatewayError, SseParser } from "@gatehouse/protocol";
import { type Dispatcher, request } from "undici";

/** Where the server reaches its own data plane, and with which connection pool. */
export interface OwnGateway {
  /** `http://127.0.0.1:PORT`: this process's own listening address (the wildcard address read as loopback). */
  url(): string;
  dispatcher: Dispatcher;
}

/** One piece of a Chat Completions stream, as the answer run needs it. */
export type ChatStreamPiece =
  | { kind: "text"; text: string }
  /** A piece of tool call `index`: its id and name come first, its arguments in fragments after. */
  | { kind: "tool_call"; index: number; id?: string; name?: string; arguments: string }
  | { kind: "usage"; inputTokens: number; outputTokens: number }
  | { kind: "error"; message: string }
  | { kind: "done" };

/** The largest error answer read from the data plane (its JSON error body is a few hundred bytes). */
const MAX_ERROR_BYTES = 64 * 1024;

/**
 * Sends a Chat Completions request to this gateway's own data plane as the holder of `key`: the full
 * pipeline runs (authentication, model permission, rate limits, budgets, routing, metering, the usage
 * record), exactly as for any client — chat answers take no side door. Resolves once the data plane
 * answered with its status line: a 200 gives the response; any other status is thrown as the same
 * GatewayError (code, status, message, Retry-After, and the refused request's `x-gatehouse-request-id` as
 * `requestId`) for the caller to see, and its body is read (bounded).
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @example
 * const res = await callOwnGateway(gw, key, { model, messages, stream: true }, signal);
 */
export async function callOwnGateway(
  gateway: OwnGateway,
  key: string,
  body: Record<string, unknown>,
  signal: AbortSignal,
): Promise<Dispatcher.ResponseData> {
  const res = await request(`${gateway.url()}/v1/chat/completions`, {
    method: "POST",
    dispatcher: gateway.dispatcher,
    headers: {
      authorization: `Bearer ${key}`,
      "content-type": "application/json",
      accept: body.stream === true ? "text/event-stream" : "application/json",
      "user-agent": "gatehouse-chat",
    },
    body: JSON.stringify(body),
    signal,
  }).catch((err: unknown) => {
    if (signal.aborted) throw err;
    throw new GatewayError(
      "service_unavailable",
      "The gateway could not be reached to run the answer.",
      {},
      {
        cause: err,
      },
    );
  });
  if (res.statusCode === 200) return res;
  throw refusalOf(res.statusCode, res.headers, await readBounded(res.body, MAX_ERROR_BYTES));
}

/** The data plane's request id of an answer (its usage record's id). */
export function requestIdOf(res: Dispatcher.ResponseData): string | null {
  const id = res.headers["x-gatehouse-request-id"];
  return typeof id === "string" ? id : null;
}

/**
 * The pieces of an OpenAI Chat Completions stream: content deltas, tool-call deltas, the usage chunk
 * (`stream_options.include_usage`), an in-stream error event, `[DONE]`.
 *
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
export async function* chatStreamPieces(body: AsyncIterable<Uint8Array>): AsyncGenerator<ChatStreamPiece> {
  const parser = new SseParser();
  for await (const chunk of body) {
    for (const event of parser.push(chunk)) yield* piecesOf(event.data);
  }
  for (const event of parser.end()) yield* piecesOf(event.data);
}

function* piecesOf(data: string): Generator<ChatStreamPiece> {
  if (data === "[DONE]") {
    yield { kind: "done" };
    return;
  }
  let chunk: StreamChunk;
  try {
    chunk = JSON.parse(data) as StreamChunk;
  } catch {
    return;
  }
  if (chunk === null || typeof chunk !== "object") return;
  if (chunk.error) {
    yield { kind: "error", message: String(chunk.error.message ?? "The model's stream failed.") };
    return;
  }
  const delta = chunk.choices?.[0]?.delta;
  const content = delta?.content;
  if (typeof content === "string" && content !== "") yield { kind: "text", text: content };
  if (Array.isArray(delta?.tool_calls)) yield* toolCallPieces(delta.tool_calls);
  if (chunk.usage) {
    yield {
      kind: "usage",
      inputTokens: count(chunk.usage.prompt_tokens),
      outputTokens: count(chunk.usage.completion_tokens),
    };
  }
}

/** Tool-call deltas: `{ index, id?, function: { name?, arguments? } }`; malformed entries are skipped. */
function* toolCallPieces(calls: unknown[]): Generator<ChatStreamPiece> {
  for (const c of calls) {
    const call = (c ?? {}) as {
      index?: unknown;
      id?: unknown;
      function?: { name?: unknown; arguments?: unknown };
    };
    const index = call.index;
    if (typeof index !== "number" || !Number.isSafeInteger(index) || index < 0) continue;
    const fn = call.function ?? {};
    yield {
      kind: "tool_call",
      index,
      ...(typeof call.id === "string" && call.id !== "" && { id: call.id }),
      ...(typeof fn.name === "string" && fn.name !== "" && { name: fn.name }),
      arguments: typeof fn.arguments === "string" ? fn.arguments : "",
    };
  }
}

interface StreamChunk {
  error?: { message?: unknown };
  choices?: { delta?: { content?: unknown; tool_calls?: unknown } }[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } | null;
}

function count(v: unknown): number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : 0;
}

/** The data plane's error answer (OpenAI's `{ error: { message, code } }`) as a GatewayError. */
function refusalOf(status: number, headers: Dispatcher.ResponseData["headers"], text: string): GatewayError {
  let error: { message?: unknown; code?: unknown } | undefined;
  try {
    error = (JSON.parse(text) as { error?: { message?: unknown; code?: unknown } }).error;
  } catch {
    error = undefined;
  }
  const code =
    typeof error?.code === "string" && error.code in ERROR_CODES ? (error.code as ErrorCode) : codeOf(status);
  const message = typeof error?.message === "string" ? error.message : `The gateway answered HTTP ${status}.`;
  const retryAfter = Number(headers["retry-after"]);
  const requestId = headers["x-gatehouse-request-id"];
  return new GatewayError(code, message, {
    status,
    ...(typeof requestId === "string" && requestId !== "" && { requestId }),
    ...(headers["retry-after"] !== undefined &&
      Number.isFinite(retryAfter) && { retryAfterSeconds: retryAfter }),
  });
}

function codeOf(status: number): ErrorCode {
  if (status === 401) return "invalid_api_key";
  if (status === 402) return "budget_exceeded";
  if (status === 403) return "permission_denied";
  if (status === 404) return "model_not_found";
  if (status === 413) return "payload_too_large";
  if (status === 429) return "rate_limited";
  if (status >= 400 && status < 500) return "invalid_request";
  return "upstream_error";
}

/** The body as text, at most `max` bytes of it (the rest is discarded, the connection kept usable). */
export async function readBounded(body: AsyncIterable<Uint8Array>, max: number): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size >= max) continue;
    parts.push(Buffer.from(chunk));
    size += chunk.byteLength;
  }
  return Buffer.concat(parts).toString("utf8").slice(0, max);
}
