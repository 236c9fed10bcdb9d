import {
  encodeOpenAIResponsesFakeResponse,
  encodeOpenAIResponsesFakeStream,
  encodeOpenAIResponsesFakeStreamError,
} from "./encode-openai-responses-fake-response.js";
import type { FakeContext } from "./fake-context.js";
import { fakeResponsesCompact } from "./fake-openai-responses-compact.js";
import { estimatePromptTokens } from "./fake-reply.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import type { FakeUpstreamOptions } from "./fake-upstream-options.js";
import { openAIErrorResponse } from "./openai-fake-error.js";
import { type FakeReplyInput, planFakeReply } from "./plan-fake-reply.js";
import { sendJson } from "./send-json.js";
import { sendStream } from "./send-stream.js";

type Json = Record<string, unknown>;

/** The texts of an input item (a message's string or parts' `text`, a function output). */
function itemTexts(item: unknown): string[] {
  if (typeof item !== "object" || item === null) return [];
  const i = item as Json;
  const content = i.type === "function_call_output" ? i.output : i.content;
  if (typeof content === "string") return [content];
  if (!Array.isArray(content)) return [];
  return content.flatMap((p) => (typeof (p as Json)?.text === "string" ? [(p as Json).text as string] : []));
}

/** What decides the reply to a Responses request: its texts, the last user text, tools, cap, reasoning. */
export function responsesReplyInput(body: Json, chunks: number): FakeReplyInput {
  const items =
    typeof body.input === "string"
      ? [{ role: "user", content: body.input }]
      : ((body.input as unknown[]) ?? []);
  const users = items.filter((i) => (i as Json)?.role === "user");
  const tools = Array.isArray(body.tools) ? (body.tools as Json[]) : [];
  const instructions = typeof body.instructions === "string" ? [body.instructions] : [];
  return {
    provider: "openai-responses",
    promptTexts: [...instructions, ...items.flatMap(itemTexts)],
    lastUserText: itemTexts(users.at(-1)).join(" "),
    toolNames: tools.flatMap((t) => (typeof t.name === "string" ? [t.name] : [])),
    chunks,
    maxTokens: body.max_output_tokens,
    thinking: (body.reasoning as Json | undefined)?.summary != null,
  };
}

/** POST /v1/responses, JSON or SSE. */
async function responses(ctx: FakeContext): Promise<void> {
  const body = ctx.record.json as Json | undefined;
  if (typeof body?.model !== "string" || body.input === undefined)
    return ctx.fail(400, "Missing required parameter: 'model' or 'input'.", {
      code: "missing_required_parameter",
    });
  const input = responsesReplyInput(body, ctx.control.chunks);
  const plan = planFakeReply(input);
  plan.promptTokens = estimatePromptTokens(input.promptTexts);
  const meta = {
    id: `fake${String(ctx.seq).padStart(6, "0")}`,
    callId: `call_fake${String(ctx.seq).padStart(6, "0")}`,
    created: Math.floor(ctx.now() / 1000),
    model: body.model,
  };
  if (body.stream !== true) return sendJson(ctx, 200, encodeOpenAIResponsesFakeResponse(plan, meta));
  await sendStream(ctx, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" },
    events: encodeOpenAIResponsesFakeStream(plan, meta),
    errorEvent: encodeOpenAIResponsesFakeStreamError(),
  });
}

/**
 * Starts a fake of OpenAI's Responses API on 127.0.0.1 (ephemeral port; `url` ends in `/v1`): POST
 * /v1/responses, JSON or SSE (`"stream": true`), and POST /v1/responses/compact
 * (fake-openai-responses-compact.ts), with the fault modes every fake has. Replies follow
 * fake-reply.ts ("Hello from fake-openai-responses ..."; a function call when tools are declared and the
 * last user text says "call tool"; a reasoning summary when `reasoning.summary` is set).
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @see https://platform.openai.com/docs/api-reference/responses/compact
 *
 * @example
 * const fake = await startFakeOpenAIResponses();
 * const client = new OpenAI({ baseURL: fake.url, apiKey: "sk-test" });
 */
export function startFakeOpenAIResponses(options: FakeUpstreamOptions = {}): Promise<FakeServer> {
  return startFakeServer(
    {
      basePath: "/v1",
      errorResponse: openAIErrorResponse,
      retryAfterHeader: true,
      requestIdHeader: "x-request-id",
      handle: (ctx) => {
        if (!(ctx.record.headers.authorization ?? "").startsWith("Bearer "))
          return ctx.fail(401, "You didn't provide an API key.", { code: null });
        if (ctx.record.method === "POST" && ctx.record.path === "/v1/responses") return responses(ctx);
        if (ctx.record.method === "POST" && ctx.record.path === "/v1/responses/compact")
          return fakeResponsesCompact(ctx);
        return ctx.fail(404, `Invalid URL (${ctx.record.method} ${ctx.record.path})`, { code: null });
      },
    },
    options,
  );
}
