import { GatewayError } from "@gatehouse/protocol";
import { adapterFor } from "../../../providers/adapter-for.js";
import type { Candidate } from "../../../routing/model-catalog.js";
import type { BuildCall, CandidateCall } from "../candidate-call.js";

/**
 * The call of a minimal OpenAI chat completion to a candidate (OpenAI-compatible fakes), its errors read
 * by the candidate kind's own decoder.
 */
export function chatCall(candidate: Candidate, stream = false): CandidateCall {
  return {
    up: {
      path: `${candidate.target.basePath}/chat/completions`,
      headers: candidate.target.headers,
      body: JSON.stringify({
        model: candidate.upstreamModel,
        stream,
        ...(stream ? { stream_options: { include_usage: true } } : {}),
        messages: [{ role: "user", content: "Hi" }],
      }),
      warnings: [],
    },
    decodeError: adapterFor(candidate.target.kind).decodeError,
  };
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
