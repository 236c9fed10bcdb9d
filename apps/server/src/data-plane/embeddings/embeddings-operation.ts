import { GatewayError, type IrEmbeddingsRequest, type IrEmbeddingsResponse } from "@gatehouse/protocol";
import { estimateTokens } from "../../metering/estimate-tokens.js";
import { adapterFor } from "../../providers/adapter-for.js";
import type { EmbeddingsAdapter } from "../../providers/provider-adapter.js";
import { type ClientBody, readClientBody } from "../client-body.js";
import type { Operation, ServeContext } from "../operation.js";
import type { BuildCall, CandidateCall } from "../pipeline/candidate-call.js";
import { clientGoneOutcome } from "../pipeline/client-gone.js";
import type { Exchange } from "../pipeline/exchange.js";
import { type ForwardHooks, forward } from "../pipeline/forward.js";
import type { Outcome } from "../pipeline/outcome.js";
import { answerOf, readUpstreamJson, relayJson, sendJson } from "../pipeline/relay-json.js";
import { RoutePlan } from "../pipeline/route-plan.js";
import { embeddingsInputChars } from "./embeddings-input-chars.js";
import type { EmbeddingsSurface } from "./embeddings-surface.js";
import { settleEmbeddingsUsage } from "./settle-embeddings-usage.js";
import { splitInputs } from "./split-inputs.js";

/** A decoded embeddings request: the IR for conversions, the client's body for same-protocol upstreams. */
export interface EmbeddingsRequest {
  ir: IrEmbeddingsRequest;
  warnings: readonly string[];
  body: ClientBody;
}

/** One candidate's call, with the IR parts of a request its upstream takes in several calls. */
interface EmbeddingsCall extends CandidateCall {
  embeddings: EmbeddingsAdapter;
  /** The IR of each upstream call, in order; one part unless the upstream caps inputs per call. */
  parts: IrEmbeddingsRequest[];
  passthrough: boolean;
}

/**
 * The embeddings operation of a surface (OpenAI /v1/embeddings, Gemini :embedContent and
 * :batchEmbedContents), through the same route plan, forwarder (retries, breakers, fallbacks, balancing,
 * deadline) and relay as chat. Same protocol on both sides: the client's body goes up (model renamed)
 * and the upstream's bytes come back, usage read off them. Otherwise: IR → upstream format, answer → IR
 * → client format. A request over the upstream's inputs-per-call limit is split into consecutive calls to
 * the deployment that answered the first, joined in order. A provider without an embeddings API is not a
 * candidate; with none left, the client gets a 400 before anything is recorded or sent.
 * @see https://platform.openai.com/docs/api-reference/embeddings
 * @see https://ai.google.dev/api/embeddings
 */
export function embeddingsOperation(es: EmbeddingsSurface): Operation<EmbeddingsRequest> {
  return {
    name: "embeddings",
    surface: es.surface,
    readsBody: true,
    decode: (input) => {
      const body = readClientBody(input.body);
      const { ir, warnings } = es.decode(body.json, input);
      const promptTokens = estimateTokens(embeddingsInputChars(ir.input));
      return {
        model: ir.model,
        stream: false,
        gatehouseField: body.field,
        request: { ir, warnings, body },
        estimate: { promptTokens, maxOutputTokens: 0 },
      };
    },
    serve: (ctx) => serveEmbeddings(es, ctx),
  };
}

async function serveEmbeddings(
  es: EmbeddingsSurface,
  ctx: ServeContext<EmbeddingsRequest>,
): Promise<Outcome> {
  const { rt, scope, request, res } = ctx;
  const chars = embeddingsInputChars(request.ir.input);
  const plan = RoutePlan.of(scope, scope.route!, rt.timeouts, rt.modelPolicy);
  const hooks: ForwardHooks = { beforeFirstAttempt: (served) => ctx.ticket.begin(served) };
  const exchange = await forward(rt, scope, res, plan, buildEmbeddingsCall(es, request), hooks);
  if (exchange === undefined) return clientGoneOutcome(undefined, chars);
  const call = exchange.call as EmbeddingsCall;
  const warnings = call.up.warnings;
  if (call.passthrough) {
    return relayJson(
      scope,
      rt.now,
      exchange,
      res,
      (bytes, json) => ({
        body: bytes,
        ...settleEmbeddingsUsage(es.reportedInputTokens(json), request.ir.input),
      }),
      warnings,
      chars,
    );
  }
  const answer = await joinParts(ctx, plan, exchange, call);
  if (answer === undefined) return clientGoneOutcome(exchange.served, chars);
  const settled = settleEmbeddingsUsage(answer.inputTokens, request.ir.input);
  const body = JSON.stringify(
    es.encodeResponse(
      { ...answer, inputTokens: settled.usage.inputTokens },
      request.ir,
      scope.requestedModel!,
    ),
  );
  return sendJson(scope, rt.now, exchange.served, res, { body, ...settled }, warnings);
}

