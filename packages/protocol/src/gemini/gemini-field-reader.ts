import { GatewayError } from "../errors/gateway-error.js";

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Bounds for a number read from a body. */
export interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
}

/**
 * Typed reads of an untrusted Gemini request body. Every failure is a GatewayError("invalid_request")
 * whose `param` is the JSON path in Gemini's own dotted style (`contents[0].parts[1].text`), so a client
 * sees which field is wrong. `null` counts as absent for optional fields.
 *
 * @example
 * const temperature = geminiField.optionalNumber(config.temperature, "generationConfig.temperature", { min: 0 });
 */
export const geminiField = {
  invalid(param: string, problem: string): GatewayError {
    return new GatewayError("invalid_request", `${param} ${problem}`, { param });
  },
  /** An upstream answer that breaks Gemini's contract: the upstream's fault, named by its field path. */
  upstream(param: string, problem: string): GatewayError {
    return new GatewayError("upstream_error", `Unexpected Gemini response: ${param} ${problem}`, {
      provider: "gemini",
    });
  },
  /** A valid Gemini feature that Gatehouse cannot carry to another provider. */
  unsupported(param: string, problem: string): GatewayError {
    return new GatewayError("unsupported_parameter", `${param} ${problem}`, { param });
  },
  object(value: unknown, param: string): JsonObject {
    if (!isJsonObject(value)) throw geminiField.invalid(param, "must be an object");
    return value;
  },
  optionalObject(value: unknown, param: string): JsonObject | undefined {
    return value === undefined || value === null ? undefined : geminiField.object(value, param);
  },
  array(value: unknown, param: string): unknown[] {
    if (!Array.isArray(value)) throw geminiField.invalid(param, "must be an array");
    return value;
  },
  optionalArray(value: unknown, param: string): unknown[] | undefined {
    return value === undefined || value === null ? undefined : geminiField.array(value, param);
  },
  string(value: unknown, param: string): string {
    if (typeof value !== "string") throw geminiField.invalid(param, "must be a string");
    return value;
  },
  optionalString(value: unknown, param: string): string | undefined {
    return value === undefined || value === null ? undefined : geminiField.string(value, param);
  },
  optionalBoolean(value: unknown, param: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "boolean") throw geminiField.invalid(param, "must be a boolean");
    return value;
  },
  number(value: unknown, param: string, rule: NumberRule = {}): number {
    if (typeof value !== "number" || !Number.isFinite(value))
      throw geminiField.invalid(param, "must be a number");
    if (rule.integer === true && !Number.isSafeInteger(value))
      throw geminiField.invalid(param, "must be an integer");
    if (rule.min !== undefined && value < rule.min)
      throw geminiField.invalid(param, `must be >= ${rule.min}`);
    if (rule.max !== undefined && value > rule.max)
      throw geminiField.invalid(param, `must be <= ${rule.max}`);
    return value;
  },
  optionalNumber(value: unknown, param: string, rule: NumberRule = {}): number | undefined {
    return value === undefined || value === null ? undefined : geminiField.number(value, param, rule);
  },
  stringArray(value: unknown, param: string): string[] {
    return geminiField.array(value, param).map((v, i) => geminiField.string(v, `${param}[${i}]`));
  },
  /** A Gemini enum; matched case-insensitively (the API accepts `low` and `LOW`), returned upper-case. */
  optionalEnum<T extends string>(value: unknown, param: string, allowed: readonly T[]): T | undefined {
    if (value === undefined || value === null) return undefined;
    const upper = typeof value === "string" ? value.toUpperCase() : undefined;
    const found = allowed.find((a) => a === upper);
    if (found === undefined) throw geminiField.invalid(param, `must be one of ${allowed.join(", ")}`);
    return found;
  },
};
