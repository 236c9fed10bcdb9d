import type { StreamEncoder } from "@gatehouse/protocol";
import { estimateTokens } from "../../metering/estimate-tokens.js";
import { adapterFor } from "../../providers/adapter-for.js";
import { checkCapabilities } from "../check-capabilities.js";
import { type ClientBody, readClientBody } from "../client-body.js";
import type { Decoded, DecodeInput, Operation, ServeContext } from "../operation.js";
import { clientGoneOutcome } from "../pipeline/client-gone.js";
import { DecodingStreamPipe } from "../pipeline/decoding-stream-pipe.js";
import { forward } from "../pipeline/forward.js";
import type { Outcome } from "../pipeline/outcome.js";
import { relayJson } from "../pipeline/relay-json.js";
import { relayStream } from "../pipeline/relay-stream.js";
import { RoutePlan } from "../pipeline/route-plan.js";
import { promptCharsOf } from "../prompt-chars-of.js";
import { promptTextOf } from "../prompt-text-of.js";
import type { ErrorRenderer } from "../surface-error.js";
import { buildChatCall } from "./build-chat-call.js";
import type { ChatRequest } from "./chat-request.js";
import type { ChatSurface } from "./chat-surface.js";
import { nativeRequestOf } from "./native-request-of.js";
import { prefetchPlanImages } from "./prefetch-plan-images.js";

/**
 * The chat operation of a surface (OpenAI chat completions, Anthropic messages, Gemini generateContent):
 * decode the body into the IR (keeping the client's bytes for same-protocol upstreams), check it against
 * the requested model's capabilities, plan the route, fetch image URLs for deployments that need bytes,
 * forward, and relay the answer — the upstream's own bytes when its protocol is the client's, converted
 * through the IR otherwise, streams chunk by chunk.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://ai.google.dev/api/generate-content
 */
export function chatOperation(surface: ChatSurface): Operation<ChatRequest> {
  return {
    name: "chat",
    surface,
    readsBody: true,
    decode: (input) => decodeChat(surface, input),
    serve: (ctx) => serveChat(surface, ctx),
  };
}

function decodeChat(surface: ChatSurface, input: DecodeInput): Decoded<ChatRequest> {
  return decodeChatBody(surface, readClientBody(input.body), input);
}

/** A parsed client body → the decoded chat request (for operations that prepare the body first). */
export function decodeChatBody(
  surface: ChatSurface,
  body: ClientBody,
  input: DecodeInput,
): Decoded<ChatRequest> {
  const { ir, warnings, unmodeled } = surface.decodeChat(body.json, input);
  return {
    model: ir.model,
    stream: ir.stream,
    gatehouseField: body.field,
    request: { ir, warnings, unmodeled, body },
    estimate: { promptTokens: estimateTokens(promptCharsOf(ir)), maxOutputTokens: ir.maxTokens },
    promptText: () => promptTextOf(ir),
  };
}

/** Serves a decoded chat request (the chat operation's serve step, for operations that wrap it). */
export async function serveChat(surface: ChatSurface, ctx: ServeContext<ChatRequest>): Promise<Outcome> {
  const { rt, scope, request, res } = ctx;
  const { ir } = request;
  const route = scope.route!;
  const promptChars = promptCharsOf(ir);
  checkCapabilities(ir, route.model, estimateTokens(promptChars), surface.maxTokensParam(request.body.json));
  const plan = RoutePlan.of(scope, route, rt.timeouts, rt.modelPolicy);
  const images = await prefetchPlanImages(rt.imageFetcher, plan, request, surface.protocol, res);
  if (images === undefined) return clientGoneOutcome(undefined, promptChars);
  const build = buildChatCall(surface, request, images, ctx.headers, rt.now);
  const exchange = await forward(rt, scope, res, plan, build, {
    beforeFirstAttempt: (served) => ctx.ticket.begin(served),
  });
  if (exchange === undefined) return clientGoneOutcome(undefined, promptChars);
  const adapter = adapterFor(exchange.served.candidate.target.kind);
  const passthrough = nativeRequestOf(surface, adapter, exchange.served.candidate.target) !== undefined;
  const warnings = exchange.call.up.warnings;
  const model = scope.requestedModel!;
  if (ir.stream) {
    if (passthrough) {
      const pipe = surface.passthroughPipe(adapter, request, exchange);
      return relayStream(scope, rt.now, exchange, res, pipe, surface.errors, warnings, promptChars);
    }
    const encoder = surface.createStreamEncoder(ir, model, request);
    const errors = encoderErrors(surface.errors, encoder);
    const provider = exchange.served.candidate.target.name;
    const pipe = new DecodingStreamPipe(adapter, exchange.response.headers, provider, errors, encoder);
    return relayStream(scope, rt.now, exchange, res, pipe, errors, warnings, promptChars);
  }
  return relayJson(
    scope,
    rt.now,
    exchange,
    res,
    (bytes, json) => {
      if (passthrough) {
        const body = surface.passthroughAnswer?.(request, bytes, json) ?? bytes;
        return { body, usage: surface.readUsage(json) };
      }
      const answer = adapter.decodeResponse(json, exchange.response.headers);
      return { body: JSON.stringify(surface.encodeResponse(answer, model, request)), usage: answer.usage };
    },
    warnings,
    promptChars,
  );
}

/**
 * A converted stream's in-stream errors, written by its encoder: a stream whose events are numbered or
 * nested (the Responses API's `sequence_number`, its `response.failed`) can only end correctly from the
 * encoder's state. An encoder already closed writes nothing more.
 */
function encoderErrors(errors: ErrorRenderer, encoder: StreamEncoder): ErrorRenderer {
  return {
    ...errors,
    streamEvent: (err) => encoder.push({ type: "error", code: err.code, message: err.message }),
  };
}
