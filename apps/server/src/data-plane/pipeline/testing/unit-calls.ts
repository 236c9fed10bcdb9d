import { GatewayError } from "@gatehouse/protocol";
import { adapterFor } from "../../../providers/adapter-for.js";
import type { Candidate } from "../../../routing/model-catalog.js";
import type { BuildCall, CandidateCall } from "../candidate-call.js";

/** A body in the candidate's own protocol, sent as the passthrough path sends a client's. */
function passthroughCall(candidate: Candidate, body: object, stream: boolean): CandidateCall {
  const adapter = adapterFor(candidate.target.kind);
  return {
    up: adapter.passthroughRequest(
      JSON.stringify(body),
      candidate.upstreamModel,
      stream,
      candidate.target,
      0,
    ),
    decodeError: adapter.decodeError,
  };
}

/**
 * The call of a minimal OpenAI chat completion to an OpenAI-protocol candidate (the usage chunk asked for
 * when streaming), built and read by the candidate kind's adapter.
 */
export function chatCall(candidate: Candidate, stream = false): CandidateCall {
  const body = {
    model: candidate.upstreamModel,
    stream,
    ...(stream ? { stream_options: { include_usage: true } } : {}),
    messages: [{ role: "user", content: "Hi" }],
  };
  return passthroughCall(candidate, body, stream);
}

/** The call of a minimal Anthropic message to a candidate of kind anthropic. */
export function messagesCall(candidate: Candidate, stream = false): CandidateCall {
  const body = {
    model: candidate.upstreamModel,
    stream,
    max_tokens: 100,
    messages: [{ role: "user", content: "Hi" }],
  };
  return passthroughCall(candidate, body, stream);
}

/**
 * A BuildCall of {@link chatCall}, except that the providers named in `refusals` cannot take the request
 * (each with its own reason, a 400 unsupported_parameter); every build is logged in `built`.
 */
export function chatBuild(refusals: Record<string, string> = {}, built: string[] = []): BuildCall {
  return (candidate, route) => {
    built.push(`${route.model.name}/${candidate.target.name}`);
    const reason = refusals[candidate.target.name];
    if (reason !== undefined) return { notViable: new GatewayError("unsupported_parameter", reason) };
    return chatCall(candidate);
  };
}
