import type { Deployment, Model, ModelInput } from "@gatehouse/server";
import type { DeploymentSpec, ModelSpec } from "./config-schema.js";

/** A model's stored fields, as the store's create takes them (without tenant and name). */
export type ModelFields = Omit<ModelInput, "tenantId" | "name">;

/** The file's key for each stored model field, for plans that speak the file's language. */
export const FILE_KEY_OF: Record<keyof ModelFields, string> = {
  aliases: "aliases",
  inputPricePerMTok: "prices.input",
  outputPricePerMTok: "prices.output",
  contextWindow: "contextWindow",
  maxOutputTokens: "maxOutputTokens",
  capabilities: "capabilities",
  unsupportedParams: "unsupportedParams",
  balanceStrategy: "strategy",
  fallbackModels: "fallbacks",
  contextFallbackModel: "contextFallback",
  contentFilterFallback: "contentFilterFallback",
  timeouts: "timeouts",
};

/**
 * The stored fields a file's model asks for (the file keeps the names of `models set`'s options;
 * the store those of the domain: strategy → balanceStrategy, fallbacks → fallbackModels...).
 *
 * @example
 * modelFieldsFromSpec(spec).inputPricePerMTok; // spec.prices.input, nano-USD
 */
export function modelFieldsFromSpec(spec: ModelSpec): Required<ModelFields> {
  return {
    aliases: spec.aliases,
    inputPricePerMTok: spec.prices.input,
    outputPricePerMTok: spec.prices.output,
    contextWindow: spec.contextWindow,
    maxOutputTokens: spec.maxOutputTokens,
    capabilities: spec.capabilities,
    unsupportedParams: spec.unsupportedParams,
    balanceStrategy: spec.strategy,
    fallbackModels: spec.fallbacks,
    contextFallbackModel: spec.contextFallback,
    contentFilterFallback: spec.contentFilterFallback,
    timeouts: spec.timeouts,
  };
}

/** A stored model in the file's shape, its deployments naming their provider by name. */
export function modelSpecFromModel(model: Model, deployments: DeploymentSpec[]): ModelSpec {
  return {
    name: model.name,
    aliases: [...model.aliases],
    prices: { input: model.inputPricePerMTok, output: model.outputPricePerMTok },
    contextWindow: model.contextWindow,
    maxOutputTokens: model.maxOutputTokens,
    capabilities: { ...model.capabilities },
    unsupportedParams: model.unsupportedParams,
    strategy: model.balanceStrategy,
    fallbacks: [...model.fallbackModels],
    contextFallback: model.contextFallbackModel,
    contentFilterFallback: model.contentFilterFallback,
    timeouts: { ...model.timeouts },
    deployments,
  };
}

/** A stored deployment in the file's shape. */
export function deploymentSpecFromDeployment(d: Deployment, provider: string): DeploymentSpec {
  return {
    provider,
    upstreamModel: d.upstreamModel,
    weight: d.weight,
    priority: d.priority,
    rpm: d.rpm,
    tpm: d.tpm,
    region: d.region,
  };
}
