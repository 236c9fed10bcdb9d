import { decodeResponsesUsage, GatewayError } from "@gatehouse/protocol";
import { estimateTokens } from "../../metering/estimate-tokens.js";
import { adapterFor } from "../../providers/adapter-for.js";
import type { Candidate, Route } from "../../routing/model-catalog.js";
import { usageFrom } from "../chat/passthrough-helpers.js";
import { type ClientBody, readClientBody, withFields } from "../client-body.js";
import type { Operation, ServeContext } from "../operation.js";
import type { BuildCall } from "../pipeline/candidate-call.js";
import { clientGoneOutcome } from "../pipeline/client-gone.js";
import { forward } from "../pipeline/forward.js";
import type { Outcome } from "../pipeline/outcome.js";
import { relayJson } from "../pipeline/relay-json.js";
import { RoutePlan } from "../pipeline/route-plan.js";
import { type CompactRequest, decodeCompactRequest } from "./decode-compact-request.js";
import { responsesSurface } from "./responses-surface.js";

/** A compaction request: what the pipeline reads of it, and the client's body that goes upstream. */
export interface CompactCall {
  compact: CompactRequest;
  body: ClientBody;
}

const readUsage = usageFrom("usage", decodeResponsesUsage);

/**
 * POST /v1/responses/compact, "where the upstream offers it": the same pipeline as every request (the
 * key before the body, the model's authorization, rate limits, budgets and credits, routing with
 * retries, fallbacks and breakers, metering from the answer's `usage`), billed as a chat call. Only a
 * provider that speaks the Responses API natively (an `openai` provider with `responsesApi: true`) can
 * compact: it gets the client's bytes (the model renamed if it must be) and the client gets its answer
 * byte for byte. Compaction is OpenAI's own (its output is encrypted for OpenAI's models), so it has no
 * conversion: every other deployment is skipped, and with none left the client gets a 400 naming why.
 * @see https://platform.openai.com/docs/api-reference/responses/compact
 */
export function compactOperation(): Operation<CompactCall> {
  return {
    name: "chat",
    surface: responsesSurface,
    readsBody: true,
    decode: (input) => {
      const body = readClientBody(input.body);
      const compact = decodeCompactRequest(body.json);
      return {
        model: compact.model,
        stream: false,
        gatehouseField: body.field,
        request: { compact, body },
        // No output cap exists for a compaction: reservations take the model's (or the default).
        estimate: { promptTokens: estimateTokens(compact.promptChars), maxOutputTokens: undefined },
        promptText: compact.promptText,
      };
    },
    serve: (ctx) => serveCompact(ctx),
  };
}

async function serveCompact(ctx: ServeContext<CompactCall>): Promise<Outcome> {
  const { rt, scope, request, res } = ctx;
  const chars = request.compact.promptChars;
  const plan = RoutePlan.of(scope, scope.route!, rt.timeouts, rt.modelPolicy);
  const exchange = await forward(rt, scope, res, plan, buildCompactCall(request.body), {
    beforeFirstAttempt: (served) => ctx.ticket.begin(served),
  });
  if (exchange === undefined) return clientGoneOutcome(undefined, chars);
  return relayJson(
    scope,
    rt.now,
    exchange,
    res,
    (bytes, json) => ({ body: bytes, usage: readUsage(json) }),
    exchange.call.up.warnings,
    chars,
  );
}

function buildCompactCall(body: ClientBody): BuildCall {
  return (candidate, route) => {
    const adapter = adapterFor(candidate.target.kind);
    const request = adapter.responsesCompactRequest;
    if (request === undefined || candidate.target.config.responsesApi !== true)
      return { notViable: cannotCompact(route, candidate) };
    const upstreamModel = candidate.upstreamModel;
    const bytes = withFields(body, body.json.model === upstreamModel ? undefined : { model: upstreamModel });
    return { up: request(bytes, candidate.target), decodeError: adapter.decodeError };
  };
}

function cannotCompact(route: Route, candidate: Candidate): GatewayError {
  const { name, kind } = candidate.target;
  const how =
    kind === "openai"
      ? "an openai provider without config.responsesApi (it is sent Chat Completions, which has no compaction)"
      : `of kind ${kind}, which has no compaction endpoint`;
  return new GatewayError(
    "invalid_request",
    `/v1/responses/compact needs an upstream that offers it: the model '${route.requestedName}' is served here by provider '${name}', ${how}. Only an openai provider with config.responsesApi: true (OpenAI's Responses API) can compact.`,
    { param: "model" },
  );
}
