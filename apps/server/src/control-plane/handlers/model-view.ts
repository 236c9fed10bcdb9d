import type { ModelWithDeployments } from "../../domain/model.js";

/** A model as the API answers it (ModelSchema), with its deployments. */
export function modelView(m: ModelWithDeployments) {
  return {
    id: m.id,
    tenantId: m.tenantId,
    name: m.name,
    inputPricePerMTok: m.inputPricePerMTok,
    outputPricePerMTok: m.outputPricePerMTok,
    contextWindow: m.contextWindow,
    maxOutputTokens: m.maxOutputTokens,
    aliases: m.aliases,
    capabilities: m.capabilities,
    unsupportedParams: m.unsupportedParams,
    balanceStrategy: m.balanceStrategy,
    fallbackModels: m.fallbackModels,
    contextFallbackModel: m.contextFallbackModel,
    contentFilterFallback: m.contentFilterFallback,
    timeouts: m.timeouts,
    deployments: m.deployments.map((d) => ({
      id: d.id,
      providerId: d.providerId,
      upstreamModel: d.upstreamModel,
      weight: d.weight,
      priority: d.priority,
    })),
    createdAt: m.createdAt,
  };
}