function buildEmbeddingsCall(es: EmbeddingsSurface, request: EmbeddingsRequest): BuildCall {
  return (candidate, route) => {
    const adapter = adapterFor(candidate.target.kind);
    const embeddings = adapter.embeddings;
    if (embeddings === undefined) {
      return {
        notViable: new GatewayError(
          "invalid_request",
          `The model '${route.requestedName}' is served by provider '${candidate.target.name}' (${candidate.target.kind}), which has no embeddings API.`,
          { param: "model" },
        ),
      };
    }
    const parts = splitInputs(request.ir, embeddings.maxInputsPerCall?.(candidate.upstreamModel));
    const passthrough =
      adapter.protocol === es.surface.protocol &&
      embeddings.passthroughRequest !== undefined &&
      parts.length === 1;
    let up = passthrough
      ? embeddings.passthroughRequest!(request.body.raw, candidate.upstreamModel, candidate.target, es.method)
      : embeddings.request(parts[0]!, candidate.upstreamModel, candidate.target);
    if (!passthrough && request.warnings.length > 0)
      up = { ...up, warnings: [...request.warnings, ...up.warnings] };
    return { up, decodeError: adapter.decodeError, embeddings, parts, passthrough } satisfies EmbeddingsCall;
  };
}

/** Later parts of a split request: the usage record was begun before the first part was sent. */
const ALREADY_BEGUN: ForwardHooks = Object.freeze({ beforeFirstAttempt: () => Promise.resolve() });

/**
 * The answer of every part, joined in input order: the first from the exchange the forwarder opened, the
 * others each through the forwarder again, pinned to the same deployment. Undefined when the client left.
 */
async function joinParts(
  ctx: ServeContext<EmbeddingsRequest>,
  plan: RoutePlan,
  first: Exchange,
  call: EmbeddingsCall,
): Promise<IrEmbeddingsResponse | undefined> {
  const { rt, scope, res } = ctx;
  const model = scope.requestedModel!;
  const pinned = plan.pinned(first.served);
  const { candidate } = first.served;
  const vectors: number[][] = [];
  let inputTokens: number | undefined = 0;
  for (let i = 0; i < call.parts.length; i++) {
    const exchange =
      i === 0
        ? first
        : await forward(
            rt,
            scope,
            res,
            pinned,
            () => ({
              up: call.embeddings.request(call.parts[i]!, candidate.upstreamModel, candidate.target),
              decodeError: call.decodeError,
            }),
            ALREADY_BEGUN,
          );
    if (exchange === undefined) return undefined;
    const read = await readUpstreamJson(exchange);
    if (read === undefined) return undefined;
    const part = answerOf(
      read,
      (_b, json) => call.embeddings.decodeResponse(json, model),
      candidate.target.name,
    );
    const expected = call.parts[i]!.input.length;
    if (part.vectors.length !== expected) {
      throw new GatewayError(
        "upstream_error",
        `Upstream provider '${candidate.target.name}' sent ${part.vectors.length} embeddings for ${expected} inputs.`,
        { provider: candidate.target.name },
      );
    }
    vectors.push(...part.vectors);
    // Decoders say 0 for "not reported"; one part without a count makes the whole an estimate.
    inputTokens =
      inputTokens === undefined || part.inputTokens <= 0 ? undefined : inputTokens + part.inputTokens;
  }
  return { model, vectors, inputTokens: inputTokens ?? 0 };
}
