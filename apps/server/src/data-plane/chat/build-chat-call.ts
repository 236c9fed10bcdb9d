import type { IncomingHttpHeaders } from "node:http";
import { GatewayError } from "@gatehouse/protocol";
import { adapterFor } from "../../providers/adapter-for.js";
import type { ProviderAdapter, UpstreamRequest } from "../../providers/provider-adapter.js";
import type { Candidate, Route } from "../../routing/model-catalog.js";
import { enforceParamPolicy } from "../enforce-param-policy.js";
import type { BuildCall, CandidateCall, NotViable } from "../pipeline/candidate-call.js";
import type { ChatRequest } from "./chat-request.js";
import type { ChatSurface } from "./chat-surface.js";
import { nativeRequestOf } from "./native-request-of.js";
import type { RouteImages } from "./prefetch-route-images.js";

/**
 * How a chat request is sent to one candidate. Same protocol on both sides (OpenAI to OpenAI, Azure and
 * every OpenAI-compatible vendor; Anthropic to Anthropic; Gemini to Gemini): the client's own bytes, the
 * model renamed if it must be, with the client headers that select API behaviour — so fields the IR does
 * not model travel too. Otherwise the IR encoded for the upstream (with image bytes where it needs them);
 * a candidate that cannot take the request — a feature only the client's protocol has, or parameters the
 * model refuses to drop — is not viable and is skipped, so the bodies a model accepts never depend on
 * its fallback chain.
 */
export function buildChatCall(
  surface: ChatSurface,
  request: ChatRequest,
  images: RouteImages,
  headers: IncomingHttpHeaders,
  now: () => number,
): BuildCall {
  return (candidate, route) => {
    const adapter = adapterFor(candidate.target.kind);
    const native = nativeRequestOf(surface, adapter, candidate.target);
    if (native !== undefined) {
      const body = surface.passthroughBody(request, candidate.upstreamModel);
      const up = native(body, candidate.upstreamModel, request.ir.stream, now());
      return {
        up: withClientHeaders(up, surface.passthroughHeaders, headers),
        decodeError: adapter.decodeError,
      };
    }
    const unmodeled = request.unmodeled[0];
    if (unmodeled !== undefined) {
      return notViable(
        new GatewayError(
          "unsupported_parameter",
          `'${unmodeled.param}' ${unmodeled.reason} ${servedBy(route, candidate)}`,
          {
            param: unmodeled.param,
          },
        ),
      );
    }
    return convertedCall(adapter, request, images, candidate, route, now());
  };
}

function convertedCall(
  adapter: ProviderAdapter,
  request: ChatRequest,
  images: RouteImages,
  candidate: Candidate,
  route: Route,
  now: number,
): CandidateCall | NotViable {
  let up: UpstreamRequest;
  try {
    up = adapter.chatRequest(images.irFor(adapter), candidate.upstreamModel, candidate.target, now);
    const warnings = request.warnings.length === 0 ? up.warnings : [...request.warnings, ...up.warnings];
    enforceParamPolicy(warnings, route.model);
    if (warnings !== up.warnings) up = { ...up, warnings };
  } catch (err) {
    if (err instanceof GatewayError && err.code === "unsupported_parameter") return notViable(err);
    throw err;
  }
  return { up, decodeError: adapter.decodeError };
}

function notViable(err: GatewayError): NotViable {
  return { notViable: err };
}

function servedBy(route: Route, candidate: Candidate): string {
  return `(the model '${route.requestedName}' is served here by provider '${candidate.target.name}', of kind ${candidate.target.kind}, which cannot take it).`;
}

/** The upstream request with the client headers the surface passes to a same-protocol upstream. */
function withClientHeaders(
  up: UpstreamRequest,
  names: readonly string[],
  headers: IncomingHttpHeaders,
): UpstreamRequest {
  let merged: Record<string, string> | undefined;
  for (const name of names) {
    const v = headers[name];
    if (typeof v !== "string") continue;
    merged ??= { ...up.headers };
    merged[name] = v;
  }
  return merged ? { ...up, headers: merged } : up;
}
