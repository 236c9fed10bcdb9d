import { GatewayError } from "../errors/gateway-error.js";

/**
 * Small readers for untrusted JSON. Every failure is a GatewayError("invalid_request") naming the
 * parameter path in Anthropic's own style (`messages.0.content.1.text`), so a client sees which field
 * is wrong. `null` counts as absent for optional fields, as the Anthropic API accepts it.
 */

export type JsonObject = Record<string, unknown>;

/** Whether a value is a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The 400 error for a bad field. */
export function invalidField(param: string, problem: string): GatewayError {
  return new GatewayError("invalid_request", `${param}: ${problem}`, { param });
}

export function requireRecord(value: unknown, param: string): JsonObject {
  if (!isRecord(value)) throw invalidField(param, "must be an object");
  return value;
}

export function requireString(value: unknown, param: string): string {
  if (typeof value !== "string") throw invalidField(param, "must be a string");
  return value;
}

export function optionalString(value: unknown, param: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  return requireString(value, param);
}

export function requireArray(value: unknown, param: string): unknown[] {
  if (!Array.isArray(value)) throw invalidField(param, "must be an array");
  return value;
}

export function optionalBoolean(value: unknown, param: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw invalidField(param, "must be a boolean");
  return value;
}

export interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
}

export function requireNumber(value: unknown, param: string, rule: NumberRule = {}): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw invalidField(param, "must be a number");
  if (rule.integer === true && !Number.isSafeInteger(value)) throw invalidField(param, "must be an integer");
  if (rule.min !== undefined && value < rule.min) throw invalidField(param, `must be at least ${rule.min}`);
  if (rule.max !== undefined && value > rule.max) throw invalidField(param, `must be at most ${rule.max}`);
  return value;
}

export function optionalNumber(value: unknown, param: string, rule: NumberRule = {}): number | undefined {
  if (value === undefined || value === null) return undefined;
  return requireNumber(value, param, rule);
}

/** A string that must be one of a closed set. */
export function requireEnum<T extends string>(value: unknown, param: string, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw invalidField(param, `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}`);
  }
  return value as T;
}
