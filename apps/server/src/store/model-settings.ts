import type {
  ModelBalanceStrategy,
  ModelCapabilities,
  ModelSettings,
  ModelTimeouts,
  UnsupportedParamsPolicy,
} from "./store-types.js";

/** The balancing strategies a model may name (the same names as resilience's BALANCE_STRATEGIES). */
export const MODEL_BALANCE_STRATEGIES: readonly ModelBalanceStrategy[] = Object.freeze([
  "weighted_random",
  "least_in_flight",
  "lowest_latency",
  "lowest_cost",
]);

export const UNSUPPORTED_PARAMS_POLICIES: readonly UnsupportedParamsPolicy[] = Object.freeze([
  "drop",
  "refuse",
]);

export const MODEL_CAPABILITY_NAMES: readonly (keyof ModelCapabilities)[] = Object.freeze([
  "tools",
  "vision",
  "json",
  "reasoning",
]);

export const MODEL_TIMEOUT_NAMES: readonly (keyof ModelTimeouts)[] = Object.freeze([
  "connectMs",
  "firstByteMs",
  "idleMs",
  "totalMs",
]);

/**
 * The settings of a model created without them, and of every model that existed before migration 0002:
 * no aliases, every capability unknown (so allowed), unsupported parameters dropped with a warning,
 * weighted random balancing, no fallbacks, global timeouts. A fresh copy each call: the arrays and
 * objects are the caller's to keep.
 *
 * @example
 * const model = { ...modelSettingDefaults(), ...input };
 */
export function modelSettingDefaults(): ModelSettings {
  return {
    aliases: [],
    capabilities: {},
    unsupportedParams: "drop",
    balanceStrategy: "weighted_random",
    fallbackModels: [],
    contextFallbackModel: null,
    contentFilterFallback: false,
    timeouts: {},
  };
}

/**
 * The input with every setting it leaves out (or gives as undefined) at its default.
 *
 * @example
 * withModelSettingDefaults({ name: "m", aliases: undefined }).aliases; // []
 */
export function withModelSettingDefaults<T extends Partial<ModelSettings>>(input: T): T & ModelSettings {
  const out: Record<string, unknown> = { ...input };
  for (const [key, value] of Object.entries(modelSettingDefaults())) {
    if (out[key] === undefined) out[key] = value;
  }
  return out as unknown as T & ModelSettings;
}
