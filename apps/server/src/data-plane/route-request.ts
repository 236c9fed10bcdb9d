import type { IncomingHttpHeaders } from "node:http";
import { GatewayError } from "@gatehouse/protocol";
import type { Candidate } from "../routing/model-catalog.js";
import { pickCandidate } from "../routing/pick-candidate.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import { presentedKey } from "./presented-key.js";
import type { RequestContext } from "./request-context.js";

/**
 * Authenticate the key, resolve the model for its tenant and pick a deployment. Nothing is written:
 * the caller decodes what it must, then calls {@link recordPending} right before forwarding.
 */
export async function routeRequest(
  rt: GatewayRuntime,
  ctx: RequestContext,
  headers: IncomingHttpHeaders,
  model: string,
  keyOverride?: string,
): Promise<Candidate> {
  const key = await rt.keys.resolve(keyOverride ?? presentedKey(headers));
  ctx.key = key;
  const route = rt.catalog.resolve(key.tenantId, model);
  const group = route?.groups[0];
  if (!route || !group) {
    throw new GatewayError(
      "model_not_found",
      `The model '${model}' does not exist or you do not have access to it.`,
      {
        param: "model",
      },
    );
  }
  ctx.route = route;
  const candidate = pickCandidate(group, rt.random);
  ctx.candidate = candidate;
  return candidate;
}

/** Makes the pending usage record durable: no upstream call happens unrecorded (DESIGN.md invariant 3). */
export async function recordPending(rt: GatewayRuntime, ctx: RequestContext): Promise<void> {
  const key = ctx.key!;
  const candidate = ctx.candidate!;
  try {
    await rt.usage.begin({
      id: ctx.id,
      tenantId: key.tenantId,
      workspaceId: key.workspaceId,
      apiKeyId: key.id,
      model: ctx.requestedModel ?? "",
      providerId: candidate.target.id,
      deploymentId: candidate.deployment.id,
      upstreamModel: candidate.upstreamModel,
      surface: ctx.surface,
      stream: ctx.stream,
      startedAt: ctx.startedAt,
    });
  } catch (err) {
    throw new GatewayError(
      "service_unavailable",
      "Usage could not be recorded; the request was not sent.",
      {},
      { cause: err },
    );
  }
  ctx.recorded = true;
}
