import type { IrResponseFormat } from "../ir/chat-request.js";
import { requireEnum, requireRecord } from "./wire-validation.js";

/** The IR name given to an Anthropic output schema, which carries no name of its own. */
export const ANTHROPIC_OUTPUT_SCHEMA_NAME = "response";

/**
 * Structured outputs (`output_config.format`, or the older beta `output_format`) → IR response format.
 * `output_config` wins when both are present.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs
 *
 * @example
 * decodeAnthropicOutputFormat({ format: { type: "json_schema", schema: { type: "object" } } }, undefined);
 * // { type: "json_schema", name: "response", schema: { type: "object" } }
 */
export function decodeAnthropicOutputFormat(
  outputConfig: Record<string, unknown> | undefined,
  legacyOutputFormat: unknown,
): IrResponseFormat | undefined {
  const configured = outputConfig?.["format"];
  if (configured !== undefined && configured !== null)
    return decodeFormat(configured, "output_config.format");
  if (legacyOutputFormat !== undefined && legacyOutputFormat !== null)
    return decodeFormat(legacyOutputFormat, "output_format");
  return undefined;
}

function decodeFormat(value: unknown, param: string): IrResponseFormat {
  const format = requireRecord(value, param);
  requireEnum(format["type"], `${param}.type`, ["json_schema"] as const);
  return {
    type: "json_schema",
    name: ANTHROPIC_OUTPUT_SCHEMA_NAME,
    schema: requireRecord(format["schema"], `${param}.schema`),
  };
}
