import type { Deployment } from "./deployment.js";

/**
 * What a model is known to accept. An absent key means "unknown", which is allowed: only an explicit
 * `false` makes the gateway refuse a request that uses the feature, before any upstream call.
 */
export interface ModelCapabilities {
  tools?: boolean;
  vision?: boolean;
  json?: boolean;
  reasoning?: boolean;
}

/** What to do with request parameters the routed upstream cannot honour: drop them (with a warning
 * header), or refuse the request with `unsupported_parameter`. */
export type UnsupportedParamsPolicy = "drop" | "refuse";

/** How a priority group's deployments are chosen (the resilience balancer's strategy names). */
export type ModelBalanceStrategy = "weighted_random" | "least_in_flight" | "lowest_latency" | "lowest_cost";

/** Per-model upstream timeouts in milliseconds; absent keys fall back to the provider's and global ones. */
export interface ModelTimeouts {
  connectMs?: number;
  firstByteMs?: number;
  idleMs?: number;
  totalMs?: number;
}

/** Routing and capability settings of a model, each with a default (see `modelSettingDefaults`). */
export interface ModelSettings {
  /** Extra public names that resolve to this model, exactly (no wildcards). */
  aliases: string[];
  capabilities: ModelCapabilities;
  unsupportedParams: UnsupportedParamsPolicy;
  balanceStrategy: ModelBalanceStrategy;
  /** Models tried, in order, after every deployment of this one failed. */
  fallbackModels: string[];
  /** A model with a larger window, tried when the request exceeds this one's context. */
  contextFallbackModel: string | null;
  /** Whether a content-policy refusal may be retried on the fallback models. */
  contentFilterFallback: boolean;
  timeouts: ModelTimeouts;
}

export interface Model extends ModelSettings {
  id: string;
  tenantId: string;
  /** The public name clients send; may end in `*` to match a family (`openai/*`). */
  name: string;
  /** Price per million input tokens, nano-USD. */
  inputPricePerMTok: number;
  /** Price per million output tokens, nano-USD. */
  outputPricePerMTok: number;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  createdAt: number;
}

export interface ModelWithDeployments extends Model {
  deployments: Deployment[];
}
