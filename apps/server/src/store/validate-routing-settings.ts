import { GatewayError } from "@gatehouse/protocol";
import {
  MODEL_BALANCE_STRATEGIES,
  MODEL_CAPABILITY_NAMES,
  MODEL_TIMEOUT_NAMES,
  UNSUPPORTED_PARAMS_POLICIES,
} from "./model-settings.js";
import type { DeploymentPatch, ModelPatch } from "./store-types.js";

/** The largest value of an `integer` column on both dialects (PostgreSQL's is 32-bit, signed). */
const INT32_MAX = 2_147_483_647;

/**
 * Checks the values of a model change before they are stored, so a bad setting is a clear 400
 * (`invalid_request` naming the field) at write time, never a route that misbehaves later. Only the
 * fields present are checked. Relations to other rows (alias or name taken, a fallback naming the model
 * itself) are the repository's to check, inside its transaction.
 *
 * @example
 * validateModelPatch({ aliases: ["gpt4"], balanceStrategy: "lowest_cost" });
 */
export function validateModelPatch(patch: ModelPatch): void {
  if (patch.name !== undefined) checkName(patch.name, "name");
  for (const field of ["inputPricePerMTok", "outputPricePerMTok"] as const) {
    const v = patch[field];
    if (v !== undefined && !(Number.isSafeInteger(v) && v >= 0))
      throw invalid(field, "must be a non-negative integer (nano-USD per million tokens)");
  }
  for (const field of ["contextWindow", "maxOutputTokens"] as const) {
    const v = patch[field];
    if (v !== undefined && v !== null && !isPositiveInteger(v, INT32_MAX))
      throw invalid(field, `must be a positive integer up to ${INT32_MAX}, or null`);
  }
  if (patch.aliases !== undefined) checkNames(patch.aliases, "aliases");
  if (patch.fallbackModels !== undefined) checkNames(patch.fallbackModels, "fallbackModels");
  if (patch.contextFallbackModel !== undefined && patch.contextFallbackModel !== null)
    checkName(patch.contextFallbackModel, "contextFallbackModel");
  if (patch.capabilities !== undefined) checkCapabilities(patch.capabilities);
  if (patch.unsupportedParams !== undefined && !UNSUPPORTED_PARAMS_POLICIES.includes(patch.unsupportedParams))
    throw invalid("unsupportedParams", `must be one of ${UNSUPPORTED_PARAMS_POLICIES.join(", ")}`);
  if (patch.balanceStrategy !== undefined && !MODEL_BALANCE_STRATEGIES.includes(patch.balanceStrategy))
    throw invalid("balanceStrategy", `must be one of ${MODEL_BALANCE_STRATEGIES.join(", ")}`);
  if (patch.contentFilterFallback !== undefined && typeof patch.contentFilterFallback !== "boolean")
    throw invalid("contentFilterFallback", "must be a boolean");
  if (patch.timeouts !== undefined) checkTimeouts(patch.timeouts);
}

/**
 * Checks a deployment change: weight a non-negative integer, priority an integer, rpm and tpm positive
 * integers or null, region a non-empty string or null.
 *
 * @example
 * validateDeploymentPatch({ weight: 3, rpm: 500, region: "eu-west-1" });
 */
export function validateDeploymentPatch(patch: DeploymentPatch): void {
  if (patch.weight !== undefined && !(isPositiveInteger(patch.weight, INT32_MAX) || patch.weight === 0))
    throw invalid("weight", `must be an integer from 0 to ${INT32_MAX}`);
  if (
    patch.priority !== undefined &&
    !(Number.isSafeInteger(patch.priority) && Math.abs(patch.priority) <= INT32_MAX)
  )
    throw invalid("priority", `must be an integer from -${INT32_MAX} to ${INT32_MAX}`);
  if (patch.rpm !== undefined && patch.rpm !== null && !isPositiveInteger(patch.rpm, INT32_MAX))
    throw invalid("rpm", `must be a positive integer up to ${INT32_MAX}, or null`);
  if (patch.tpm !== undefined && patch.tpm !== null && !isPositiveInteger(patch.tpm))
    throw invalid("tpm", "must be a positive integer or null");
  if (
    patch.region !== undefined &&
    patch.region !== null &&
    (typeof patch.region !== "string" || !patch.region)
  )
    throw invalid("region", "must be a non-empty string or null");
}

function checkName(name: unknown, field: string): void {
  if (typeof name !== "string" || name.trim() === "" || name !== name.trim() || name.length > 256)
    throw invalid(field, "must be a non-empty name of at most 256 characters, without surrounding spaces");
}

/** A list of exact model names: no wildcard (an alias or a fallback names one model), no repeats. */
function checkNames(names: unknown, field: string): void {
  if (!Array.isArray(names)) throw invalid(field, "must be an array of model names");
  const seen = new Set<string>();
  for (const name of names) {
    checkName(name, field);
    if ((name as string).includes("*")) throw invalid(field, `'${name}' is a wildcard; name one model`);
    if (seen.has(name as string)) throw invalid(field, `'${name}' is listed twice`);
    seen.add(name as string);
  }
}

function checkCapabilities(caps: unknown): void {
  if (typeof caps !== "object" || caps === null || Array.isArray(caps))
    throw invalid("capabilities", "must be an object");
  for (const [key, value] of Object.entries(caps)) {
    if (!(MODEL_CAPABILITY_NAMES as readonly string[]).includes(key))
      throw invalid(`capabilities.${key}`, `is not a capability (${MODEL_CAPABILITY_NAMES.join(", ")})`);
    if (value !== undefined && typeof value !== "boolean")
      throw invalid(`capabilities.${key}`, "must be a boolean");
  }
}

function checkTimeouts(timeouts: unknown): void {
  if (typeof timeouts !== "object" || timeouts === null || Array.isArray(timeouts))
    throw invalid("timeouts", "must be an object");
  for (const [key, value] of Object.entries(timeouts)) {
    if (!(MODEL_TIMEOUT_NAMES as readonly string[]).includes(key))
      throw invalid(`timeouts.${key}`, `is not a timeout (${MODEL_TIMEOUT_NAMES.join(", ")})`);
    if (value !== undefined && !isPositiveInteger(value, INT32_MAX))
      throw invalid(`timeouts.${key}`, "must be a positive integer number of milliseconds");
  }
}

function isPositiveInteger(v: unknown, max = Number.MAX_SAFE_INTEGER): boolean {
  return typeof v === "number" && Number.isSafeInteger(v) && v > 0 && v <= max;
}

function invalid(param: string, problem: string): GatewayError {
  return new GatewayError("invalid_request", `${param} ${problem}.`, { param });
}
